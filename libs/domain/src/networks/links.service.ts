import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  type Page,
  type PageRequest,
} from '@dragnet/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { Role } from '../common';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { isUniqueViolation } from '../common';
import { LeadAccess } from '../leads';
import type { InformationAssessment, SourceReliability } from '../leads';
import { TargetStatus } from '../targets';
import { Target } from '../targets';
import { loadOperationForWork } from '../operations';
import { NetworkAccess } from './network-access';
import { IdentifierKind, LinkStatus, LinkType } from './network-vocabulary';
import { TargetLink } from './target-link.entity';

export interface NewLink {
  otherTargetId: string;
  type: LinkType;
  sourceReliability: SourceReliability;
  informationAssessment: InformationAssessment;
  leadId?: string | null;
  note?: string | null;
}

export interface LinkTargetSummary {
  id: string;
  reference: string;
  familyName: string;
  givenNames: string;
  status: TargetStatus;
}

export interface LinkProposal {
  first: LinkTargetSummary;
  second: LinkTargetSummary;
  /** The identifiers the two share, normalised. */
  shared: { kind: IdentifierKind; value: string }[];
}

/**
 * A value held by more targets than this (a smugglers' hotline advertised to hundreds, a placeholder)
 * would make pairs quadratically and says little about any one pair: it is not proposed pairwise.
 */
export const PROPOSAL_HOLDER_LIMIT = 50;

/**
 * Pairs of targets sharing identifiers, found as duplicates are found on blocking keys: one pass over
 * identifiers_operation_value_idx groups the operation's identifiers by (kind, normalised value) and
 * keeps the values held by 2 to $2 targets with their holders; only those few holders are then joined
 * (to leave out merged and rejected targets) and paired by equality. Pairs already linked (whatever the
 * link's status) and dismissed pairs are left out. $1 operation, $2 PROPOSAL_HOLDER_LIMIT, $3/$4 page.
 */
export const LINK_PROPOSALS = `
WITH shared_values AS MATERIALIZED (
  SELECT kind, normalised, array_agg(target_id) AS holders
  FROM identifiers WHERE operation_id = $1
  GROUP BY kind, normalised HAVING count(*) BETWEEN 2 AND $2
),
holders AS MATERIALIZED (
  SELECT v.kind, v.normalised, h.target_id
  FROM shared_values v CROSS JOIN LATERAL unnest(v.holders) AS h(target_id)
  JOIN targets t ON t.id = h.target_id AND t.merged_into_id IS NULL AND t.status <> '${TargetStatus.Rejected}'
),
pairs AS (
  SELECT a.target_id AS first_id, b.target_id AS second_id,
         array_agg(a.kind::text || ' ' || a.normalised ORDER BY a.kind, a.normalised) AS shared
  FROM holders a JOIN holders b ON b.kind = a.kind AND b.normalised = a.normalised AND a.target_id < b.target_id
  GROUP BY a.target_id, b.target_id
)
SELECT p.first_id, p.second_id, p.shared, count(*) OVER () AS total
FROM pairs p
WHERE NOT EXISTS (SELECT 1 FROM link_proposal_dismissals d WHERE d.first_target_id = p.first_id AND d.second_target_id = p.second_id)
  AND NOT EXISTS (SELECT 1 FROM target_links l WHERE l.first_target_id = p.first_id AND l.second_target_id = p.second_id)
ORDER BY cardinality(p.shared) DESC, p.first_id, p.second_id
LIMIT $3 OFFSET $4`;

const invalid = (field: string, message: string) =>
  new InvalidInputError(`Invalid field: ${field}`, [{ field, message }]);
const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/**
 * Links between targets: investigators propose them (as they report leads), coordinators confirm or
 * dismiss them, and add confirmed ones, among them the pairs Dragnet proposes from shared identifiers.
 */
