import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AuthService, Role } from '@dragnet/domain';
import { JobProducer, QueueName } from '@dragnet/platform';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';

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

  handlers(): RequestHandler[] {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(QueueName).map((name) => new BullMQAdapter(this.producer.queue(name))),
      // @bull-board/express carries its own copy of @bull-board/api: same shape, distinct declarations.
      serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    });
    return [(request, response, next) => void this.authenticate(request, response, next), serverAdapter.getRouter()];
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
