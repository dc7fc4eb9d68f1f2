import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AuthService, Role } from '@dragnet/domain';
import { JobProducer, QueueName } from '@dragnet/platform';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

/** How long a client should wait after the queue store did not answer. */
const QUEUE_STORE_RETRY_AFTER_SECONDS = 5;

/**
 * Bull Board over every queue, for admins only. It is an Express router outside Nest's routing, so
 * it checks the bearer token itself, the same way the global AuthGuard does, and answers errors in
 * the same contract.
 */
@Injectable()
export class QueueDashboard {
  constructor(
    private readonly producer: JobProducer,
    private readonly auth: AuthService,
  ) {}

  handlers(): (RequestHandler | ErrorRequestHandler)[] {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QueueName).map((name) => new BullMQAdapter(this.producer.queue(name))),
      // @bull-board/express carries its own copy of @bull-board/api: same shape, distinct declarations.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    });
    // Bull Board's own handler answers a bare 500; passed on instead, errors are answered in the contract.
    serverAdapter.setErrorHandler((error: Error) => {
      throw error;
    });
    return [
      (request: Request, response: Response, next: NextFunction) => void this.authenticate(request, response, next),
      serverAdapter.getRouter() as RequestHandler,
      ((error, request, response, _next) => this.fail(error, request, response)) as ErrorRequestHandler,
    ];
  }

  /** Queue store down: 503 with Retry-After, as the API answers a busy database; anything else: a plain 500. */
  private fail(_error: unknown, request: Request, response: Response): void {
    const requestId = (request as { requestId?: string }).requestId;
    if (response.headersSent) return void response.end();
    if (!this.producer.storeReady) {
      response.setHeader('Retry-After', String(QUEUE_STORE_RETRY_AFTER_SECONDS));
      return void response.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The queue store is unavailable; try again shortly',
        requestId,
      });
    }
    response
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', requestId });
  }

  private async authenticate(request: Request, response: Response, next: NextFunction): Promise<void> {
    const fail = (statusCode: number, error: string, message: string) =>
      response
        .status(statusCode)
        .json({ statusCode, error, message, requestId: (request as { requestId?: string }).requestId });
    try {
      const [scheme, token] = (request.headers.authorization ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        return void fail(401, 'Unauthorized', 'A bearer token is required');
      // The guard's own check: signature, expiry, active user, token generation, not revoked.
      const session = await this.auth.authenticate(token).catch(() => null);
      if (!session) return void fail(401, 'Unauthorized', 'Invalid or expired token');
      if (session.user.role !== Role.Admin) return void fail(403, 'Forbidden', 'This needs one of the roles: admin');
      next();
    } catch {
      fail(500, 'Internal Server Error', 'Internal server error');
    }
  }
}
