import { Injectable } from '@nestjs/common';
import { LeadNotifications, TaskNotifications } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

/** E-mails about new leads and tasks. */
@Injectable()
export class LeadsAndTasksProcessor {
  constructor(
    private readonly leads: LeadNotifications,
    private readonly tasks: TaskNotifications,
  ) {}

  @JobHandler(JobName.LeadReportedEmail)
  leadReported(data: JobPayloads[JobName.LeadReportedEmail]): Promise<void> {
    return this.leads.sendReportedEmail(data.leadId);
  }

  @JobHandler(JobName.TaskAssignedEmail)
  taskAssigned(data: JobPayloads[JobName.TaskAssignedEmail]): Promise<void> {
    return this.tasks.sendAssignedEmail(data.taskId);
  }

  @JobHandler(JobName.TaskBatchAssignedEmail)
  taskBatchAssigned(data: JobPayloads[JobName.TaskBatchAssignedEmail]): Promise<void> {
    return this.tasks.sendBatchEmail(data.batchId, data.country, data.count);
  }
}
