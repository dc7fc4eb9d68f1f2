import { Injectable } from '@nestjs/common';
import { DomainError, LiveEvent, LiveEventBus } from '@dragnet/platform';
import {
  concatMap,
  filter,
  finalize,
  interval,
  map,
  merge,
  Observable,
  Subject,
  takeUntil,
  takeWhile,
  timer,
} from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthService } from '../accounts';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { LeadsService } from '../leads';
import { OperationAccess } from '../operations';
import { TargetsService } from '../targets';
import { TasksService } from '../tasks';
import { LiveSession, type SessionToken } from './live-session';

/** What the feed shows; other events (notice requests) are for the worker's roll-up. */
const FEED_ENTITIES: readonly LiveEvent['entity'][] = ['lead', 'task', 'target'];

/** An idle stream checks its token this often, so a revoked one ends within a few seconds. */
export const SESSION_RECHECK_MS = 2_000;

/** The last message of a stream whose token stopped counting. */
export const FEED_ENDED = 'feed.ended';

export interface LiveFeedMessage {
  type: string;
  at: string;
  data: unknown;
}

const ended = (reason: string): LiveFeedMessage => ({
  type: FEED_ENDED,
  at: new Date().toISOString(),
  data: { reason },
});

/**
 * An operation's live feed for one user: every event is checked by loading the entity again with
 * that user's own access rules, so the feed shows exactly what the user could read, never more; and
 * the token the stream was opened with is checked again before each event, when the user's sessions
 * change, every few seconds and at its expiry: a logout, deactivation, new password or new role or
 * country ends the stream.
 */
@Injectable()
export class LiveFeed {
  constructor(
    private readonly bus: LiveEventBus,
    private readonly dataSource: DataSource,
    private readonly operations: OperationAccess,
    private readonly leads: LeadsService,
    private readonly tasks: TasksService,
    private readonly targets: TargetsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** Throws 404 when the operation is not visible; otherwise the stream of what the actor may see. */
  async open(actor: Actor, operationId: string, token: SessionToken): Promise<Observable<LiveFeedMessage>> {
    await this.operations.loadVisible(this.dataSource.manager, actor, operationId);
    // The stream is answered once this process hears the channel, so it misses nothing after its 200.
    await this.bus.listening();
    const session = new LiveSession(actor, token, (claims) => this.auth.currentUser(claims));
    const revoked = ended('The token is no longer valid; sign in again');
    // Session changes and operation events come in the order Redis delivered them, so a logout is
    // acted on before any event published after it.
    // When the bus ends (the process shuts down) the timers end with it, or the stream would stay open.
    const busEnded = new Subject<void>();
    const events = this.bus.messages().pipe(
      filter((message) =>
        message.entity === 'session'
          ? message.userId === actor.userId
          : message.operationId === operationId && FEED_ENTITIES.includes(message.entity),
      ),
      concatMap(async (message): Promise<LiveFeedMessage | undefined> => {
        if (message.entity === 'session') return (await session.check()) ? undefined : revoked;
        if (!(await session.valid())) return revoked;
        try {
          return { type: message.type, at: message.at, data: await this.load(actor, message) };
        } catch (error) {
          // Not visible to this user (404/403): the event is simply not theirs.
          if (error instanceof DomainError) return undefined;
          throw error;
        }
      }),
      finalize(() => busEnded.next()),
    );
    const expiry = timer(session.remainingMs).pipe(map(() => ended('The token expired; sign in again')));
    const recheck = interval(SESSION_RECHECK_MS).pipe(
      concatMap(() => session.check()),
      filter((valid) => !valid),
      map(() => revoked),
    );
    const timers = merge(expiry, recheck).pipe(takeUntil(busEnded));
    return merge(events, timers).pipe(
      filter((message): message is LiveFeedMessage => message !== undefined),
      takeWhile((message) => message.type !== FEED_ENDED, true),
    );
  }

  /** Loads the entity as the actor may read it; what the feed shows is read, and audited as a read. */
  private async load(actor: Actor, event: LiveEvent): Promise<unknown> {
    const entity = await this.loaders[event.entity]?.(actor, event.id);
    if (entity === undefined) return undefined;
    await this.audit.recordRead(actor, `${event.entity}.read`, event.entity, event.id, { via: 'live-feed' });
    return entity;
  }

  private readonly loaders: Partial<Record<LiveEvent['entity'], (actor: Actor, id: string) => Promise<unknown>>> = {
    lead: (actor, id) => this.leads.get(actor, id),
    task: (actor, id) => this.tasks.get(actor, id),
    target: (actor, id) => this.targets.get(actor, id),
  };
}
