import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** SMTP rejected the message for good (5xx); retrying would not help. */
export class PermanentMailError extends UnrecoverableError {}

@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly toFiles: boolean;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.toFiles = !config.SMTP_URL;
    // Without SMTP_URL, messages are rendered to .eml files so nothing is lost in development.
    this.transport = config.SMTP_URL
      ? nodemailer.createTransport(config.SMTP_URL)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /**
   * Sends a message at most once per key. The key's row is locked while sending, so a second worker
   * with the same key waits and then sees it sent. A crash after SMTP accepted the message but before
   * the commit rolls the claim back and a retry sends it again: that window (one SMTP round trip) is
   * the only way a repeat can happen. A permanent SMTP refusal is recorded as failed, not retried.
   */
  async sendOnce(key: string, message: MailMessage): Promise<'sent' | 'already-sent' | 'failed'> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO mail_deliveries (key, recipients, subject, status) VALUES ($1, $2, $3, 'sending')
         ON CONFLICT (key) DO NOTHING`,
        [key, message.to, message.subject],
      );
      const [row]: { status: string }[] = await manager.query(
        `SELECT status FROM mail_deliveries WHERE key = $1 FOR UPDATE`,
        [key],
      );
      if (row.status === 'sent') return { result: 'already-sent' as const };
      if (row.status === 'failed') return { result: 'failed' as const };
      try {
        const messageId = await this.send(message);
        await manager.query(
          `UPDATE mail_deliveries SET status = 'sent', message_id = $2, sent_at = now(), error = NULL WHERE key = $1`,
          [key, messageId],
        );
        return { result: 'sent' as const };
      } catch (error) {
        if (!(error instanceof PermanentMailError)) throw error;
        await manager.query(`UPDATE mail_deliveries SET status = 'failed', error = $2 WHERE key = $1`, [
          key,
          error.message.slice(0, 1000),
        ]);
        return { result: 'failed' as const, error };
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  /** Sends now; returns the message id. */
  async send(message: MailMessage): Promise<string> {
    if (message.to.length === 0) return 'no-recipients';
    try {
      const info = (await this.transport.sendMail({ from: this.config.MAIL_FROM, ...message })) as {
        messageId: string;
        message?: Buffer;
      };
      if (this.toFiles && info.message) await this.writeFile(info.messageId, info.message);
      return info.messageId;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code && code >= 500) throw new PermanentMailError((error as Error).message);
      throw error;
    }
  }

  private async writeFile(messageId: string, raw: Buffer): Promise<void> {
    await mkdir(this.config.MAIL_OUTBOX_DIR, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`;
    const path = join(this.config.MAIL_OUTBOX_DIR, name);
    await writeFile(path, raw);
    this.logger.log(`Mail written to ${path}`);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
