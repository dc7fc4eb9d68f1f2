import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, boundShutdown, ConfigError, loadConfig, logLevels, stopWithLauncher } from '@dragnet/platform';
import { adminPasswordCheck } from './admin-password.check';
import { ApiModule } from './api.module';
import { configureApi } from './configure-api';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env, [adminPasswordCheck]);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bodyParser: false,
    logger: logLevels(config),
  });
  configureApi(app, app.get(AppConfig));
  // On SIGINT/SIGTERM open live feeds end and requests in flight finish before the process exits.
  app.enableShutdownHooks();
  // ... but never for longer than SHUTDOWN_TIMEOUT_MS: then it says what is still open and exits 1.
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  stopWithLauncher(app);
  await app.listen(config.PORT);
  Logger.log(`Dragnet API listening on http://localhost:${config.PORT}/api (docs at /api/docs)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
