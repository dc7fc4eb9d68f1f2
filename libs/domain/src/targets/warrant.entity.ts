import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Target } from './target.entity';
import { WantedFor } from './target-vocabulary';

/** An arrest warrant behind a target. */
@Entity({ name: 'warrants' })
@Index('warrants_target_idx', ['targetId'])
export class Warrant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ name: 'issuing_country', type: 'char', length: 2 })
  issuingCountry: string;

  @Column({ name: 'issuing_authority', type: 'text', nullable: true })
  issuingAuthority: string | null;

  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'date_issued', type: 'date', nullable: true })
  dateIssued: string | null;

  @Column({ type: 'text', nullable: true })
  charge: string | null;

  @Column({ name: 'legal_provisions', type: 'text', nullable: true })
  legalProvisions: string | null;

  @Column({ name: 'wanted_for', type: 'enum', enum: WantedFor, enumName: 'wanted_for' })
  wantedFor: WantedFor;

  @Column({ name: 'maximum_penalty_months', type: 'integer', nullable: true })
  maximumPenaltyMonths: number | null;

  @Column({ name: 'sentence_imposed_months', type: 'integer', nullable: true })
  sentenceImposedMonths: number | null;

  @Column({ name: 'sentence_remaining_months', type: 'integer', nullable: true })
  sentenceRemainingMonths: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
