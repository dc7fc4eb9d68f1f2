import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobName, JobPayloads, QUEUE_OF_JOB } from './job-catalog';
import { OutboxMessage } from './outbox-message.entity';

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
    await manager.insert(OutboxMessage, {
      queue: QUEUE_OF_JOB[name],
      name,
      data: data as object,
      jobId: options.jobId ?? null,
      delayMs: options.delayMs ?? 0,
    });
  }
}
