import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { boundShutdown, ConfigError, loadConfig, logLevels, stopWithLauncher } from '@dragnet/platform';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: logLevels(config) });
  // On SIGTERM the BullMQ workers finish their current jobs before the process exits.
  app.enableShutdownHooks();
  // ... but never for longer than SHUTDOWN_TIMEOUT_MS: then it says what is still open and exits 1.
  boundShutdown(config.SHUTDOWN_TIMEOUT_MS);
  stopWithLauncher(app);
  Logger.log('Dragnet worker started', 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
