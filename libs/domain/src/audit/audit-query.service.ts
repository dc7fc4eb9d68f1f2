import { Injectable } from '@nestjs/common';
import type { Page, PageRequest } from '@dragnet/platform';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  userId?: string;
  country?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export type AuditEntryView = Omit<AuditEntry, 'txid'>;

const EXPORT_BATCH = 2_000;

/** Reads the audit trail for admins and coordinators, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntryView>> {
    const [entries, total] = await this.query(filter)
      .orderBy('entry.id', 'DESC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    return { items: entries.map(toView), total, ...page };
  }

  /** Every matching entry, newest first, in batches (keyset pages), so memory stays flat. */
  async *all(filter: AuditFilter): AsyncGenerator<AuditEntryView[]> {
    let before: string | undefined;
    for (;;) {
      const query = this.query(filter).orderBy('entry.id', 'DESC').take(EXPORT_BATCH);
      if (before) query.andWhere('entry.id < :before', { before });
      const entries = await query.getMany();
      if (entries.length === 0) return;
      yield entries.map(toView);
      if (entries.length < EXPORT_BATCH) return;
      before = entries[entries.length - 1].id;
    }
  }

  private query(filter: AuditFilter): SelectQueryBuilder<AuditEntry> {
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('entry');
    if (filter.userId) query.andWhere('entry.actorId = :userId', { userId: filter.userId });
    if (filter.country) query.andWhere('entry.actorCountry = :country', { country: filter.country });
    if (filter.entityType) query.andWhere('entry.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) query.andWhere('entry.entityId = :entityId', { entityId: filter.entityId });
    if (filter.action) query.andWhere('entry.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('entry.at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('entry.at < :to', { to: filter.to });
    return query;
  }
}

function toView(entry: AuditEntry): AuditEntryView {
  const { txid: _internal, ...view } = entry;
  return view;
}
