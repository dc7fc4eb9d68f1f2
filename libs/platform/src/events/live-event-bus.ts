import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { filter, Observable, Subject } from 'rxjs';
import { createPubSubChannel, type PubSubChannel } from '../backends/pub-sub';
import { AppConfig } from '../config/app-config';

/** Something changed in an operation; subscribers load the entity again under their own access rules. */
export interface LiveEvent {
  operationId: string;
  type: string;
  /** notice_request events feed the status roll-up only, not the live feed. */
  entity: 'lead' | 'task' | 'target' | 'notice_request';
  id: string;
  at: string;
}

/**
 * Carries live events between API processes (Redis pub/sub, or Postgres LISTEN/NOTIFY without
 * Redis). Publishing is best effort and happens after the change committed: a live feed that misses
 * an event during an outage is caught up by reloading the lists, while the change itself is never at
 * risk.
 */
@Injectable()
export class LiveEventBus implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEventBus.name);
  private readonly events = new Subject<LiveEvent>();
  private channel: PubSubChannel | undefined;

  constructor(private readonly config: AppConfig) {}

  onModuleInit(): void {
    this.channel = createPubSubChannel(this.config, 'live_events');
  }

  async publish(event: Omit<LiveEvent, 'at'>): Promise<void> {
    if (!this.channel) return;
    try {
      await this.channel.publish(JSON.stringify({ ...event, at: new Date().toISOString() }));
    } catch (error) {
      this.logger.warn(`Live event ${event.type} ${event.id} not published: ${(error as Error).message}`);
    }
  }

  /** Events of one operation, from every API process; completes when this process shuts down. */
  stream(operationId: string): Observable<LiveEvent> {
    return this.all().pipe(filter((event) => event.operationId === operationId));
  }

  /** Events of every operation, from every process. */
  all(): Observable<LiveEvent> {
    this.channel?.subscribe(
      (message) => {
        try {
          this.events.next(JSON.parse(message) as LiveEvent);
        } catch {
          this.logger.warn('Ignored a malformed live event');
        }
      },
      (error) => this.logger.warn(`Live feed subscription: ${error.message}`),
    );
    return this.events.asObservable();
  }

  /** Ends the open streams first: the HTTP server cannot close while a client still listens. */
  beforeApplicationShutdown(): void {
    this.events.complete();
  }

  /** After the HTTP server stopped taking requests, so changes made while shutting down still publish. */
  async onApplicationShutdown(): Promise<void> {
    await this.channel?.close();
  }
}
