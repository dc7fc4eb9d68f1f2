import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@dragnet/platform';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import { Target, type TargetStatus } from '../targets';
import { NetworkAccess } from './network-access';
import { Network } from './network.entity';
import { type IdentifierKind, LinkStatus, type LinkType, type MemberRole } from './network-vocabulary';

export type GraphNode =
  | { id: string; kind: 'network'; label: string }
  | {
      id: string;
      kind: 'target';
      label: string;
      targetId: string;
      reference: string;
      status: TargetStatus;
      roles: MemberRole[];
    }
  | { id: string; kind: 'identifier'; label: string; identifierKind: IdentifierKind; value: string };

export type GraphEdge =
  | {
      id: string;
      kind: 'membership';
      source: string;
      target: string;
      role: MemberRole;
      periodFrom: string | null;
      periodTo: string | null;
    }
  | { id: string; kind: 'link'; source: string; target: string; linkType: LinkType; status: LinkStatus }
  | { id: string; kind: 'shared_identifier'; source: string; target: string };

export interface NetworkGraph {
  networkId: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** One row of each list, as the statement answers it (JSON arrays: compact, and built by Postgres). */
type MemberRow = [
  id: string,
  targetId: string,
  role: MemberRole,
  periodFrom: string | null,
  periodTo: string | null,
  reference: string,
  familyName: string,
  givenNames: string,
  status: TargetStatus,
];
type LinkRow = [id: string, first: string, second: string, type: LinkType, status: LinkStatus];
/** An identifier of a member that another member holds too. */
type SharedRow = [id: string, targetId: string, kind: IdentifierKind, normalised: string];

interface GraphRow {
  name: string | null;
  members: MemberRow[] | null;
  links: LinkRow[] | null;
  shared: SharedRow[] | null;
}

const targetNode = (id: string) => `target:${id}`;

/**
 * The network picture, filtered for its reader: the members it may read (with their status), the
 * links between them it may see, and the identifiers two or more of them share, counting only
 * identifiers it may see. One statement (the network's need to know, members, links and shared
 * identifiers, each through an index, answered as JSON arrays that Postgres builds; prepared, as its
 * planning would cost more than its run) and the audit entry: two round trips whatever the size of
 * the network or the operation.
 */
@Injectable()
export class NetworkGraphService {
  /** The statement's text for each role (its conditions differ by role only; values are parameters). */
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NetworkAccess,
    private readonly audit: AuditService,
  ) {}

  async graph(actor: Actor, networkId: string): Promise<NetworkGraph> {
    const { sql, parameters } = this.statement(actor);
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, { ...parameters, networkId });
    // A named (prepared) statement: planning this one costs more than running it, so each pooled
    // connection plans it once per role.
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const {
      rows: [row],
    } = await pool.query<GraphRow>({ name: `network-graph:${actor.role}`, text, values });
    if (!row?.name) throw new NotFoundError('Network');

