import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { OperationStatus } from './operation-status';
import { OffenceCategory } from './vocabulary';

@Entity({ name: 'operations' })
@Index('operations_status_idx', ['status'])
@Check(
  'operations_phase_order_check',
  `
  (nomination_opens_on IS NULL OR operational_start IS NULL OR nomination_opens_on <= operational_start)
  AND (operational_start IS NULL OR operational_end IS NULL OR operational_start <= operational_end)`,
)
export class Operation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique, upper case, e.g. HYDRA-2016. */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({
    name: 'crime_focus',
    type: 'enum',
    enum: OffenceCategory,
    enumName: 'offence_category',
    default: OffenceCategory.MigrantSmuggling,
  })
  crimeFocus: OffenceCategory;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'nomination_opens_on', type: 'date', nullable: true })
  nominationOpensOn: string | null;

  @Column({ name: 'operational_start', type: 'date', nullable: true })
  operationalStart: string | null;

  @Column({ name: 'operational_end', type: 'date', nullable: true })
  operationalEnd: string | null;

  @Column({ type: 'enum', enum: OperationStatus, enumName: 'operation_status', default: OperationStatus.Planning })
  status: OperationStatus;

  /** Whether investigators may export their own country's view of the results. */
  @Column({ name: 'investigator_exports_allowed', type: 'boolean', default: false })
  investigatorExportsAllowed: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Last number given to a target reference (HYDRA-2016-0042); bumped under the operation's row lock. */
  @Column({ name: 'last_target_number', type: 'integer', default: 0, select: false })
  lastTargetNumber: number;

  @VersionColumn({ default: 1 })
  version: number;
}
