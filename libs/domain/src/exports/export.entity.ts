import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Operation } from '../operations';
import { ExportFormat, ExportScope, ExportStatus } from './export-vocabulary';

const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** One requested results file: built by the worker, downloaded until it expires. */
@Entity({ name: 'exports' })
@Index('exports_operation_created_idx', ['operationId', 'createdAt'])
@Index('exports_status_expires_idx', ['status', 'expiresAt'])
export class Export {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'enum', enum: ExportFormat, enumName: 'export_format' })
  format: ExportFormat;

  @Column({ type: 'enum', enum: ExportScope, enumName: 'export_scope' })
  scope: ExportScope;

  /** A country's need-to-know view (investigators); null for the whole operation. */
  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'enum', enum: ExportStatus, enumName: 'export_status', default: ExportStatus.Queued })
  status: ExportStatus;

  /** Data rows written: target rows when the file has them, otherwise country rows. */
  @Column({ name: 'row_count', type: 'integer', nullable: true })
  rowCount: number | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  sizeBytes: number | null;

  /** Hex SHA-256 of the file's bytes. */
  @Column({ type: 'text', nullable: true })
  sha256: string | null;

  /** The name a download is offered under, e.g. HYDRA-2016-results-2026-11-29.csv. */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** The file's name under EXPORT_DIR; internal, never shown to clients. */
  @Column({ name: 'file_key', type: 'text', select: false })
  fileKey: string;

  /** Why the build failed, in words fit for the requester (no internals). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', default: 0, select: false })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
