import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Operation } from './operation.entity';
import { ParticipantRole } from './vocabulary';

/** A country taking part in an operation, through its National Central Bureau. */
@Entity({ name: 'participants' })
@Unique('participants_operation_country_key', ['operationId', 'country'])
@Index('participants_country_idx', ['country'])
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: ParticipantRole, enumName: 'participant_role', array: true, default: () => "'{}'" })
  roles: ParticipantRole[];

  @Column({ name: 'ncb_name', type: 'text' })
  ncbName: string;

  /** Where reminders and notifications for this country go. */
  @Column({ name: 'focal_point_emails', type: 'text', array: true, default: () => "'{}'" })
  focalPointEmails: string[];

  @CreateDateColumn({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
