import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@dragnet/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, isSerializationFailure, isUniqueViolation, Role } from '../common';
import { AuditService } from '../audit';
import { OperationAccess, OperationStatus } from '../operations';
import { countryView, type CountryFigures, type Headline, type TotalFigures } from './operation-figures';
import { OperationStatusSnapshot } from './operation-status-snapshot.entity';
import { finalSnapshotOf, storeSnapshot } from './operation-snapshots';

/** What one user may see of a snapshot. */
export interface OperationStatusView {
  operationId: string;
  computedAt: Date;
  /** `operation`: everything (coordinators); `totals`: operation-wide figures only (observers); `country`: the user's country only (investigators). */
  scope: 'operation' | 'totals' | 'country';
  headline: Headline;
  totals: TotalFigures | null;
  countries: CountryFigures[];
  /** The roll-up stored by the close: a closed operation's figures, which no later roll-up replaces. */
  final: boolean;
  /** Coordinators: reminders and digests SMTP refused for good (see GET /operations/:id/reminders?status=failed). */
  failedReminders?: number;
}

const ROLL_UP_ATTEMPTS = 3;

export interface HistoryQuery {
  since?: Date;
  limit: number;
}

/** Stores roll-up snapshots and shows them on a need-to-know basis. */
@Injectable()
export class RollupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
  ) {}

  /**
   * Computes the figures in one consistent picture and stores them as a snapshot; for a closed
   * operation, answers its final snapshot instead (see rollUp).
   */
  async snapshot(operationId: string, now: Date = new Date()): Promise<OperationStatusSnapshot> {
    return this.rollUp(operationId, now);
  }

  /**
   * One roll-up in one REPEATABLE READ snapshot. The operation row is share-locked first, so a close
   * cannot commit while the figures are computed: a roll-up either commits before the close takes
   * its lock, or sees the operation closed (a close that committed after this snapshot began makes
   * the lock fail with a serialization error, and the roll-up is read again). A closed operation is
   * never rolled up again: it answers the final snapshot of its close; one closed before final
   * snapshots existed gets its final one on first use. `created` runs in the same transaction when
   * a new snapshot was stored.
   */
  private async rollUp(
    operationId: string,
    now: Date,
    created?: (manager: EntityManager, snapshot: OperationStatusSnapshot) => Promise<void>,
  ): Promise<OperationStatusSnapshot> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
          const [operation]: { status: OperationStatus }[] = await manager.query(
            `SELECT status FROM operations WHERE id = $1 FOR SHARE`,
            [operationId],
          );
          if (!operation) throw new NotFoundError('Operation');
          const closed = operation.status === OperationStatus.Closed;
          if (closed) {
            const final = await finalSnapshotOf(manager, operationId);
            if (final) return final;
          }
          const snapshot = await storeSnapshot(manager, operationId, now, closed);
          await created?.(manager, snapshot);
          return snapshot;
        });
      } catch (error) {
        // A close committed meanwhile, or another first read made the final snapshot: read again.
        const retry = isSerializationFailure(error) || isUniqueViolation(error, 'operation_status_snapshots_final_idx');
        if (!retry || attempt >= ROLL_UP_ATTEMPTS) throw error;
      }
    }
  }

  /** Operations whose figures still move (every one not closed). */
  async openOperationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM operations WHERE status <> 'closed'`);
    return rows.map((row) => row.id);
  }

  /**
   * A coordinator asks for fresh figures now; audited. A closed operation's figures are final: the
   * answer is its final snapshot, and nothing is stored (or audited, as nothing changed).
   */
  async refresh(actor: Actor, operationId: string): Promise<OperationStatusView> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    const snapshot = await this.rollUp(operationId, new Date(), (manager, created) =>
      this.audit.record(manager, actor, {
        action: 'operation.status.refreshed',
        entityType: 'operation',
        entityId: operationId,
        after: { snapshotId: created.id, computedAt: created.computedAt, headline: created.figures.headline },
      }),
    );
    return this.view(actor, snapshot);
  }

  /**
   * The latest snapshot (for a closed operation, its final one); the first request for an operation
   * never rolled up computes one.
   */
  async latest(actor: Actor, operationId: string): Promise<OperationStatusView> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    // One round trip for the snapshot and the failed-reminder count: this read is on every dashboard.
    // The final snapshot wins whatever its time, so another machine's clock can never put a roll-up after it.
    const [row]: {
      id: string;
      computed_at: Date;
      final: boolean;
      figures: OperationStatusSnapshot['figures'];
      failed: number;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.computed_at, s.final, s.figures,
              (SELECT count(*)::int FROM reminders r WHERE r.operation_id = $1 AND r.status = 'failed') AS failed
         FROM operation_status_snapshots s
        WHERE s.id = COALESCE(
          (SELECT f.id FROM operation_status_snapshots f WHERE f.operation_id = $1 AND f.final),
          (SELECT l.id FROM operation_status_snapshots l WHERE l.operation_id = $1
            ORDER BY l.computed_at DESC, l.id DESC LIMIT 1))`,
      [operationId],
    );
    if (!row) return this.view(actor, await this.snapshot(operationId));
    const snapshot = Object.assign(new OperationStatusSnapshot(), {
      id: row.id,
      operationId,
      computedAt: row.computed_at,
      final: row.final,
      figures: row.figures,
    });
    return this.shape(actor, snapshot, actor.role === Role.Coordinator ? row.failed : undefined);
  }

  /** The trend: snapshots newest first, as the actor may see them. */
  async history(actor: Actor, operationId: string, query: HistoryQuery): Promise<OperationStatusView[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    const builder = this.dataSource.manager
      .createQueryBuilder(OperationStatusSnapshot, 'snapshot')
      .where('snapshot.operation_id = :operationId', { operationId })
      .orderBy('snapshot.computed_at', 'DESC')
      .addOrderBy('snapshot.id', 'DESC')
      .limit(query.limit);
    if (query.since) builder.andWhere('snapshot.computed_at >= :since', { since: query.since });
    const snapshots = await builder.getMany();
    const failed = actor.role === Role.Coordinator ? await this.failedReminders(operationId) : undefined;
    return snapshots.map((snapshot) => this.shape(actor, snapshot, failed));
  }

  private async view(actor: Actor, snapshot: OperationStatusSnapshot): Promise<OperationStatusView> {
    const failed = actor.role === Role.Coordinator ? await this.failedReminders(snapshot.operationId) : undefined;
    return this.shape(actor, snapshot, failed);
  }

  private shape(actor: Actor, snapshot: OperationStatusSnapshot, failedReminders?: number): OperationStatusView {
    const { figures } = snapshot;
    const base = {
      operationId: snapshot.operationId,
      computedAt: snapshot.computedAt,
      final: snapshot.final,
      headline: figures.headline,
    };
    switch (actor.role) {
      case Role.Coordinator:
        return { ...base, scope: 'operation', totals: figures.totals, countries: figures.countries, failedReminders };
      case Role.Investigator:
        return { ...base, scope: 'country', ...countryView(figures, actor.country ?? '') };
      default:
        // Observers (partner analysts) see the operation-wide picture, not any one country's work.
        return { ...base, scope: 'totals', totals: figures.totals, countries: [] };
    }
  }

  private async failedReminders(operationId: string): Promise<number> {
    const [row]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM reminders WHERE operation_id = $1 AND status = 'failed'`,
      [operationId],
    );
    return row.count;
  }
}
