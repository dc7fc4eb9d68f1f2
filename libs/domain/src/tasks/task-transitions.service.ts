import { Injectable } from '@nestjs/common';
import { ForbiddenError, LiveEventBus, assertCurrentVersion } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '../common';
import { AuditService } from '../audit';
import { loadOperationForWork } from '../operations';
import { TaskAccess } from './task-access';
import { type TaskView, toTaskView } from './task-fields';
import { ASSIGNED_COUNTRY_MOVES, FINISHED_TASK_STATUSES, TaskStatus, taskWorkflow } from './task-status';
import { TasksService } from './tasks.service';

export interface TaskTransitionRequest {
  to: TaskStatus;
  note?: string;
  /** The version you read; a stale one answers 409. */
  version?: number;
}

/** Moves a task: the assigned country acknowledges, works and completes it; coordinators may do anything. */
@Injectable()
export class TaskTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly tasks: TasksService,
    private readonly audit: AuditService,
    private readonly live: LiveEventBus,
  ) {}

  async transition(actor: Actor, id: string, input: TaskTransitionRequest): Promise<TaskView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      // Visible to an investigator only when assigned to its country.
      const task = await this.access.loadVisible(manager, actor, id, true);
      assertCurrentVersion('task', task.version, input.version);
      await loadOperationForWork(manager, task.operationId, false);
      const from = task.status;
      taskWorkflow.assertMove(from, input.to);
      if (actor.role !== Role.Coordinator && !ASSIGNED_COUNTRY_MOVES.includes(input.to)) {
        throw new ForbiddenError(`Only coordinators move a task to ${input.to}`);
      }
      task.status = input.to;
      if (input.to === TaskStatus.Acknowledged) task.acknowledgedAt = new Date();
      if (FINISHED_TASK_STATUSES.includes(input.to)) task.finishedAt = new Date();
      const saved = await manager.save(task);
      await this.tasks.recordChange(manager, actor, id, from, input.to, input.note);
      await this.audit.record(manager, actor, {
        action: 'task.transition',
        entityType: 'task',
        entityId: id,
        before: { status: from },
        after: { status: input.to, note: input.note ?? null },
      });
      return toTaskView(saved);
    });
    await this.live.publish({ operationId: saved.operationId, type: 'task.status', entity: 'task', id: saved.id });
    return saved;
  }
}
