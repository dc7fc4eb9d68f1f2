'use strict';
/**
 * The framework's ceiling for the read bench (`bench:operation-read -- --ceiling`): a bare NestJS app
 * (one controller, no guards, pipes, interceptors, filters or middleware) that checks the token and
 * sends the same two statements through `pg` as the raw baseline, on @nestjs/platform-express or on
 * @nestjs/platform-fastify. Measured beside the raw server in the same run, it says how close to the
 * raw server any Nest app can get on this machine, before Dragnet's own work.
 *
 * Forked by the read bench as `operation-read.bench.js --nest-server express|fastify`. The Nest
 * packages are loaded from CEILING_DEPS (a directory with its own node_modules) when it is set, so a
 * platform Dragnet does not depend on (Fastify) can be measured without changing its dependencies.
 */
const path = require('node:path');

function load(name) {
  const dirs = [process.env.CEILING_DEPS, path.resolve(__dirname, '..', '..')].filter(Boolean);
  return require(require.resolve(name, { paths: dirs }));
}

async function runNestServer(platform, { pool, authenticate, loadOperation }) {
  load('reflect-metadata');
  const common = load('@nestjs/common');
  const { NestFactory } = load('@nestjs/core');
  const { Controller, Get, Module, Param, Headers, HttpException } = common;

  class OperationsController {
    async get(id, authorization) {
      const user = await authenticate(authorization);
      if (!user) throw new HttpException({ statusCode: 401, error: 'unauthorized' }, 401);
      if (user.status) throw new HttpException({ statusCode: user.status, error: user.error }, user.status);
      const operation = await loadOperation(user, id);
      if (operation.status) throw new HttpException({ statusCode: operation.status, error: 'x' }, operation.status);
      return operation.body;
    }
  }
  // Plain JS: the decorators applied by hand.
  const method = Object.getOwnPropertyDescriptor(OperationsController.prototype, 'get');
  Param('id')(OperationsController.prototype, 'get', 0);
  Headers('authorization')(OperationsController.prototype, 'get', 1);
  Reflect.defineMetadata('design:paramtypes', [String, String], OperationsController.prototype, 'get');
  Get(':id')(OperationsController.prototype, 'get', method);
  Controller('operations')(OperationsController);
  class AppModule {}
  Module({ controllers: [OperationsController] })(AppModule);

  let app;
  if (platform === 'fastify') {
    const { FastifyAdapter } = load('@nestjs/platform-fastify');
    app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
  } else {
    app = await NestFactory.create(AppModule, { logger: false, bodyParser: false });
  }
  app.setGlobalPrefix('api');
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  process.send({ port: address.port });
  const shutdown = () => app.close().finally(() => pool.end().finally(() => process.exit(0)));
  process.once('SIGTERM', shutdown);
  process.once('disconnect', shutdown);
}

module.exports = { runNestServer };
