export enum Sex {
  Male = 'M',
  Female = 'F',
  Unknown = 'U',
}

export enum SmugglingRole {
  Organiser = 'organiser',
  Facilitator = 'facilitator',
  Transporter = 'transporter',
  DocumentForger = 'document_forger',
  Harbourer = 'harbourer',
  IllegalTravelAgent = 'illegal_travel_agent',
  Recruiter = 'recruiter',
  Other = 'other',
}

export enum Priority {
  High = 'high',
  Medium = 'medium',
  Low = 'low',
}

export enum WantedFor {
  Prosecution = 'prosecution',
  Sentence = 'sentence',
}

export interface IdentityDocument {
  type: string;
  number: string;
  issuingCountry: string | null;
}
