import { Injectable } from '@nestjs/common';
import {
  ConflictError,
  ForbiddenError,
  JobName,
  OutboxService,
  type Page,
  type PageRequest,
  LiveEventBus,
} from '@dragnet/platform';
import { DataSource, EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { type Actor, recordChange, Role } from '../common';
import { AuditService } from '../audit';
import { DEAD_LEAD_STATUSES, Lead, LeadAccess } from '../leads';
import { loadOperationForWork } from '../operations';
import { Priority, Target } from '../targets';
import { TaskAccess } from './task-access';
import {
  type LeadTaskFields,
  type NewTask,
  normaliseTaskFields,
  type TaskView,
  toTaskView,
  unprocessableTaskField,
} from './task-fields';
import { FINISHED_TASK_STATUSES, TaskStatus } from './task-status';
import { TaskStatusChange } from './task-status-change.entity';
import { Task } from './task.entity';
import { TaskType } from './task-vocabulary';

export interface TaskFilter {
  country?: string;
  status?: TaskStatus;
  type?: TaskType;
  targetId?: string;
  leadId?: string;
  batchId?: string;
  /** true: past due and neither done nor cancelled; false: the others. */
  overdue?: boolean;
}

const FINISHED_LIST = FINISHED_TASK_STATUSES.map((status) => `'${status}'`).join(', ');
const OVERDUE_SQL = `(task.due_at IS NOT NULL AND task.due_at < now() AND task.status NOT IN (${FINISHED_LIST}))`;

/** Tasking one country at a time, reading tasks, and their history. */
@Injectable()
export class TasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TaskAccess,
    private readonly leads: LeadAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly live: LiveEventBus,
  ) {}

  async create(actor: Actor, operationId: string, input: NewTask): Promise<TaskView> {
    assertCoordinator(actor);
    const fields = normaliseTaskFields(input);
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.access.loadOperation(manager, actor, operationId);
      await loadOperationForWork(manager, operationId, true, {
        country: fields.assignedCountry,
        field: 'assignedCountry',
      });
      const subject = await this.resolveSubject(manager, operationId, fields.targetId, fields.leadId);
      return this.assign(manager, actor, { ...fields, ...subject, operationId });
    });
    await this.live.publish({ operationId: saved.operationId, type: 'task.created', entity: 'task', id: saved.id });
    return saved;
  }

  /** Tasks the country a lead points to with acting on it (verify_lead unless told otherwise). */
  async fromLead(actor: Actor, leadId: string, input: LeadTaskFields): Promise<TaskView> {
    assertCoordinator(actor);
    const fields = normaliseTaskFields(input);
    const saved = await this.dataSource.transaction(async (manager) => {
      const lead = await this.leads.loadVisible(manager, actor, leadId);
      if (DEAD_LEAD_STATUSES.includes(lead.status)) {
        throw new ConflictError(`A ${lead.status} lead is no longer tasked`);
      }
      await loadOperationForWork(manager, lead.operationId, true, { country: lead.country, field: 'country' });
      const target = await manager.findOneByOrFail(Target, { id: lead.targetId });
      // The default title names the target only: the lead's content may be restricted (H2, H3).
      return this.assign(manager, actor, {
        operationId: lead.operationId,
        assignedCountry: lead.country,
        targetId: lead.targetId,
        leadId: lead.id,
        type: fields.type ?? TaskType.VerifyLead,
        title: fields.title ?? `Verify ${lead.type.replace(/_/g, ' ')} lead on ${target.reference}`,
        details: fields.details,
        priority: fields.priority,
        dueAt: fields.dueAt,
      });
    });
    await this.live.publish({ operationId: saved.operationId, type: 'task.created', entity: 'task', id: saved.id });
    return saved;
  }

  async get(actor: Actor, id: string): Promise<TaskView> {
    return toTaskView(await this.access.loadVisible(this.dataSource.manager, actor, id));
  }

  /** The operation's tasks you may see, the soonest due first. */
  async list(actor: Actor, operationId: string, filter: TaskFilter, page: PageRequest): Promise<Page<TaskView>> {
    const manager = this.dataSource.manager;
    await this.access.loadOperation(manager, actor, operationId);
    const query = this.access
      .restrict(manager.getRepository(Task).createQueryBuilder('task'), actor)
      .andWhere('task.operation_id = :operationId', { operationId });
    applyFilter(query, filter);
    const [tasks, total] = await query
      .orderBy('task.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('task.created_at', 'ASC')
      .addOrderBy('task.id', 'ASC')
      .take(page.limit)
      .skip(page.offset)
      .getManyAndCount();
    const now = new Date();
    return { items: tasks.map((task) => toTaskView(task, now)), total, ...page };
  }

  async history(actor: Actor, id: string): Promise<TaskStatusChange[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, id);
    return this.dataSource.getRepository(TaskStatusChange).find({ where: { taskId: id }, order: { id: 'ASC' } });
  }

  async recordChange(
    manager: EntityManager,
    actor: Actor,
    taskId: string,
    from: TaskStatus | null,
    to: TaskStatus,
    note?: string,
  ): Promise<void> {
    await recordChange(manager, TaskStatusChange, actor, {
      taskId,
      fromStatus: from,
      toStatus: to,
      note: note?.trim() || null,
    });
  }

  private async assign(
    manager: EntityManager,
    actor: Actor,
    fields: NewTask & { operationId: string },
  ): Promise<TaskView> {
    const task = await manager.save(
      manager.create(Task, {
        ...fields,
        details: fields.details ?? '',
        priority: fields.priority ?? Priority.Medium,
        dueAt: fields.dueAt ?? null,
        status: TaskStatus.Open,
        createdBy: actor.userId,
      }),
    );
    await this.recordChange(manager, actor, task.id, null, TaskStatus.Open);
    await this.audit.record(manager, actor, {
      action: 'task.create',
      entityType: 'task',
      entityId: task.id,
      after: task,
    });
    await this.outbox.enqueue(
      manager,
      JobName.TaskAssignedEmail,
      { taskId: task.id },
      { jobId: `task-assigned:${task.id}` },
    );
    return toTaskView(task);
  }

  /** A task's target and lead must belong to its operation; a lead's target is the task's target. */
  private async resolveSubject(
    manager: EntityManager,
    operationId: string,
    targetId: string | null | undefined,
    leadId: string | null | undefined,
  ): Promise<{ targetId: string | null; leadId: string | null }> {
    const lead = leadId ? await manager.findOneBy(Lead, { id: leadId, operationId }) : null;
    if (leadId && !lead) throw unprocessableTaskField('leadId', 'leadId must be a lead of this operation');
    if (targetId) {
      const known = await manager.existsBy(Target, { id: targetId, operationId, mergedIntoId: IsNull() });
      if (!known) throw unprocessableTaskField('targetId', 'targetId must be a target of this operation');
      if (lead && lead.targetId !== targetId) {
        throw unprocessableTaskField('targetId', 'targetId must be the target of the lead');
      }
    }
    return { targetId: targetId ?? lead?.targetId ?? null, leadId: lead?.id ?? null };
  }
}

export function assertCoordinator(actor: Actor): void {
  if (actor.role !== Role.Coordinator) throw new ForbiddenError('Only coordinators task countries');
}

function applyFilter(query: SelectQueryBuilder<Task>, filter: TaskFilter): void {
  const equalities: [keyof TaskFilter, string][] = [
    ['country', 'assigned_country'],
    ['status', 'status'],
    ['type', 'type'],
    ['targetId', 'target_id'],
    ['leadId', 'lead_id'],
    ['batchId', 'batch_id'],
  ];
  for (const [field, column] of equalities) {
    if (filter[field] !== undefined) query.andWhere(`task.${column} = :${field}`, { [field]: filter[field] });
  }
  if (filter.overdue !== undefined) query.andWhere(filter.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
}
