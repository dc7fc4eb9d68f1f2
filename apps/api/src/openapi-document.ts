import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeOpenApiDocument } from './common/openapi-document';

/** The API's OpenAPI document: served at /api/docs-json, and the contract the console is built against. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return completeOpenApiDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Dragnet API')
        .setDescription(
          'Coordinated international fugitive round-ups. Every error answers ' +
            '`{ statusCode, error, message, details?, requestId }`.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
}
