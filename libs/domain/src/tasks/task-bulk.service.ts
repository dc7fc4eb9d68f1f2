import { Injectable } from '@nestjs/common';
import { JobName, OutboxService } from '@dragnet/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { loadOperationForWork } from '../operations';
import { Priority, TargetStatus } from '../targets';
import { TaskAccess } from './task-access';
import { normaliseTaskFields, type TaskFields, unprocessableTaskField } from './task-fields';
import { TaskStatus } from './task-status';
import { assertCoordinator } from './tasks.service';

export interface BulkTaskRequest extends TaskFields {
  /** Participating countries, or every one. */
  countries: string[] | 'all';
  /** One task per target and country; every target still simply accepted; or none (one task per country). */
  targetIds?: string[] | 'all-accepted';
}

export interface BulkTaskResult {
  created: number;
  /** Shared by the tasks made (filter the task list by it); null when none were. */
  batchId: string | null;
  byCountry: { country: string; count: number }[];
}

/** Keeps one request from flooding the task lists (and the transaction) by mistake. */
export const MAX_TASKS_PER_BULK = 100_000;

/**
 * Inserts every task, its history row and its audit entry with one set-based statement, so tasking
 * 50 countries with 500 targets each stays a matter of a second or two.
 */
const BULK_INSERT_SQL = `
WITH inserted AS (
  INSERT INTO tasks (operation_id, assigned_country, target_id, type, title, details, priority, due_at, status, created_by, batch_id)
  SELECT $1, chosen_country.code, chosen_target.id, $4::task_type, $5, $6, $7::task_priority, $8::timestamptz, $9::task_status, $10, $11
    FROM unnest($2::text[]) AS chosen_country(code) CROSS JOIN unnest($3::uuid[]) AS chosen_target(id)
  RETURNING id, assigned_country, target_id, due_at, created_at
), history AS (
  INSERT INTO task_status_changes (task_id, from_status, to_status, actor_id, actor_role, actor_country)
  SELECT id, NULL, $9::task_status, $10, $12, $13 FROM inserted
), audited AS (
  INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, after, request_id)
  SELECT $10, $12, $13, 'task.create', 'task', id::text,
         jsonb_build_object('id', id, 'operationId', $1::uuid, 'assignedCountry', assigned_country, 'targetId', target_id,
           'leadId', NULL, 'type', $4::text, 'title', $5::text, 'details', $6::text, 'priority', $7::text,
           'dueAt', due_at, 'status', $9::text, 'batchId', $11::uuid, 'createdBy', $10::uuid, 'createdAt', created_at),
         $14
    FROM inserted
)
SELECT assigned_country AS country, count(*)::int AS count FROM inserted GROUP BY assigned_country ORDER BY assigned_country`;

@Injectable()
export class TaskBulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** One task per chosen country and target; one e-mail per country, however many tasks it got. */
  async create(actor: Actor, operationId: string, input: BulkTaskRequest): Promise<BulkTaskResult> {
    assertCoordinator(actor);
    const fields = normaliseTaskFields(input);
    return this.dataSource.transaction(async (manager) => {
      await this.access.loadOperation(manager, actor, operationId);
      await loadOperationForWork(manager, operationId, true);
      const countries = await this.chooseCountries(manager, operationId, input.countries);
      const targetIds = await this.chooseTargets(manager, operationId, input.targetIds);
      const planned = countries.length * targetIds.length;
      if (planned > MAX_TASKS_PER_BULK) {
        throw unprocessableTaskField(
          'targetIds',
          `this would make ${planned} tasks; at most ${MAX_TASKS_PER_BULK} are made at once, split the request`,
        );
      }
      if (planned === 0) return { created: 0, batchId: null, byCountry: [] };
      const batchId = randomUUID();
      const byCountry: { country: string; count: number }[] = await manager.query(BULK_INSERT_SQL, [
        operationId,
        countries,
        targetIds,
        fields.type,
        fields.title,
        fields.details ?? '',
        fields.priority ?? Priority.Medium,
        fields.dueAt ?? null,
        TaskStatus.Open,
        actor.userId,
        batchId,
        actor.role,
        actor.country,
        actor.requestId,
      ]);
      const created = byCountry.reduce((sum, row) => sum + row.count, 0);
      await this.audit.record(manager, actor, {
        action: 'task.bulk_create',
        entityType: 'operation',
        entityId: operationId,
        after: {
          batchId,
          created,
          byCountry,
          type: fields.type,
          title: fields.title,
          targets: input.targetIds ?? null,
        },
      });
      for (const { country, count } of byCountry) {
        await this.outbox.enqueue(
          manager,
          JobName.TaskBatchAssignedEmail,
          { batchId, country, count },
          { jobId: `task-batch:${batchId}:${country}` },
        );
      }
      return { created, batchId, byCountry };
    });
  }

  private async chooseCountries(
    manager: EntityManager,
    operationId: string,
    requested: string[] | 'all',
  ): Promise<string[]> {
    const rows: { country: string }[] = await manager.query(
      `SELECT country FROM participants WHERE operation_id = $1 ORDER BY country`,
      [operationId],
    );
    const participants = rows.map((row) => row.country);
    if (requested === 'all') return participants;
    const wanted = [...new Set(requested)];
    const strangers = wanted.filter((country) => !participants.includes(country));
    if (strangers.length > 0) {
      throw unprocessableTaskField('countries', `not participating countries: ${strangers.join(', ')}`);
    }
    return wanted;
  }

  /** The targets to task about; `[null]` for one task per country about no target. */
  private async chooseTargets(
    manager: EntityManager,
    operationId: string,
    requested: string[] | 'all-accepted' | undefined,
  ): Promise<(string | null)[]> {
    if (requested === undefined) return [null];
    if (requested === 'all-accepted') {
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM targets WHERE operation_id = $1 AND status = $2 AND merged_into_id IS NULL ORDER BY reference`,
        [operationId, TargetStatus.Accepted],
      );
      return rows.map((row) => row.id);
    }
    const wanted = [...new Set(requested)];
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM targets WHERE operation_id = $1 AND id = ANY($2::uuid[]) AND merged_into_id IS NULL`,
      [operationId, wanted],
    );
    const known = new Set(rows.map((row) => row.id));
    const unknown = wanted.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 10).join(', ');
      throw unprocessableTaskField(
        'targetIds',
        `not targets of this operation: ${shown}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}`,
      );
    }
    return wanted;
  }
}
