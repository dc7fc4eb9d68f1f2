import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One link of the audit hash chain. Entries are sealed after they commit, in the order the sealer
 * sees them, so a slow transaction never holds the chain up; `seq` is the chain's order.
 */
@Entity({ name: 'audit_seals' })
export class AuditSeal {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'entry_id', type: 'bigint', unique: true })
  entryId: string;

  /** Hex SHA-256 of the previous link's hash, this seq, the entry id and the entry's digest. */
  @Column({ name: 'chain_hash', type: 'text' })
  chainHash: string;

  @Column({ name: 'sealed_at', type: 'timestamptz', default: () => 'now()' })
  sealedAt: Date;
}
