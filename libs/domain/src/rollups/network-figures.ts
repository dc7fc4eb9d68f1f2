import type { EntityManager } from 'typeorm';
import { constantList } from '../common';
import {
  COMMAND_ROLES,
  type NetworkMemberCounts,
  type NetworkStatus,
  NetworkTakedown,
  networkTakedown,
  shareAtLarge,
} from '../networks';
import { TargetStatus } from '../targets';
import { ARRESTED_STATUSES, LOCATED_STATUSES, STILL_AT_LARGE_STATUSES } from './target-results';

/** One network's figures in the roll-up, the board and the exports' Networks sheet. */
export interface NetworkFigures extends NetworkMemberCounts {
  networkId: string;
  name: string;
  status: NetworkStatus;
  /** stillAtLarge / members, two decimals. */
  shareAtLarge: number;
  takedown: NetworkTakedown;
}

/**
 * Per network of the operation, its members (each target once, merged-away and rejected ones left
 * out) counted by the roll-up's own result classification, in one grouped query; the takedown by the
 * networks area's documented rule.
 */
export async function computeNetworkFigures(manager: EntityManager, operationId: string): Promise<NetworkFigures[]> {
  const arrested = `t.status IN ${constantList(ARRESTED_STATUSES)}`;
  const command = `m.role IN ${constantList(COMMAND_ROLES)}`;
  const rows: {
    id: string;
    name: string;
    status: NetworkStatus;
    members: number;
    arrested: number;
    located: number;
    still_at_large: number;
    command: number;
    command_arrested: number;
  }[] = await manager.query(
    `SELECT n.id, n.name, n.status,
            count(DISTINCT t.id)::int AS members,
            count(DISTINCT t.id) FILTER (WHERE ${arrested})::int AS arrested,
            count(DISTINCT t.id) FILTER (WHERE t.status IN ${constantList(LOCATED_STATUSES)})::int AS located,
            count(DISTINCT t.id) FILTER (WHERE t.status IN ${constantList(STILL_AT_LARGE_STATUSES)})::int AS still_at_large,
            count(DISTINCT t.id) FILTER (WHERE ${command})::int AS command,
            count(DISTINCT t.id) FILTER (WHERE ${command} AND ${arrested})::int AS command_arrested
       FROM networks n
       LEFT JOIN network_members m ON m.network_id = n.id
       LEFT JOIN targets t ON t.id = m.target_id AND t.merged_into_id IS NULL AND t.status <> '${TargetStatus.Rejected}'
      WHERE n.operation_id = $1
      GROUP BY n.id
      ORDER BY n.name, n.id`,
    [operationId],
  );
  return rows.map((row) => {
    const counts: NetworkMemberCounts = {
      members: row.members,
      arrested: row.arrested,
      located: row.located,
      stillAtLarge: row.still_at_large,
      leadersAndOrganisers: row.command,
      leadersAndOrganisersArrested: row.command_arrested,
    };
    return {
      networkId: row.id,
      name: row.name,
      status: row.status,
      ...counts,
      shareAtLarge: shareAtLarge(counts),
      takedown: networkTakedown(counts),
    };
  });
}
