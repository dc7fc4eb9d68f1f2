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
} from 'typeorm';
import { Lead } from '../leads';
import { SourceReliability, type InformationAssessment } from '../leads';
import { Operation } from '../operations';
import { Target } from '../targets';
import { LinkStatus, LinkType } from './network-vocabulary';

/**
 * Two targets of one operation who work, live or deal together, graded like a lead. Stored once per
 * pair and type, the smaller target id first. One drawn from a lead is seen only by who may read it.
 */
@Entity({ name: 'target_links' })
@Unique('target_links_pair_type_key', ['firstTargetId', 'secondTargetId', 'type'])
@Index('target_links_second_idx', ['secondTargetId'])
@Index('target_links_operation_status_idx', ['operationId', 'status'])
@Check('target_links_order_check', 'first_target_id < second_target_id')
@Check('target_links_information_check', 'information_assessment BETWEEN 1 AND 4')
export class TargetLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'first_target_id', type: 'uuid' })
  firstTargetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'first_target_id' })
  firstTarget?: Target;

  @Column({ name: 'second_target_id', type: 'uuid' })
  secondTargetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'second_target_id' })
  secondTarget?: Target;

  @Column({ type: 'enum', enum: LinkType, enumName: 'link_type' })
  type: LinkType;

  @Column({ type: 'enum', enum: LinkStatus, enumName: 'link_status', default: LinkStatus.Proposed })
  status: LinkStatus;

  @Column({
    name: 'source_reliability',
    type: 'enum',
    enum: SourceReliability,
    enumName: 'lead_source_reliability',
  })
  sourceReliability: SourceReliability;

  @Column({ name: 'information_assessment', type: 'smallint' })
  informationAssessment: InformationAssessment;

  /** The lead it was drawn from, if any. */
  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Column({ name: 'proposing_country', type: 'char', length: 2, nullable: true })
  proposingCountry: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
