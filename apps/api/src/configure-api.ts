import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, bodyShapeLimit, createValidationPipe, requestIdMiddleware } from '@dragnet/platform';
import helmet from 'helmet';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './admin/queue-dashboard';
import { precompressedAssets } from './console/precompressed-assets';
import { createOpenApiDocument } from './openapi-document';

/** Everything the HTTP app needs besides its module; shared by main.ts and the tests. */
export function configureApi(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  // X-Forwarded-For counts only from the proxies named in TRUSTED_PROXIES (none by default), so a
  // caller cannot pick its own address for the per-address login limit.
  express.set('trust proxy', config.trustProxy);
  express.disable('x-powered-by');
  // No ETag on API answers: hashing every JSON body cost a few % of each request, and no client sends
  // If-None-Match (the console's static files keep theirs: serve-static sets its own).
  express.set('etag', false);
  express.use(requestIdMiddleware);
  // Before helmet: Bull Board's UI brings its own scripts and styles; it checks the admin's token itself.
  express.use(QUEUE_DASHBOARD_PATH, ...app.get(QueueDashboard).handlers());
  express.use(helmet());
  // The console's files as the build compressed them (ConsoleModule serves them after this).
  express.use(precompressedAssets(config.CONSOLE_DIR));
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  express.use(bodyShapeLimit);
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
