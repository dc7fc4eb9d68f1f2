import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { filter, Observable, Subject } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { createRedisConnection } from '../queue/redis-connection';

/** Something changed in an operation; subscribers load the entity again under their own access rules. */
export interface LiveEvent {
  operationId: string;
  type: string;
  /** notice_request events feed the status roll-up only, not the live feed. */
  entity: 'lead' | 'task' | 'target' | 'notice_request';
  id: string;
  at: string;
}

/** A user's sessions changed (logout, deactivation, new password, new role or country): open feeds check again. */
export interface SessionChange {
  entity: 'session';
  userId: string;
}

export type BusMessage = LiveEvent | SessionChange;

/**
 * Carries live events between API processes through Redis pub/sub. Publishing is best effort and
 * happens after the change committed: a live feed that misses an event during a Redis outage is
 * caught up by reloading the lists, while the change itself is never at risk.
 */
@Injectable()
export class LiveEventBus implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEventBus.name);
  private readonly events = new Subject<BusMessage>();
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;

  constructor(private readonly config: AppConfig) {}

  /** Pub/sub ignores Redis database numbers, so the channel names the deployment and the database. */
  private get channel(): string {
    return `${this.config.queuePrefix}:db${this.config.redisDatabase}:live-events`;
  }

  /** Connects at boot: the publisher fails fast when not connected, so a lazy one would drop the first event. */
  onModuleInit(): void {
    this.publisher = createRedisConnection(this.config.REDIS_URL, 'producer');
  }

  async publish(event: Omit<LiveEvent, 'at'>): Promise<void> {
    if (!this.publisher) return;
    try {
      await this.publisher.publish(this.channel, JSON.stringify({ ...event, at: new Date().toISOString() }));
    } catch (error) {
      this.logger.warn(`Live event ${event.type} ${event.id} not published: ${(error as Error).message}`);
    }
  }

  /** Tells every process that a user's tokens or rights changed; best effort like any event. */
  async publishSessionChange(userId: string): Promise<void> {
    if (!this.publisher) return;
    const change: SessionChange = { entity: 'session', userId };
    try {
      await this.publisher.publish(this.channel, JSON.stringify(change));
    } catch (error) {
      this.logger.warn(`Session change of ${userId} not published: ${(error as Error).message}`);
    }
  }

  /** Events of one operation, from every API process; completes when this process shuts down. */
  stream(operationId: string): Observable<LiveEvent> {
    return this.all().pipe(filter((event) => event.operationId === operationId));
  }

  /** Events of every operation, from every process. */
  all(): Observable<LiveEvent> {
    return this.messages().pipe(filter((message): message is LiveEvent => message.entity !== 'session'));
  }

  /**
   * Operation events and session changes in the order Redis delivered them, so a feed that sees a
   * session change acts on it before any event published after it.
   */
  messages(): Observable<BusMessage> {
    if (!this.subscriber) {
      // A subscribing connection waits out Redis outages and resubscribes by itself.
      this.subscriber = createRedisConnection(this.config.REDIS_URL, 'worker');
      void this.subscriber
        .subscribe(this.channel)
        .catch((error: Error) => this.logger.warn(`Live feed subscription failed: ${error.message}`));
      this.subscriber.on('message', (_channel: string, message: string) => {
        try {
          this.events.next(JSON.parse(message) as BusMessage);
        } catch {
          this.logger.warn('Ignored a malformed live event');
        }
      });
    }
    return this.events.asObservable();
  }

  /** Ends the open streams first: the HTTP server cannot close while a client still listens. */
  beforeApplicationShutdown(): void {
    this.events.complete();
  }

  /** After the HTTP server stopped taking requests, so changes made while shutting down still publish. */
  onApplicationShutdown(): void {
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
  }
}
