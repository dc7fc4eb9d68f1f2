/** The networks area's front door: what other areas and the apps may use of it. */
export { IdentifiersService } from './identifiers.service';
export { LinksService } from './links.service';
export { NetworkGraphService } from './network-graph.service';
// The roll-ups' per-network figures: members by status, the takedown they make.
export { NetworkTakedown, networkTakedown, shareAtLarge } from './network-takedown';
export type { NetworkMemberCounts } from './network-takedown';
export {
  COMMAND_ROLES,
  IdentifierKind,
  LinkStatus,
  LinkType,
  MemberRole,
  ModusOperandi,
  NetworkStatus,
} from './network-vocabulary';
export { NetworksModule } from './networks.module';
export { NetworksService } from './networks.service';

import { Identifier } from './identifier.entity';
import { LinkProposalDismissal } from './link-proposal-dismissal.entity';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';
import { TargetLink } from './target-link.entity';

/** The tables of the networks area, for the schema. */
export const networkEntities = [Network, NetworkMember, Identifier, TargetLink, LinkProposalDismissal];