    const networkNode = `network:${networkId}`;
    const nodes = new Map<string, GraphNode>([[networkNode, { id: networkNode, kind: 'network', label: row.name }]]);
    const edges: GraphEdge[] = [];
    const targetIds: string[] = [];
    for (const [id, targetId, role, periodFrom, periodTo, reference, familyName, givenNames, status] of row.members ??
      []) {
      const nodeId = targetNode(targetId);
      const node = nodes.get(nodeId);
      if (node?.kind === 'target') node.roles.push(role);
      else {
        targetIds.push(targetId);
        nodes.set(nodeId, {
          id: nodeId,
          kind: 'target',
          label: `${givenNames} ${familyName}`.trim(),
          targetId,
          reference,
          status,
          roles: [role],
        });
      }
      edges.push({
        id: `membership:${id}`,
        kind: 'membership',
        source: networkNode,
        target: nodeId,
        role,
        periodFrom,
        periodTo,
      });
    }
    for (const [id, first, second, linkType, status] of row.links ?? [])
      edges.push({
        id: `link:${id}`,
        kind: 'link',
        source: targetNode(first),
        target: targetNode(second),
        linkType,
        status,
      });
    // Ordered by value, so each shared value's holders come together.
    for (const [id, targetId, kind, normalised] of row.shared ?? []) {
      const identifierNode = `identifier:${kind}:${normalised}`;
      if (!nodes.has(identifierNode))
        nodes.set(identifierNode, {
          id: identifierNode,
          kind: 'identifier',
          label: normalised,
          identifierKind: kind,
          value: normalised,
        });
      edges.push({
        id: `holds:${id}`,
        kind: 'shared_identifier',
        source: targetNode(targetId),
        target: identifierNode,
      });
    }
    await this.audit.recordRead(actor, 'network.graph.read', 'network', networkId, { targetIds });
    return { networkId, nodes: [...nodes.values()], edges };
  }

  /**
   * The graph's statement for this actor: the network if visible (else no name: 404), its members
   * the actor may read, the links between them (proposed or confirmed) and the identifiers two or more
   * of them hold, both without those drawn from leads the actor may not read.
   */
  private statement(actor: Actor): { sql: string; parameters: Record<string, unknown> } {
    const network = this.access
      .restrict(this.dataSource.getRepository(Network).createQueryBuilder('network'), actor)
      .select('network.id', 'id')
      .addSelect('network.name', 'name')
      .andWhere('network.id = :networkId');
    // The members' targets narrowed on the joined row itself: no second probe of targets per member.
    const members = this.access
      .restrictTargets(this.dataSource.getRepository(Target).createQueryBuilder('target'), actor, 'target')
      .innerJoin('network_members', 'member', 'member.target_id = target.id')
      .select(['member.id AS id', 'member.target_id AS target_id', 'member.role AS role'])
      .addSelect(['member.period_from::text AS period_from', 'member.period_to::text AS period_to'])
      .addSelect(['target.reference AS reference', 'target.family_name AS family_name'])
      .addSelect(['target.given_names AS given_names', 'target.status AS status'])
      .andWhere('member.network_id = (SELECT id FROM graph_network)');
    const linkLead = this.access.leadVisible(actor, 'link.lead_id', 'graph_link_lead');
    const identifierLead = this.access.leadVisible(actor, 'identifier.lead_id', 'graph_identifier_lead');
    const parameters = {
      ...network.getParameters(),
      ...members.getParameters(),
      ...linkLead.parameters,
      ...identifierLead.parameters,
      dismissed: LinkStatus.Dismissed,
    };
    let sql = this.statements.get(actor.role);
    if (sql === undefined) {
      // ANY(ARRAY(...)): an index probe per member (target_links' pair key, identifiers' target key),
      // as the planner cannot know how few members a CTE holds.
      sql = `WITH graph_network AS (${network.getQuery()}),
        graph_members AS MATERIALIZED (${members.getQuery()}),
        graph_target_ids AS MATERIALIZED (SELECT ARRAY(SELECT DISTINCT target_id FROM graph_members) AS ids),
        graph_links AS (
          SELECT link.id, link.first_target_id, link.second_target_id, link.type, link.status
            FROM target_links link
           WHERE link.first_target_id = ANY((SELECT ids FROM graph_target_ids)::uuid[])
             AND link.second_target_id = ANY((SELECT ids FROM graph_target_ids)::uuid[])
             AND link.status <> :dismissed AND ${linkLead.sql}),
        graph_identifiers AS (
          SELECT identifier.id, identifier.target_id, identifier.kind, identifier.normalised,
                 count(*) OVER (PARTITION BY identifier.kind, identifier.normalised) AS holders
            FROM identifiers identifier
           WHERE identifier.target_id = ANY((SELECT ids FROM graph_target_ids)::uuid[]) AND ${identifierLead.sql})
      SELECT (SELECT name FROM graph_network) AS name,
        (SELECT json_agg(json_build_array(id, target_id, role, period_from, period_to, reference, family_name, given_names, status)
                ORDER BY reference, id) FROM graph_members) AS members,
        (SELECT json_agg(json_build_array(id, first_target_id, second_target_id, type, status) ORDER BY id) FROM graph_links) AS links,
        (SELECT json_agg(json_build_array(id, target_id, kind, normalised) ORDER BY kind, normalised, target_id)
           FROM graph_identifiers WHERE holders > 1) AS shared`;
      this.statements.set(actor.role, sql);
    }
    return { sql, parameters };
  }
}
