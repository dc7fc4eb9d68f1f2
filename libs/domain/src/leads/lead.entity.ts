import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Operation } from '../operations';
import { Target } from '../targets';
import { LeadStatus } from './lead-status';
import { HandlingCode, LeadType, SourceReliability, type InformationAssessment } from './lead-vocabulary';

/** A report from the field of where a target may be, graded on Europol's 4x4 with a handling code. */
@Entity({ name: 'leads' })
@Index('leads_operation_created_idx', ['operationId', 'createdAt'])
@Index('leads_target_observed_idx', ['targetId', 'observedAt'])
@Index('leads_operation_country_idx', ['operationId', 'country'])
@Index('leads_operation_reporting_idx', ['operationId', 'reportingCountry'])
// Covers the status roll-up's grouping, so it reads the index alone.
@Index('leads_rollup_idx', ['operationId', 'reportingCountry', 'status', 'createdAt'])
@Check('leads_information_assessment_check', 'information_assessment BETWEEN 1 AND 4')
@Check('leads_coordinates_check', '(latitude IS NULL) = (longitude IS NULL)')
@Check('leads_latitude_check', 'latitude IS NULL OR latitude BETWEEN -90 AND 90')
@Check('leads_longitude_check', 'longitude IS NULL OR longitude BETWEEN -180 AND 180')
@Check('leads_h3_restriction_check', `handling_code <> 'H3' OR handling_restriction IS NOT NULL`)
export class Lead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ type: 'enum', enum: LeadStatus, enumName: 'lead_status', default: LeadStatus.New })
  status: LeadStatus;

  /** The NCB that reported it. */
  @Column({ name: 'reporting_country', type: 'char', length: 2 })
  reportingCountry: string;

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  /** Where the person is believed to be. */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** Town, address or area, as reported. */
  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** When the person was seen or the information held true. */
  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @Column({ type: 'enum', enum: LeadType, enumName: 'lead_type' })
  type: LeadType;

  @Column({ type: 'text' })
  narrative: string;

  @Column({
    name: 'source_reliability',
    type: 'enum',
    enum: SourceReliability,
    enumName: 'lead_source_reliability',
  })
  sourceReliability: SourceReliability;

  @Column({ name: 'information_assessment', type: 'smallint' })
  informationAssessment: InformationAssessment;

  @Column({ name: 'handling_code', type: 'enum', enum: HandlingCode, enumName: 'lead_handling_code' })
  handlingCode: HandlingCode;

  /** H3 only: the restrictions, as stated by the provider. */
  @Column({ name: 'handling_restriction', type: 'text', nullable: true })
  handlingRestriction: string | null;

  /** When it was reported. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
