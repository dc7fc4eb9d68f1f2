/** The networks area's front door: smuggling networks, their members, identifiers and links. */
export * from './identifier.entity';
export * from './identifier-normalisation';
export * from './identifiers.service';
export * from './link-proposal-dismissal.entity';
export * from './links.service';
export * from './network-graph.service';
export * from './network-member.entity';
export * from './network-takedown';
export * from './network-vocabulary';
export * from './network.entity';
export * from './networks.module';
export * from './networks.service';
export * from './target-link.entity';

import { Identifier } from './identifier.entity';
import { LinkProposalDismissal } from './link-proposal-dismissal.entity';
import { NetworkMember } from './network-member.entity';
import { Network } from './network.entity';
import { TargetLink } from './target-link.entity';

/** The tables of the networks area, for the schema. */
export const networkEntities = [Network, NetworkMember, Identifier, TargetLink, LinkProposalDismissal];
