import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '@dragnet/platform';
import { type Actor, SYSTEM_USER_ID } from '../common';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password']);

/** Entities as JSON text for the audit trail, without their secrets. */
function snapshot(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, field: unknown) => (SECRET_FIELDS.has(key) ? undefined : field));
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records that someone saw a sensitive record (`target.read`, `lead.read`): one insert right after
   * the read, outside any transaction, so reads stay fast and the record survives.
   */
  recordRead(actor: Actor, action: string, entityType: string, entityId: string, details?: unknown): Promise<void> {
    return this.record(this.dataSource.manager, actor, {
      action,
      entityType,
      entityId,
      ...(details !== undefined ? { after: details } : {}),
    });
  }

  /** Records a change inside the caller's transaction, so the change and its record commit together. */
  async record(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
    const isSystem = actor.userId === SYSTEM_USER_ID;
    // Plain SQL straight to pg: every write in Dragnet comes through here, and TypeORM's insert costs more than the row.
    await queryRows(
      manager,
      `INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`,
      [
        isSystem ? null : actor.userId,
        isSystem ? 'system' : actor.role,
        actor.country,
        change.action,
        change.entityType,
        change.entityId,
        snapshot(change.before),
        snapshot(change.after),
        actor.requestId,
      ],
    );
  }
}
