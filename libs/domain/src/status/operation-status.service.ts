import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../accounts/role';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { OperationAccess } from '../operations/operation-access';
import { computeOperationFigures, type CountryFigures, type Headline, type TotalFigures } from './operation-figures';
import { OperationStatusSnapshot } from './operation-status-snapshot.entity';

/** What one user may see of a snapshot. */
export interface OperationStatusView {
  operationId: string;
  computedAt: Date;
  /** `operation`: everything (coordinators); `totals`: operation-wide figures only (observers); `country`: the user's country only (investigators). */
  scope: 'operation' | 'totals' | 'country';
  headline: Headline;
  totals: TotalFigures | null;
  countries: CountryFigures[];
  /** Coordinators: reminders and digests SMTP refused for good (see GET /operations/:id/reminders?status=failed). */
  failedReminders?: number;
}

export interface HistoryQuery {
  since?: Date;
  limit: number;
}

/** Stores roll-up snapshots and shows them on a need-to-know basis. */
@Injectable()
export class OperationStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
  ) {}

  /** Computes the figures in one consistent picture and stores them as a snapshot. */
  async snapshot(operationId: string, now: Date = new Date()): Promise<OperationStatusSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', (manager) => this.snapshotIn(manager, operationId, now));
  }

  private async snapshotIn(manager: EntityManager, operationId: string, now: Date): Promise<OperationStatusSnapshot> {
    const figures = await computeOperationFigures(manager, operationId, now);
    const snapshot = manager.create(OperationStatusSnapshot, { operationId, computedAt: now, figures });
    await manager.insert(OperationStatusSnapshot, snapshot);
    return snapshot;
  }

  /** Operations whose figures still move (every one not closed). */
  async openOperationIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM operations WHERE status <> 'closed'`);
    return rows.map((row) => row.id);
  }

  /** A coordinator asks for fresh figures now; audited. */
  async refresh(actor: Actor, operationId: string): Promise<OperationStatusView> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    const snapshot = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const created = await this.snapshotIn(manager, operationId, new Date());
      await this.audit.record(manager, actor, {
        action: 'operation.status.refreshed',
        entityType: 'operation',
        entityId: operationId,
        after: { snapshotId: created.id, computedAt: created.computedAt, headline: created.figures.headline },
      });
      return created;
    });
    return this.view(actor, snapshot);
  }

  /** The latest snapshot; the first request for an operation never rolled up computes one. */
  async latest(actor: Actor, operationId: string): Promise<OperationStatusView> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    // One round trip for the snapshot and the failed-reminder count: this read is on every dashboard.
    const [row]: { id: string; computed_at: Date; figures: OperationStatusSnapshot['figures']; failed: number }[] =
      await this.dataSource.query(
        `SELECT s.id, s.computed_at, s.figures,
                (SELECT count(*)::int FROM reminders r WHERE r.operation_id = $1 AND r.status = 'failed') AS failed
           FROM operation_status_snapshots s WHERE s.operation_id = $1
          ORDER BY s.computed_at DESC, s.id DESC LIMIT 1`,
        [operationId],
      );
    if (!row) return this.view(actor, await this.snapshot(operationId));
    const snapshot = Object.assign(new OperationStatusSnapshot(), {
      id: row.id,
      operationId,
      computedAt: row.computed_at,
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
    const base = { operationId: snapshot.operationId, computedAt: snapshot.computedAt, headline: figures.headline };
    switch (actor.role) {
      case Role.Coordinator:
        return { ...base, scope: 'operation', totals: figures.totals, countries: figures.countries, failedReminders };
      case Role.Investigator:
        // Need to know: another country's tasks, leads and requests are not the investigator's business.
        return {
          ...base,
          scope: 'country',
          totals: null,
          countries: figures.countries.filter((country) => country.country === actor.country),
        };
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
