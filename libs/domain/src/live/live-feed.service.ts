import { Injectable } from '@nestjs/common';
import { DomainError, LiveEvent, LiveEventBus } from '@dragnet/platform';
import { concatMap, filter, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Actor } from '../common';
import { LeadsService } from '../leads';
import { OperationAccess } from '../operations';
import { TargetsService } from '../targets';
import { TasksService } from '../tasks';

/** What the feed shows; other events (notice requests) are for the worker's roll-up. */
const FEED_ENTITIES: readonly LiveEvent['entity'][] = ['lead', 'task', 'target'];

export interface LiveFeedMessage {
  type: string;
  at: string;
  data: unknown;
}

/**
 * An operation's live feed for one user: every event is checked by loading the entity again with
 * that user's own access rules, so the feed shows exactly what the user could read, never more.
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
  ) {}

  /** Throws 404 when the operation is not visible; otherwise the stream of what the actor may see. */
  async open(actor: Actor, operationId: string): Promise<Observable<LiveFeedMessage>> {
    await this.operations.loadVisible(this.dataSource.manager, actor, operationId);
    return this.bus.stream(operationId).pipe(
      filter((event) => FEED_ENTITIES.includes(event.entity)),
      concatMap(async (event) => {
        try {
          return { type: event.type, at: event.at, data: await this.load(actor, event) };
        } catch (error) {
          // Not visible to this user (404/403): the event is simply not theirs.
          if (error instanceof DomainError) return undefined;
          throw error;
        }
      }),
      filter((message): message is LiveFeedMessage => message !== undefined),
    );
  }

  private load(actor: Actor, event: LiveEvent): Promise<unknown> {
    switch (event.entity) {
      case 'lead':
        return this.leads.get(actor, event.id);
      case 'task':
        return this.tasks.get(actor, event.id);
      case 'target':
        return this.targets.get(actor, event.id);
      default:
        return Promise.resolve(undefined);
    }
  }
}
