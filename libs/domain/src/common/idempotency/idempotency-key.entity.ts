import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type IdempotencyKeyStatus = 'in_flight' | 'done';

/**
 * One `Idempotency-Key` a user sent, with the fingerprint of the request it was first used for and,
 * once that request is done, the response it got, so a repeat answers the same without redoing it.
 */
@Entity({ name: 'idempotency_keys' })
@Index('idempotency_keys_expires_idx', ['expiresAt'])
@Check('idempotency_keys_status_check', `status IN ('in_flight', 'done')`)
export class IdempotencyKey {
  /** Keys are scoped per user: two users may choose the same key. */
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of method, path and canonical JSON body. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'text' })
  status: IdempotencyKeyStatus;

  /** Changes on every claim, so only the claimant can complete or release the key. */
  @Column({ name: 'claim_token', type: 'uuid' })
  claimToken: string;

  @Column({ name: 'claimed_at', type: 'timestamptz', default: () => 'now()' })
  claimedAt: Date;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