@Injectable()
export class LinksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NetworkAccess,
    private readonly leads: LeadAccess,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, targetId: string, input: NewLink): Promise<TargetLink> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.access.loadTarget(manager, actor, targetId);
      const other = await this.otherTarget(manager, actor, target, input.otherTargetId);
      if (input.leadId) await this.assertLeadAbout(manager, actor, input.leadId, [target.id, other.id]);
      await loadOperationForWork(manager, target.operationId, false);
      const [firstTargetId, secondTargetId] = ordered(target.id, other.id);
      const coordinator = actor.role === Role.Coordinator;
      const link = manager.create(TargetLink, {
        operationId: target.operationId,
        firstTargetId,
        secondTargetId,
        type: input.type,
        status: coordinator ? LinkStatus.Confirmed : LinkStatus.Proposed,
        sourceReliability: input.sourceReliability,
        informationAssessment: input.informationAssessment,
        leadId: input.leadId ?? null,
        note: input.note?.trim() || null,
        proposedBy: actor.userId,
        proposingCountry: actor.country,
        decidedBy: coordinator ? actor.userId : null,
        decidedAt: coordinator ? new Date() : null,
      });
      try {
        await manager.save(link);
      } catch (error) {
        if (!isUniqueViolation(error, 'target_links_pair_type_key')) throw error;
        throw new ConflictError('The two targets already have a link of this type', [
          { field: 'type', message: `a ${input.type} link between them exists` },
        ]);
      }
      await this.audit.record(manager, actor, {
        action: 'link.create',
        entityType: 'link',
        entityId: link.id,
        after: link,
      });
      return link;
    });
  }

  /** A coordinator confirms or dismisses a proposed link. */
  async decide(actor: Actor, linkId: string, status: LinkStatus.Confirmed | LinkStatus.Dismissed): Promise<TargetLink> {
    return this.dataSource.transaction(async (manager) => {
      const link = await manager.findOne(TargetLink, { where: { id: linkId }, lock: { mode: 'pessimistic_write' } });
      if (!link) throw new NotFoundError('Link');
      await loadOperationForWork(manager, link.operationId, false);
      if (link.status !== LinkStatus.Proposed)
        throw new ConflictError(`The link is already ${link.status}`, [
          { field: 'status', message: 'only a proposed link is decided' },
        ]);
      const before = { status: link.status };
      Object.assign(link, { status, decidedBy: actor.userId, decidedAt: new Date() });
      await manager.save(link);
      await this.audit.record(manager, actor, {
        action: 'link.decide',
        entityType: 'link',
        entityId: linkId,
        before,
        after: link,
      });
      return link;
    });
  }

  /** A target's links the actor may see (both people and the lead behind it); one audit entry names them. */
  async forTarget(actor: Actor, targetId: string): Promise<TargetLink[]> {
    const manager = this.dataSource.manager;
    await this.access.loadTarget(manager, actor, targetId);
    const first = this.access.targetVisible(actor, 'link.first_target_id', 'link_first');
    const second = this.access.targetVisible(actor, 'link.second_target_id', 'link_second');
    const lead = this.access.leadVisible(actor, 'link.lead_id', 'link_lead');
    const items = await manager
      .getRepository(TargetLink)
      .createQueryBuilder('link')
      .where('(link.first_target_id = :targetId OR link.second_target_id = :targetId)', { targetId })
      .andWhere(first.sql, first.parameters)
      .andWhere(second.sql, second.parameters)
      .andWhere(lead.sql, lead.parameters)
      .orderBy('link.created_at', 'ASC')
      .getMany();
    if (items.length > 0)
      await this.audit.recordRead(actor, 'link.list', 'target', targetId, { linkIds: items.map((link) => link.id) });
    return items;
  }

  /**
   * Pairs sharing identifiers, most shared first (coordinators only: they may read every lead, so
   * the identifiers behind a proposal need no filtering). Read in one statement; audited.
   */
  async proposals(actor: Actor, operationId: string, page: PageRequest): Promise<Page<LinkProposal>> {
    const rows: { first_id: string; second_id: string; shared: string[]; total: string }[] =
      await this.dataSource.query(LINK_PROPOSALS, [operationId, PROPOSAL_HOLDER_LIMIT, page.limit, page.offset]);
    const ids = [...new Set(rows.flatMap((row) => [row.first_id, row.second_id]))];
    const targets = new Map(
      (ids.length
        ? await this.dataSource.getRepository(Target).find({
            where: ids.map((id) => ({ id })),
            select: { id: true, reference: true, familyName: true, givenNames: true, status: true },
          })
        : []
      ).map((target): [string, LinkTargetSummary] => [target.id, target]),
    );
    const items = rows.map((row) => ({
      first: targets.get(row.first_id)!,
      second: targets.get(row.second_id)!,
      shared: row.shared.map((entry) => {
        const space = entry.indexOf(' ');
        return { kind: entry.slice(0, space) as IdentifierKind, value: entry.slice(space + 1) };
      }),
    }));
    if (items.length > 0)
      await this.audit.recordRead(actor, 'link.proposal.list', 'operation', operationId, {
        pairs: items.map((item) => [item.first.id, item.second.id]),
      });
    return { items, total: rows.length ? Number(rows[0].total) : 0, ...page };
  }

  /** Records that a proposed pair is not linked; repeating it changes nothing. */
  async dismissProposal(actor: Actor, operationId: string, targetId: string, otherId: string): Promise<void> {
    const [first, second] = ordered(targetId.toLowerCase(), otherId.toLowerCase());
    if (first === second) throw invalid('otherId', 'a target cannot be linked to itself');
    await this.dataSource.transaction(async (manager) => {
      await loadOperationForWork(manager, operationId, false);
      const found = await manager.getRepository(Target).count({
        where: [
          { id: first, operationId },
          { id: second, operationId },
        ],
      });
      if (found !== 2) throw invalid('otherId', 'both targets must be in this operation');
      const inserted: unknown[] = await manager.query(
        `INSERT INTO link_proposal_dismissals (first_target_id, second_target_id, operation_id, dismissed_by)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING first_target_id`,
        [first, second, operationId, actor.userId],
      );
      if (inserted.length === 0) return;
      await this.audit.record(manager, actor, {
        action: 'link.proposal.dismiss',
        entityType: 'operation',
        entityId: operationId,
        after: { firstTargetId: first, secondTargetId: second },
      });
    });
  }

  /** The other end of a link: a target of the same operation the actor may read, else 400 naming the field. */
  private async otherTarget(manager: EntityManager, actor: Actor, target: Target, otherId: string): Promise<Target> {
    if (otherId.toLowerCase() === target.id) throw invalid('otherTargetId', 'a target cannot be linked to itself');
    const other = await this.access.loadTarget(manager, actor, otherId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    if (!other || other.operationId !== target.operationId)
      throw invalid('otherTargetId', 'must be a target of the same operation');
    return other;
  }

  private async assertLeadAbout(
    manager: EntityManager,
    actor: Actor,
    leadId: string,
    targetIds: string[],
  ): Promise<void> {
    const lead = await this.leads.loadVisible(manager, actor, leadId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    if (!lead || !targetIds.includes(lead.targetId))
      throw invalid('leadId', 'must be a lead about one of the two targets');
  }
}
