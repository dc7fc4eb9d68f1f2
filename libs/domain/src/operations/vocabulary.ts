export enum OffenceCategory {
  MigrantSmuggling = 'migrant_smuggling',
  HumanTrafficking = 'human_trafficking',
  DocumentFraud = 'document_fraud',
  MoneyLaundering = 'money_laundering',
  Corruption = 'corruption',
  OrganisedCrime = 'organised_crime',
  Other = 'other',
}

export enum ParticipantRole {
  Source = 'source',
  Transit = 'transit',
  Destination = 'destination',
}
