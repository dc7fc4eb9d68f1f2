/** How far a network has been taken down, by the rule below (docs/networks.md). */
export enum NetworkTakedown {
  NotDisrupted = 'not_disrupted',
  Disrupted = 'disrupted',
  Dismantled = 'dismantled',
}

/** A network's members counted by result (each target once, whatever its number of memberships). */
export interface NetworkMemberCounts {
  members: number;
  arrested: number;
  located: number;
  stillAtLarge: number;
  /** Members with the role leader or organiser (COMMAND_ROLES). */
  leadersAndOrganisers: number;
  leadersAndOrganisersArrested: number;
}

/** A quarter or less of the members still at large, once the command is arrested, is a dismantled network. */
export const DISMANTLED_AT_LARGE_SHARE = 0.25;
/** Half the members arrested disrupts a network even with its command free. */
export const DISRUPTED_ARRESTED_SHARE = 0.5;

/**
 * - dismantled: it has at least one known leader or organiser, every one of them is arrested, and no
 *   more than a quarter of its members are still at large;
 * - disrupted: otherwise, at least one leader or organiser arrested, or at least half its members;
 * - not disrupted: anything less (a network without members included).
 */
export function networkTakedown(counts: NetworkMemberCounts): NetworkTakedown {
  if (counts.members === 0) return NetworkTakedown.NotDisrupted;
  const commandArrested =
    counts.leadersAndOrganisers > 0 && counts.leadersAndOrganisersArrested === counts.leadersAndOrganisers;
  if (commandArrested && counts.stillAtLarge <= counts.members * DISMANTLED_AT_LARGE_SHARE)
    return NetworkTakedown.Dismantled;
  if (counts.leadersAndOrganisersArrested > 0 || counts.arrested >= counts.members * DISRUPTED_ARRESTED_SHARE)
    return NetworkTakedown.Disrupted;
  return NetworkTakedown.NotDisrupted;
}

/** Members still at large as a share of all members, two decimals (0 for a network without members). */
export function shareAtLarge(counts: NetworkMemberCounts): number {
  return counts.members === 0 ? 0 : Math.round((counts.stillAtLarge / counts.members) * 100) / 100;
}
