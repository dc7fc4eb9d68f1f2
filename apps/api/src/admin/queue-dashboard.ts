import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { type Actor, AuditService, AuthService, Role, type SessionToken } from '@dragnet/domain';
import { JobProducer, QueueName } from '@dragnet/platform';
import type { CookieOptions, ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';

export const QUEUE_DASHBOARD_PATH = '/api/admin/queues';
/** The dashboard's cookie: sent by the browser to the dashboard's path only. */
export const QUEUE_DASHBOARD_COOKIE = 'dragnet_queue_dashboard';
/** The cookie's token is for the dashboard alone: the API refuses it as a bearer token. */
export const QUEUE_DASHBOARD_AUDIENCE = 'dragnet-queue-dashboard';
/** Long enough to look around; an admin who stays longer asks again from the console. */
export const QUEUE_DASHBOARD_SESSION_SECONDS = 15 * 60;

/** How long a client should wait after the queue store did not answer. */
const QUEUE_STORE_RETRY_AFTER_SECONDS = 5;

/**
 * Bull Board over every queue, for admins only. It is an Express router outside Nest's routing, so
 * it checks the caller itself and answers errors in the API's contract. A browser cannot send a
 * bearer header when it follows a link, and a token in a URL ends up in logs and history, so besides
 * the bearer token the dashboard takes its own cookie: issued to an admin by
 * POST /api/queue-dashboard/session, HttpOnly, SameSite=Strict, scoped to the dashboard's
 * path, short-lived, and tied to the admin's session (signing out ends it).
 */
@Injectable()
export class QueueDashboard {
  constructor(
    private readonly producer: JobProducer,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  /** Sets the dashboard cookie for an admin's session; audited. */
  async openSession(actor: Actor, session: SessionToken, request: Request, response: Response): Promise<Date> {
    const { token, expiresAt } = await this.auth.scopedToken(
      session,
      QUEUE_DASHBOARD_AUDIENCE,
      QUEUE_DASHBOARD_SESSION_SECONDS,
    );
    await this.audit.record(this.dataSource.manager, actor, {
      action: 'queue_dashboard.session',
      entityType: 'user',
      entityId: actor.userId,
      after: { expiresAt },
    });
    response.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      ...this.cookieOptions(request),
      expires: expiresAt,
    });
    return expiresAt;
  }

  /** Ends the dashboard cookie in this browser. */
  closeSession(request: Request, response: Response): void {
    response.clearCookie(QUEUE_DASHBOARD_COOKIE, this.cookieOptions(request));
  }

  private cookieOptions(request: Request): CookieOptions {
    // Secure whenever the browser reached Dragnet over HTTPS (directly or through a trusted proxy).
    return { httpOnly: true, sameSite: 'strict', path: QUEUE_DASHBOARD_PATH, secure: request.secure };
  }

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
      const cookie = cookieValue(request.headers.cookie, QUEUE_DASHBOARD_COOKIE);
      let user: { role: Role } | null;
      if (scheme?.toLowerCase() === 'bearer' && token) {
        // The guard's own check: signature, expiry, active user, token generation, not revoked.
        user = (await this.auth.authenticate(token).catch(() => null))?.user ?? null;
      } else if (cookie) {
        // The same checks on the dashboard's own token (its audience; the session it came from).
        user = await this.auth.authenticateScoped(cookie, QUEUE_DASHBOARD_AUDIENCE);
      } else {
        return void fail(401, 'Unauthorized', 'A bearer token or the dashboard cookie is required');
      }
      if (!user) return void fail(401, 'Unauthorized', 'Invalid or expired token');
      if (user.role !== Role.Admin) return void fail(403, 'Forbidden', 'This needs one of the roles: admin');
      next();
    } catch {
      fail(500, 'Internal Server Error', 'Internal server error');
    }
  }
}

/** One cookie's value from a Cookie header (no cookie parser for one name). */
function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
