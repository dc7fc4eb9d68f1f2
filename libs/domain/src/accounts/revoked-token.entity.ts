import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A token signed out before it expired; kept until its own expiry, then pruned. */
@Entity({ name: 'revoked_tokens' })
@Index('revoked_tokens_expires_at_idx', ['expiresAt'])
export class RevokedToken {
  @PrimaryColumn({ type: 'uuid' })
  jti: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
