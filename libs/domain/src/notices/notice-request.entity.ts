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
import { RequestStatus } from './request-status';
import { RequestType } from './request-type';

/** A country's request for an INTERPOL notice, or a diffusion it circulates, about one target. */
@Entity({ name: 'notice_requests' })
@Index('notice_requests_operation_idx', ['operationId', 'type', 'status'])
@Index('notice_requests_target_idx', ['targetId', 'type'])
@Index('notice_requests_reference_key', ['reference'], { unique: true, where: 'reference IS NOT NULL' })
@Check('notice_requests_reference_check', `reference IS NULL OR reference ~ '^[0-9]{4}/[0-9]{5}$'`)
export class NoticeRequest {
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

  @Column({ type: 'enum', enum: RequestType, enumName: 'notice_request_type' })
  type: RequestType;

  @Column({ type: 'enum', enum: RequestStatus, enumName: 'notice_request_status', default: RequestStatus.Draft })
  status: RequestStatus;

  /** The NCB asking (a notice) or circulating (a diffusion). */
  @Column({ name: 'requesting_country', type: 'char', length: 2 })
  requestingCountry: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** The requester checked the case has no political, military, religious or racial character. */
  @Column({ name: 'article3_attested', type: 'boolean', default: false })
  article3Attested: boolean;

  /** Summary of the facts of the case. */
  @Column({ type: 'text', default: '' })
  summary: string;

  /** Why this notice or diffusion is needed. */
  @Column({ type: 'text', default: '' })
  justification: string;

  /** Diffusions: the countries it goes to (unless recipientsAll). */
  @Column({ type: 'char', length: 2, array: true, default: () => "'{}'" })
  recipients: string[];

  @Column({ name: 'recipients_all', type: 'boolean', default: false })
  recipientsAll: boolean;

  /** When first submitted (a notice) or circulated (a diffusion); until then only its country and coordinators see it. */
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** Given on publication, YYYY/NNNNN. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ name: 'published_at', type: 'date', nullable: true })
  publishedAt: string | null;

  /** Five years after publication. */
  @Column({ name: 'expires_at', type: 'date', nullable: true })
  expiresAt: string | null;

  /** Six months before expiry. */
  @Column({ name: 'retention_review_due', type: 'date', nullable: true })
  retentionReviewDue: string | null;

  @Column({ name: 'suspended_at', type: 'date', nullable: true })
  suspendedAt: string | null;

  /** At most six months after the suspension; the suspension lapses on this day. */
  @Column({ name: 'suspension_ends', type: 'date', nullable: true })
  suspensionEnds: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
