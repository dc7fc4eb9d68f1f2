import { Injectable } from '@nestjs/common';
import { TaskNotifications } from '@dragnet/domain';
import { JobHandler, JobName, JobPayloads } from '@dragnet/platform';

/** E-mails about new tasks. */
@Injectable()
export class TasksProcessor {
  constructor(private readonly tasks: TaskNotifications) {}

  @JobHandler(JobName.TaskAssignedEmail)
  taskAssigned(data: JobPayloads[JobName.TaskAssignedEmail]): Promise<void> {
    return this.tasks.sendAssignedEmail(data.taskId);
  }

  @JobHandler(JobName.TaskBatchAssignedEmail)
  taskBatchAssigned(data: JobPayloads[JobName.TaskBatchAssignedEmail]): Promise<void> {
    return this.tasks.sendBatchEmail(data.batchId, data.country, data.count);
  }
}
