import { Injectable, Logger } from '@nestjs/common';
import { ExportBuilder } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';
import type { Job } from 'bullmq';

/** Builds export files, and expires them on the schedule (schedules.service.ts). */
@Injectable()
export class ExportsProcessor {
  private readonly logger = new Logger(ExportsProcessor.name);

  constructor(private readonly builder: ExportBuilder) {}

  @JobHandler(JobName.BuildExport)
  build(data: JobPayloads[JobName.BuildExport], job: Job): Promise<void> {
    // On the last attempt a failure is recorded on the export, so its requester is told.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.builder.build(data.exportId, lastAttempt);
  }

  @JobHandler(JobName.ExpireExports)
  async expire(): Promise<void> {
    const expired = await this.builder.expire();
    if (expired > 0) this.logger.log(`Expired ${expired} exports`);
  }
}
