import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { StatusChangeRow } from '../common';
import { NoticeRequest } from './notice-request.entity';
import { RequestStatus } from './request-status';

/** One move in a notice or diffusion request's history: who, when, and why. */
@Entity({ name: 'notice_request_changes' })
@Index('notice_request_changes_request_idx', ['requestId', 'id'])
export class NoticeRequestChange extends StatusChangeRow {
  @Column({ name: 'request_id', type: 'uuid' })
  requestId: string;

  @ManyToOne(() => NoticeRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: NoticeRequest;

  @Column({
    name: 'from_status',
    type: 'enum',
    enum: RequestStatus,
    enumName: 'notice_request_status',
    nullable: true,
  })
  fromStatus: RequestStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: RequestStatus, enumName: 'notice_request_status' })
  toStatus: RequestStatus;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** What the move set: reference and dates on publication, suspension end, recipients. */
  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
