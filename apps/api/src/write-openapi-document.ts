import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiModule } from './api.module';
import { createOpenApiDocument } from './openapi-document';

/**
 * Writes the OpenAPI document to the file named on the command line, without a database or Redis:
 * Nest's preview mode reads the controllers' metadata and creates no provider. The console's build
 * generates its API types from this file, so a contract change breaks the console's build.
 */
async function writeOpenApiDocument(file: string): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: ['error'] });
  app.setGlobalPrefix('api');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node write-openapi-document.js <file.json>');
  process.exit(2);
}
writeOpenApiDocument(file).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
