import {
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
import { Target } from '../targets';
import { IdentifierKind } from './network-vocabulary';

/**
 * Something that identifies a target (a phone number, a travel document, a vessel...), recorded on
 * the target or taken from a lead about it. One taken from a lead is seen only by who may read the lead.
 */
@Entity({ name: 'identifiers' })
@Unique('identifiers_target_value_key', ['targetId', 'kind', 'normalised'])
// Link proposals join identifiers on (operation, kind, normalised value).
@Index('identifiers_operation_value_idx', ['operationId', 'kind', 'normalised', 'targetId'])
export class Identifier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  /** The lead it was taken from, if any. */
  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ type: 'enum', enum: IdentifierKind, enumName: 'identifier_kind' })
  kind: IdentifierKind;

  /** As given. */
  @Column({ type: 'text' })
  value: string;

  /** What identifiers are compared on (see identifier-normalisation). */
  @Column({ type: 'text' })
  normalised: string;

  /** Issuing country of a travel document or plate; region of a national phone number. */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
