import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import type { Actor } from '../common';
import type { TargetStatus } from '../targets';
import { Identifier } from './identifier.entity';
import { NetworkAccess } from './network-access';
import { NetworkMember } from './network-member.entity';
import { type IdentifierKind, LinkStatus, type LinkType, type MemberRole } from './network-vocabulary';
import { TargetLink } from './target-link.entity';

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

interface MemberRow {
  id: string;
  target_id: string;
  role: MemberRole;
  period_from: string | null;
  period_to: string | null;
  reference: string;
  family_name: string;
  given_names: string;
  status: TargetStatus;
}

interface IdentifierRow {
  id: string;
  target_id: string;
  kind: IdentifierKind;
  normalised: string;
}

const targetNode = (id: string) => `target:${id}`;

/**
 * The network picture, filtered for its reader: the members it may read (with their status), the
 * links between them it may see, and the identifiers two or more of them share, counting only
 * identifiers it may see. Three indexed reads, whatever the size of the operation.
 */
@Injectable()
export class NetworkGraphService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: NetworkAccess,
    private readonly audit: AuditService,
  ) {}

  async graph(actor: Actor, networkId: string): Promise<NetworkGraph> {
    const manager = this.dataSource.manager;
    const network = await this.access.loadVisible(manager, actor, networkId);
    const visible = this.access.targetVisible(actor, 'member.target_id', 'graph_target');
    const members: MemberRow[] = await manager
      .getRepository(NetworkMember)
      .createQueryBuilder('member')
      .innerJoin('targets', 'target', 'target.id = member.target_id')
      .select(['member.id AS id', 'member.target_id AS target_id', 'member.role AS role'])
      .addSelect(['member.period_from::text AS period_from', 'member.period_to::text AS period_to'])
      .addSelect([
        'target.reference AS reference',
        'target.family_name AS family_name',
        'target.given_names AS given_names',
      ])
      .addSelect('target.status AS status')
      .where('member.network_id = :networkId', { networkId })
      .andWhere(visible.sql, visible.parameters)
      .orderBy('target.reference')
      .getRawMany();

    const networkNode = `network:${network.id}`;
    const nodes = new Map<string, GraphNode>([
      [networkNode, { id: networkNode, kind: 'network', label: network.name }],
    ]);
    const edges: GraphEdge[] = [];
    for (const member of members) {
      const id = targetNode(member.target_id);
      const node = nodes.get(id);
      if (node?.kind === 'target') node.roles.push(member.role);
      else
        nodes.set(id, {
          id,
          kind: 'target',
          label: `${member.given_names} ${member.family_name}`.trim(),
          targetId: member.target_id,
          reference: member.reference,
          status: member.status,
          roles: [member.role],
        });
      edges.push({
        id: `membership:${member.id}`,
        kind: 'membership',
        source: networkNode,
        target: id,
        role: member.role,
        periodFrom: member.period_from,
        periodTo: member.period_to,
      });
    }
    const targetIds = [...new Set(members.map((member) => member.target_id))];
    if (targetIds.length > 0) {
      edges.push(...(await this.links(actor, targetIds)));
      this.addSharedIdentifiers(await this.identifiers(actor, targetIds), nodes, edges);
    }
    await this.audit.recordRead(actor, 'network.graph.read', 'network', networkId, { targetIds });
    return { networkId, nodes: [...nodes.values()], edges };
  }

  /** Links (proposed or confirmed) between visible members, without those drawn from leads the actor may not read. */
  private async links(actor: Actor, targetIds: string[]): Promise<GraphEdge[]> {
    const lead = this.access.leadVisible(actor, 'link.lead_id', 'graph_link_lead');
    const links: { id: string; first: string; second: string; type: LinkType; status: LinkStatus }[] =
      await this.dataSource
        .getRepository(TargetLink)
        .createQueryBuilder('link')
        .select(['link.id AS id', 'link.first_target_id AS first', 'link.second_target_id AS second'])
        .addSelect(['link.type AS type', 'link.status AS status'])
        .where('link.first_target_id = ANY(:targetIds) AND link.second_target_id = ANY(:targetIds)', { targetIds })
        .andWhere('link.status <> :dismissed', { dismissed: LinkStatus.Dismissed })
        .andWhere(lead.sql, lead.parameters)
        .getRawMany();
    return links.map((link) => ({
      id: `link:${link.id}`,
      kind: 'link',
      source: targetNode(link.first),
      target: targetNode(link.second),
      linkType: link.type,
      status: link.status,
    }));
  }

  /** Identifiers of visible members, without those taken from leads the actor may not read. */
  private identifiers(actor: Actor, targetIds: string[]): Promise<IdentifierRow[]> {
    const lead = this.access.leadVisible(actor, 'identifier.lead_id', 'graph_identifier_lead');
    return this.dataSource
      .getRepository(Identifier)
      .createQueryBuilder('identifier')
      .select(['identifier.id AS id', 'identifier.target_id AS target_id'])
      .addSelect(['identifier.kind AS kind', 'identifier.normalised AS normalised'])
      .where('identifier.target_id = ANY(:targetIds)', { targetIds })
      .andWhere(lead.sql, lead.parameters)
      .getRawMany();
  }

  /** One node per value that two or more members hold, with an edge from each holder. */
  private addSharedIdentifiers(identifiers: IdentifierRow[], nodes: Map<string, GraphNode>, edges: GraphEdge[]): void {
    const holders = new Map<string, IdentifierRow[]>();
    for (const identifier of identifiers) {
      const key = `identifier:${identifier.kind}:${identifier.normalised}`;
      holders.set(key, [...(holders.get(key) ?? []), identifier]);
    }
    for (const [id, held] of holders) {
      if (held.length < 2) continue;
      const { kind, normalised } = held[0];
      nodes.set(id, { id, kind: 'identifier', label: normalised, identifierKind: kind, value: normalised });
      for (const identifier of held)
        edges.push({
          id: `holds:${identifier.id}`,
          kind: 'shared_identifier',
          source: targetNode(identifier.target_id),
          target: id,
        });
    }
  }
}
