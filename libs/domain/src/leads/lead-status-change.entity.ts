import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StatusChangeRow } from '../common';
import { LeadStatus } from './lead-status';
import { Lead } from './lead.entity';

/** One move in a lead's history: who, when, from, to, and why. */
@Entity({ name: 'lead_status_changes' })
@Index('lead_status_changes_lead_idx', ['leadId', 'id'])
export class LeadStatusChange extends StatusChangeRow {
  @Column({ name: 'lead_id', type: 'uuid' })
  leadId: string;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Lead;

  @Column({ name: 'from_status', type: 'enum', enum: LeadStatus, enumName: 'lead_status', nullable: true })
  fromStatus: LeadStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: LeadStatus, enumName: 'lead_status' })
  toStatus: LeadStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
