import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig, createValidationPipe, requestIdMiddleware } from '@dragnet/platform';
import helmet from 'helmet';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './admin/queue-dashboard';
import { createOpenApiDocument } from './openapi-document';

/** Everything the HTTP app needs besides its module; shared by main.ts and the tests. */
export function configureApi(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  express.use(requestIdMiddleware);
  // Before helmet: Bull Board's UI brings its own scripts and styles; it checks the admin's token itself.
  express.use(QUEUE_DASHBOARD_PATH, ...app.get(QueueDashboard).handlers());
  express.use(helmet());
  express.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
