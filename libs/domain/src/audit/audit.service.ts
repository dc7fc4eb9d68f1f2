import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_USER_ID, type Actor } from '../common/actor';
import { AuditEntry } from './audit-entry.entity';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password']);

/** Drops secrets and turns entities into plain JSON for the audit trail. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (key, field: unknown) => (SECRET_FIELDS.has(key) ? undefined : field)));
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
    await manager.insert(AuditEntry, {
      actorId: isSystem ? null : actor.userId,
      actorRole: isSystem ? 'system' : actor.role,
      actorCountry: actor.country,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: snapshot(change.before) as object,
      after: snapshot(change.after) as object,
      requestId: actor.requestId,
    });
  }
}
