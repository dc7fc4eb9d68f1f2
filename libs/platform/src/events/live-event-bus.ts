import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { filter, Observable, Subject } from 'rxjs';
import { createPubSubChannel, type PubSubChannel } from '../backends/pub-sub';
import { shutdownStep } from '../background/shutdown-deadline';
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

/** A user's sessions changed (logout, deactivation, new password, new role or country): open feeds check again. */
export interface SessionChange {
  entity: 'session';
  userId: string;
}

export type BusMessage = LiveEvent | SessionChange;

/**
 * Carries live events between API processes (Redis pub/sub, or Postgres LISTEN/NOTIFY without
 * Redis). Publishing is best effort and happens after the change committed: a live feed that misses
 * an event during an outage is caught up by reloading the lists, while the change itself is never at
 * risk.
 */
@Injectable()
export class LiveEventBus implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveEventBus.name);
  private readonly events = new Subject<BusMessage>();
  private channel: PubSubChannel | undefined;

  constructor(private readonly config: AppConfig) {}

  /** Connects at boot: the publisher fails fast when not connected, so a lazy one would drop the first event. */
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

  /** Tells every process that a user's tokens or rights changed; best effort like any event. */
  async publishSessionChange(userId: string): Promise<void> {
    if (!this.channel) return;
    const change: SessionChange = { entity: 'session', userId };
    try {
      await this.channel.publish(JSON.stringify(change));
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
   * Operation events and session changes in the order the channel delivered them, so a feed that sees
   * a session change acts on it before any event published after it.
   */
  messages(): Observable<BusMessage> {
    void this.listening();
    return this.events.asObservable();
  }

  /**
   * Resolves once this process hears the channel (it starts listening on first use): a stream
   * answered before that would miss the events published in between.
   */
  listening(): Promise<void> {
    return (
      this.channel?.subscribe(
        (message) => {
          try {
            this.events.next(JSON.parse(message) as BusMessage);
          } catch {
            this.logger.warn('Ignored a malformed live event');
          }
        },
        (error) => this.logger.warn(`Live feed subscription: ${error.message}`),
      ) ?? Promise.resolve()
    );
  }

  /** Ends the open streams first: the HTTP server cannot close while a client still listens. */
  beforeApplicationShutdown(): void {
    this.events.complete();
  }

  /** After the HTTP server stopped taking requests, so changes made while shutting down still publish. */
  async onApplicationShutdown(): Promise<void> {
    await shutdownStep('live event channel', async () => this.channel?.close());
  }
}
