import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Operation } from '../operations';
import { ModusOperandi, NetworkStatus } from './network-vocabulary';

/** A smuggling organisation tracked in one operation: its route, how it works and who belongs to it. */
@Entity({ name: 'networks' })
// The name folded to lower case: imports link targets to a network by name, whatever its case.
@Unique('networks_operation_name_key', ['operationId', 'nameKey'])
export class Network {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'operation_id', type: 'uuid' })
  operationId: string;

  @ManyToOne(() => Operation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: Operation;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_key', type: 'text', select: false })
  nameKey: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The route, each leg in order: where people are moved from, through and to. */
  @Column({ name: 'origin_countries', type: 'char', length: 2, array: true, default: () => "'{}'" })
  originCountries: string[];

  @Column({ name: 'transit_countries', type: 'char', length: 2, array: true, default: () => "'{}'" })
  transitCountries: string[];

  @Column({ name: 'destination_countries', type: 'char', length: 2, array: true, default: () => "'{}'" })
  destinationCountries: string[];

  @Column({
    name: 'modi_operandi',
    type: 'enum',
    enum: ModusOperandi,
    enumName: 'modus_operandi',
    array: true,
    default: () => "'{}'",
  })
  modiOperandi: ModusOperandi[];

  /** What the list does not say. */
  @Column({ name: 'modus_operandi_notes', type: 'text', nullable: true })
  modusOperandiNotes: string | null;

  @Column({ type: 'enum', enum: NetworkStatus, enumName: 'network_status', default: NetworkStatus.Suspected })
  status: NetworkStatus;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}
