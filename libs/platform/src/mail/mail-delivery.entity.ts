import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type MailDeliveryStatus = 'sending' | 'sent' | 'failed';

/**
 * One row per e-mail that must go out once. The row is claimed before sending, so retries and
 * several workers never send the same message twice.
 */
@Entity({ name: 'mail_deliveries' })
export class MailDelivery {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text', array: true })
  recipients: string[];

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  status: MailDeliveryStatus;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
