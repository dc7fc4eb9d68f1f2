import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PollingLoop } from '../background/polling-loop';
import { AppConfig } from '../config/app-config';
import { JobName } from './job-catalog';
import { JobProducer } from './job-producer.service';

const BATCH_SIZE = 500;
const RETENTION_DAYS = 7;
const CLEANUP_EVERY_MS = 3600_000;

interface PendingRow {
  id: string;
  name: JobName;
  data: unknown;
  job_id: string | null;
  delay_ms: number;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are locked with SKIP LOCKED, so several relays share
 * the work; a row is marked dispatched only after BullMQ accepted its job, and its deterministic
 * job id makes a repeat after a crash harmless.
 */
@Injectable()
export class OutboxRelay extends PollingLoop {
  private lastCleanup = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {
    super(new Logger(OutboxRelay.name), 'Outbox relay');
  }

  protected async round(): Promise<number> {
    const moved = await this.relayBatch();
    if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) await this.cleanup();
    // A full batch means more are waiting: go again at once.
    return moved === BATCH_SIZE ? 0 : this.config.OUTBOX_POLL_INTERVAL_MS;
  }

  protected retryDelayMs(): number {
    return this.config.OUTBOX_POLL_INTERVAL_MS;
  }

  /** Moves one batch; returns how many jobs it moved. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: PendingRow[] = await manager.query(
        `SELECT id, name, data, job_id, delay_ms FROM outbox_messages
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (rows.length === 0) return 0;
      await this.producer.addMany(
        rows.map((row) => ({
          name: row.name,
          data: row.data,
          jobId: row.job_id ?? `outbox-${row.id}`,
          delayMs: row.delay_ms,
        })),
      );
      await manager.query(
        `UPDATE outbox_messages SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
        [rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }

  private async cleanup(): Promise<void> {
    this.lastCleanup = Date.now();
    await this.dataSource.query(`DELETE FROM outbox_messages WHERE dispatched_at < now() - make_interval(days => $1)`, [
      RETENTION_DAYS,
    ]);
  }
}
