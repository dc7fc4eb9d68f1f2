import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Role } from '../common';
import { SYSTEM_USER_ID, type Actor } from '../common';
import { type ImportRowError, type TargetImportHook, TargetImporter, SmugglingRole } from '../targets';
import { NetworkAccess } from './network-access';
import { MemberRole } from './network-vocabulary';
import { Network } from './network.entity';

/** The role a target's smuggling role suggests in a network it is imported (or migrated) into. */
export const MEMBER_ROLE_FOR_SMUGGLING_ROLE: Record<SmugglingRole, MemberRole> = {
  [SmugglingRole.Organiser]: MemberRole.Organiser,
  [SmugglingRole.Recruiter]: MemberRole.Recruiter,
  [SmugglingRole.Transporter]: MemberRole.TransporterOrDriver,
  [SmugglingRole.DocumentForger]: MemberRole.DocumentForger,
  [SmugglingRole.Harbourer]: MemberRole.SafeHouseKeeper,
  [SmugglingRole.Facilitator]: MemberRole.Other,
  [SmugglingRole.IllegalTravelAgent]: MemberRole.Other,
  [SmugglingRole.Other]: MemberRole.Other,
};

/** As networkNameKey, in SQL. */
const nameKey = (expression: string) => `lower(regexp_replace(btrim(${expression}), '\\s+', ' ', 'g'))`;
// Constants of the code, never input.
const MEMBER_ROLE = `(CASE t.smuggling_role ${Object.entries(MEMBER_ROLE_FOR_SMUGGLING_ROLE)
  .map(([smuggling, member]) => `WHEN '${smuggling}' THEN '${member}'`)
  .join(' ')} ELSE '${MemberRole.Other}' END)::network_member_role`;

/**
 * Each distinct network text of the staged rows once, with the network it names (by name, else by
 * alias; id null when none) among $2, the networks the importer may use (null: any). Resolved per
 * distinct text, not per row: a file names a handful of networks over many thousands of rows
 * (MATERIALIZED, so the planner cannot fold the look-up back into the join with the rows).
 */
const NAMED_NETWORKS = `named AS (
    SELECT d.network, d.first_line, ${nameKey('d.network')} AS name_key
    FROM (SELECT network, min(line) AS first_line FROM target_import WHERE network IS NOT NULL GROUP BY network) d
  ), resolved AS MATERIALIZED (
    SELECT named.network, named.first_line, named.name_key, n.id
    FROM named LEFT JOIN LATERAL (
      SELECT n.id FROM networks n
      WHERE n.operation_id = $1 AND ($2::uuid[] IS NULL OR n.id = ANY($2::uuid[]))
        AND (n.name_key = named.name_key OR named.name_key IN (SELECT ${nameKey('alias')} FROM unnest(n.aliases) alias))
      ORDER BY n.name_key = named.name_key DESC LIMIT 1
    ) n ON TRUE
  )`;

/** audit_entries columns for actor $3 (id), $4 role, $5 country, $6 request id, as AuditService writes them. */
const AUDIT_COLUMNS = 'actor_id, actor_role, actor_country, action, entity_type, entity_id, after, request_id';

/**
 * The `network` column of target imports: each row's target becomes a member of the named network
 * (role from its smuggling role, source "imported"), in the import's transaction. A coordinator's
 * import records networks not yet known; an investigator may only name a network it can already see,
 * and any other name is an error on that row (the same error whether the network exists or not).
 */
@Injectable()
export class NetworkImportLinker implements TargetImportHook, OnModuleInit {
  constructor(
    private readonly importer: TargetImporter,
    private readonly access: NetworkAccess,
  ) {}

  onModuleInit(): void {
    this.importer.addHook(this);
  }

  async afterMerge(manager: EntityManager, actor: Actor, operationId: string): Promise<ImportRowError[]> {
    const isSystem = actor.userId === SYSTEM_USER_ID;
    const auditor = [isSystem ? null : actor.userId, isSystem ? 'system' : actor.role, actor.country, actor.requestId];
    let usable: string[] | null = null;
    if (actor.role === Role.Coordinator) await this.createNamedNetworks(manager, operationId, auditor);
    else usable = await this.visibleNetworks(manager, actor, operationId);

    // Every staged row has its target by now (the merge checked), so the rows need no join to targets here.
    const unknown: { line: number; network: string }[] = await manager.query(
      `WITH ${NAMED_NETWORKS}
       SELECT s.line, s.network FROM target_import s JOIN resolved r ON r.network = s.network
       WHERE r.id IS NULL ORDER BY s.line`,
      [operationId, usable],
    );
    if (unknown.length > 0)
      return unknown.map((row) => ({
        row: row.line,
        field: 'network',
        message: `no network named "${row.network}" that you can see in this operation (coordinators record networks)`,
      }));
    await manager.query(
      `WITH ${NAMED_NETWORKS}, added AS (
         INSERT INTO network_members (network_id, target_id, role, source_note, created_by)
         SELECT r.id, t.id, ${MEMBER_ROLE}, 'Imported (network column)', $7::uuid
         FROM target_import s JOIN resolved r ON r.network = s.network
         JOIN targets t ON t.operation_id = $1 AND t.nominating_country = s.nominating_country
          AND t.nominating_reference = s.nominating_reference
         ON CONFLICT DO NOTHING
         RETURNING *
       )
       INSERT INTO audit_entries (${AUDIT_COLUMNS})
       SELECT $3::uuid, $4::text, $5::char(2), 'network.member.add', 'network', network_id::text, to_jsonb(added), $6::text
       FROM added`,
      [operationId, usable, ...auditor, actor.userId],
    );
    return [];
  }

  /** One network per new name (case and spacing aside), named as on its first row. */
  private async createNamedNetworks(manager: EntityManager, operationId: string, auditor: unknown[]): Promise<void> {
    await manager.query(
      `WITH ${NAMED_NETWORKS}, unknown AS (
         SELECT DISTINCT ON (name_key) regexp_replace(btrim(network), '\\s+', ' ', 'g') AS name, name_key
         FROM resolved WHERE id IS NULL
         ORDER BY name_key, first_line
       ), created AS (
         INSERT INTO networks (operation_id, name, name_key, created_by)
         SELECT $1, name, name_key, $7::uuid FROM unknown
         ON CONFLICT DO NOTHING
         RETURNING *
       )
       INSERT INTO audit_entries (${AUDIT_COLUMNS})
       SELECT $3::uuid, $4::text, $5::char(2), 'network.create', 'network', id::text, to_jsonb(created), $6::text
       FROM created`,
      [operationId, null, ...auditor, auditor[0]],
    );
  }

  private async visibleNetworks(manager: EntityManager, actor: Actor, operationId: string): Promise<string[]> {
    const rows = await this.access
      .restrict(manager.getRepository(Network).createQueryBuilder('network'), actor)
      .select('network.id', 'id')
      .andWhere('network.operation_id = :operationId', { operationId })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
