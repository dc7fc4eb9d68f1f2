export enum LeadType {
  Address = 'address',
  Sighting = 'sighting',
  Phone = 'phone',
  TravelDocument = 'travel_document',
  TravelMovement = 'travel_movement',
  SocialMedia = 'social_media',
  Financial = 'financial',
  PublicTip = 'public_tip',
  Other = 'other',
}

/** Europol 4x4: how reliable the source is. */
export enum SourceReliability {
  /** No doubt about authenticity, trustworthiness and competence. */
  A = 'A',
  /** Mostly reliable. */
  B = 'B',
  /** Mostly unreliable. */
  C = 'C',
  /** Cannot be assessed. */
  X = 'X',
}

/**
 * Europol 4x4: how sure the information is. 1 not in doubt; 2 known personally to the source, not to
 * the official passing it on; 3 not known personally to the source, corroborated; 4 neither.
 */
export const INFORMATION_ASSESSMENTS = [1, 2, 3, 4] as const;
export type InformationAssessment = (typeof INFORMATION_ASSESSMENTS)[number];

/** Europol handling codes: what may be done with the information. */
export enum HandlingCode {
  /** For crime prevention use only. */
  H0 = 'H0',
  /** Not to be used in court without the provider's permission. */
  H1 = 'H1',
  /** Not to be passed on without permission. */
  H2 = 'H2',
  /** Other restrictions, stated with the lead. */
  H3 = 'H3',
}

/** Seen only by coordinators and the reporting country, and never copied into e-mails. */
export const RESTRICTED_HANDLING_CODES: readonly HandlingCode[] = [HandlingCode.H2, HandlingCode.H3];

export const isRestricted = (code: HandlingCode): boolean => RESTRICTED_HANDLING_CODES.includes(code);
