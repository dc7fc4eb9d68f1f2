import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { OffenceCategory, Operation } from '../operations';
import { TargetStatus } from './target-status';
import { IdentityDocument, Priority, Sex, SmugglingRole } from './target-vocabulary';

/** A wanted person in one operation's target list. */
@Entity({ name: 'targets' })
@Unique('targets_operation_reference_key', ['operationId', 'reference'])
@Index('targets_nominating_reference_key', ['operationId', 'nominatingCountry', 'nominatingReference'], {
  unique: true,
  where: 'nominating_reference IS NOT NULL',
})
// Filters and sorts of the target list: each sort's columns, then the reference as tie-breaker.
@Index('targets_operation_status_idx', ['operationId', 'status', 'reference'])
@Index('targets_operation_wanted_by_idx', ['operationId', 'wantedByCountry', 'reference'])
@Index('targets_operation_name_idx', ['operationId', 'familyName', 'givenNames', 'reference'])
@Index('targets_operation_updated_idx', ['operationId', 'updatedAt', 'reference'])
// A GIN index made by hand in the migration; declared so that generated migrations leave it alone.
@Index('targets_name_keys_idx', { synchronize: false })
@Check('targets_birth_year_check', 'birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100')
export class Target {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  /** Readable and unique in its operation, e.g. HYDRA-2016-0042. */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'enum', enum: TargetStatus, enumName: 'target_status', default: TargetStatus.Nominated })
  status: TargetStatus;

  // Identity
  @Column({ name: 'family_name', type: 'text' })
  familyName: string;

  @Column({ name: 'given_names', type: 'text', default: '' })
  givenNames: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'enum', enum: Sex, enumName: 'sex', default: Sex.Unknown })
  sex: Sex;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  /** Set on its own when only the year is known, and derived from birthDate otherwise. */
  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear: number | null;

  @Column({ name: 'place_of_birth', type: 'text', nullable: true })
  placeOfBirth: string | null;

  @Column({ name: 'country_of_birth', type: 'char', length: 2, nullable: true })
  countryOfBirth: string | null;

  @Column({ type: 'char', length: 2, array: true, default: () => "'{}'" })
  nationalities: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  languages: string[];

  @Column({ name: 'identity_documents', type: 'jsonb', default: () => "'[]'" })
  identityDocuments: IdentityDocument[];

  @Column({ name: 'height_cm', type: 'smallint', nullable: true })
  heightCm: number | null;

  @Column({ name: 'weight_kg', type: 'smallint', nullable: true })
  weightKg: number | null;

  @Column({ name: 'eye_colour', type: 'text', nullable: true })
  eyeColour: string | null;

  @Column({ name: 'hair_colour', type: 'text', nullable: true })
  hairColour: string | null;

  @Column({ name: 'distinguishing_marks', type: 'text', nullable: true })
  distinguishingMarks: string | null;

  @Column({ name: 'photograph_reference', type: 'text', nullable: true })
  photographReference: string | null;

  @Column({ name: 'fingerprints_reference', type: 'text', nullable: true })
  fingerprintsReference: string | null;

  // Case
  @Column({ name: 'nominating_country', type: 'char', length: 2 })
  nominatingCountry: string;

  /** The nominating country's own reference; re-importing a row with it updates instead of duplicating. */
  @Column({ name: 'nominating_reference', type: 'text', nullable: true })
  nominatingReference: string | null;

  @Column({ name: 'wanted_by_country', type: 'char', length: 2 })
  wantedByCountry: string;

  @Column({
    name: 'offence_categories',
    type: 'enum',
    enum: OffenceCategory,
    enumName: 'offence_category',
    array: true,
    default: () => "'{}'",
  })
  offenceCategories: OffenceCategory[];

  @Column({ name: 'smuggling_role', type: 'enum', enum: SmugglingRole, enumName: 'smuggling_role', nullable: true })
  smugglingRole: SmugglingRole | null;

  @Column({ name: 'network_name', type: 'text', nullable: true })
  networkName: string | null;

  @Column({ type: 'enum', enum: Priority, enumName: 'target_priority', default: Priority.Medium })
  priority: Priority;

  @Column({ name: 'believed_in', type: 'char', length: 2, array: true, default: () => "'{}'" })
  believedIn: string[];

  @Column({ name: 'public_appeal', type: 'boolean', default: false })
  publicAppeal: boolean;

  // Outcome
  @Column({ name: 'located_country', type: 'char', length: 2, nullable: true })
  locatedCountry: string | null;

  @Column({ name: 'located_at', type: 'timestamptz', nullable: true })
  locatedAt: Date | null;

  @Column({ name: 'arrested_country', type: 'char', length: 2, nullable: true })
  arrestedCountry: string | null;

  @Column({ name: 'arrested_at', type: 'timestamptz', nullable: true })
  arrestedAt: Date | null;

  /** Set when a coordinator merged this record into another; merged records leave the lists. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /** Names and aliases folded for search (lower case, no diacritics, transliteration variants unified). */
  @Column({ name: 'search_names', type: 'text', default: '' })
  searchNames: string;

  /** Consonant outlines of every name word (see name-folding `nameKeys`); GIN-indexed for the name search. */
  @Column({ name: 'name_keys', type: 'text', array: true, default: () => "'{}'" })
  nameKeys: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
