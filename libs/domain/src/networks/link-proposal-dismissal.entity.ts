import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A pair sharing an identifier that a coordinator judged unrelated; it is not proposed again. */
@Entity({ name: 'link_proposal_dismissals' })
export class LinkProposalDismissal {
  /** The smaller of the two target ids. */
  @PrimaryColumn({ name: 'first_target_id', type: 'uuid' })
  firstTargetId: string;

  @PrimaryColumn({ name: 'second_target_id', type: 'uuid' })
  secondTargetId: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @Column({ name: 'dismissed_by', type: 'uuid', nullable: true })
  dismissedBy: string | null;

  @CreateDateColumn({ name: 'dismissed_at', type: 'timestamptz' })
  dismissedAt: Date;
}
