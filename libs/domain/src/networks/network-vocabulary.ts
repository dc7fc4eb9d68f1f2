/**
 * The documented lists of the networks area (docs/networks.md). Codes are stored as Postgres enums,
 * so an unknown code never reaches a row.
 */

/** How a network works: the modi operandi named by the INTERPOL-Europol forum behind Operation Hydra. */
export enum ModusOperandi {
  SeaCrossing = 'sea_crossing',
  OverlandByVehicle = 'overland_by_vehicle',
  AirTravelWithFraudulentDocuments = 'air_travel_fraudulent_documents',
  DocumentFraud = 'document_fraud',
  Hawala = 'hawala',
  OnlineRecruitment = 'online_recruitment',
  CorruptionOfOfficials = 'corruption_of_officials',
  SafeHouses = 'safe_houses',
}

/** What coordinators know of a network; "disrupted" and "dismantled" are figures, not a status. */
export enum NetworkStatus {
  Suspected = 'suspected',
  Active = 'active',
  Inactive = 'inactive',
}

/** A member's part in a network. */
export enum MemberRole {
  Leader = 'leader',
  Organiser = 'organiser',
  Recruiter = 'recruiter',
  TransporterOrDriver = 'transporter_or_driver',
  BoatPilot = 'boat_pilot',
  DocumentForger = 'document_forger',
  MoneyCollector = 'money_collector',
  SafeHouseKeeper = 'safe_house_keeper',
  CorruptOfficial = 'corrupt_official',
  Other = 'other',
}

/** The roles whose arrest counts towards "disrupted" and "dismantled". */
export const COMMAND_ROLES: readonly MemberRole[] = [MemberRole.Leader, MemberRole.Organiser];

/** What ties two people together. */
export enum LinkType {
  Associate = 'associate',
  Family = 'family',
  CoOffender = 'co_offender',
  Financial = 'financial',
}

/** Investigators propose, coordinators confirm or dismiss; coordinators' own links are confirmed at once. */
export enum LinkStatus {
  Proposed = 'proposed',
  Confirmed = 'confirmed',
  Dismissed = 'dismissed',
}

/** Things two people can share, each compared on its normalised value. */
export enum IdentifierKind {
  Phone = 'phone',
  TravelDocument = 'travel_document',
  VesselName = 'vessel_name',
  ImoNumber = 'imo_number',
  VehiclePlate = 'vehicle_plate',
  OnlineHandle = 'online_handle',
  MoneyTransferAccount = 'money_transfer_account',
}
