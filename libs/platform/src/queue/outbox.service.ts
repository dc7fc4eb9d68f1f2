import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../database/pg-connection';
import { JobName, JobPayloads, QUEUE_OF_JOB } from './job-catalog';

export interface EnqueueOptions {
  /** Deterministic id for a job that must never run twice for the same event. */
  jobId?: string;
  delayMs?: number;
}

@Injectable()
export class OutboxService {
  /** Records a job inside the caller's transaction; it reaches BullMQ only if that transaction commits. */
  async enqueue<N extends JobName>(
    manager: EntityManager,
    name: N,
    data: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    // Plain SQL straight to pg: this runs in nearly every write transaction.
    await queryRows(
      manager,
      `INSERT INTO outbox_messages (queue, name, data, job_id, delay_ms) VALUES ($1, $2, $3::jsonb, $4, $5)`,
      [QUEUE_OF_JOB[name], name, JSON.stringify(data), options.jobId ?? null, options.delayMs ?? 0],
    );
  }
}
