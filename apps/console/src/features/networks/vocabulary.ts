import type { Schemas } from '../../lib/api/client';
import { allOf } from '../../lib/enums';

/** The networks' vocabularies (docs/networks.md), each checked against the API's in both directions. */
export const MODI_OPERANDI = allOf<Schemas['ModusOperandi']>()([
  'sea_crossing',
  'overland_by_vehicle',
  'air_travel_fraudulent_documents',
  'document_fraud',
  'hawala',
  'online_recruitment',
  'corruption_of_officials',
  'safe_houses',
]);
export const NETWORK_STATUSES = allOf<Schemas['NetworkStatus']>()(['suspected', 'active', 'inactive']);
export const MEMBER_ROLES = allOf<Schemas['MemberRole']>()([
  'leader',
  'organiser',
  'recruiter',
  'transporter_or_driver',
  'boat_pilot',
  'document_forger',
  'money_collector',
  'safe_house_keeper',
  'corrupt_official',
  'other',
]);
export const LINK_TYPES = allOf<Schemas['LinkType']>()(['associate', 'family', 'co_offender', 'financial']);

/**
 * Member status as the picture draws it: four groups, each with its own colour and shape, so the
 * difference never rests on colour alone.
 */
export type StatusGroup = 'atLarge' | 'located' | 'arrested' | 'closed';
export const STATUS_GROUP: Record<Schemas['TargetStatus'], StatusGroup> = {
  nominated: 'atLarge',
  accepted: 'atLarge',
  located: 'located',
  arrested: 'arrested',
  extradited: 'arrested',
  surrendered: 'arrested',
  released: 'arrested',
  rejected: 'closed',
  deceased: 'closed',
  withdrawn: 'closed',
};
export const STATUS_STYLE: Record<
  StatusGroup,
  { colour: string; shape: 'ellipse' | 'diamond' | 'round-rectangle' | 'triangle' }
> = {
  atLarge: { colour: '#c92a2a', shape: 'ellipse' },
  located: { colour: '#e8590c', shape: 'diamond' },
  arrested: { colour: '#2b8a3e', shape: 'round-rectangle' },
  closed: { colour: '#868e96', shape: 'triangle' },
};
export const NETWORK_COLOUR = '#364fc7';
export const IDENTIFIER_COLOUR = '#862e9c';

/** The route's legs, coloured alike on the map and in its legend. */
export type Leg = 'origin' | 'transit' | 'destination';
export const LEG_COLOURS: Record<Leg, string> = { origin: '#1971c2', transit: '#e67700', destination: '#c92a2a' };
