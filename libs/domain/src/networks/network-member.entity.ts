import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Lead } from '../leads';
import { Target } from '../targets';
import { MemberRole } from './network-vocabulary';
import { Network } from './network.entity';

/** A target's part in a network, for a period, and what says so (a lead or a note). */
@Entity({ name: 'network_members' })
// Made by hand in the migration (UNIQUE NULLS NOT DISTINCT: an open period is one period); declared so
// that generated migrations leave it alone.
@Index('network_members_role_period_key', { synchronize: false })
@Index('network_members_target_idx', ['targetId'])
@Check('network_members_source_check', 'source_lead_id IS NOT NULL OR source_note IS NOT NULL')
@Check('network_members_period_check', 'period_from IS NULL OR period_to IS NULL OR period_from <= period_to')
export class NetworkMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'network_id', type: 'uuid' })
  networkId: string;

  @ManyToOne(() => Network, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'network_id' })
  network?: Network;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  @ManyToOne(() => Target, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_id' })
  target?: Target;

  @Column({ type: 'enum', enum: MemberRole, enumName: 'network_member_role' })
  role: MemberRole;

  @Column({ name: 'period_from', type: 'date', nullable: true })
  periodFrom: string | null;

  @Column({ name: 'period_to', type: 'date', nullable: true })
  periodTo: string | null;

  @Column({ name: 'source_lead_id', type: 'uuid', nullable: true })
  sourceLeadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'source_lead_id' })
  sourceLead?: Lead;

  @Column({ name: 'source_note', type: 'text', nullable: true })
  sourceNote: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
