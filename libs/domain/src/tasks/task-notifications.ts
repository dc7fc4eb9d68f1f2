import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, escapeHtml, MailService, type MailMessage } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { countryName } from '../common';
import { Operation, Participant } from '../operations';
import { Target } from '../targets';
import { Task } from './task.entity';

interface Line {
  label: string;
  value: string;
}

interface Message {
  operation: Operation;
  subject: string;
  intro: string;
  lines: Line[];
  details: string;
  link: string;
}

/** Composes and sends the e-mails that tell a country it has been tasked. */
@Injectable()
export class TaskNotifications {
  private readonly logger = new Logger(TaskNotifications.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /** One task: to the assigned country's focal points. */
  async sendAssignedEmail(taskId: string): Promise<void> {
    const manager = this.dataSource.manager;
    const task = await manager.findOneBy(Task, { id: taskId });
    if (!task) {
      this.logger.log(`Task ${taskId} is gone; no e-mail`);
      return;
    }
    const [operation, participant, target] = await Promise.all([
      manager.findOneByOrFail(Operation, { id: task.operationId }),
      manager.findOneBy(Participant, { operationId: task.operationId, country: task.assignedCountry }),
      task.targetId ? manager.findOneBy(Target, { id: task.targetId }) : null,
    ]);
    if (!participant?.focalPointEmails.length) return;
    const country = countryName(task.assignedCountry);
    const lines: Line[] = [
      { label: 'Type', value: task.type.replace(/_/g, ' ') },
      { label: 'Priority', value: task.priority },
      ...(task.dueAt ? [{ label: 'Due', value: task.dueAt.toISOString() }] : []),
      ...(target
        ? [{ label: 'Target', value: `${target.reference} (${target.givenNames} ${target.familyName})`.trim() }]
        : []),
    ];
    await this.mail.sendOnce(`task-assigned:${task.id}`, {
      to: participant.focalPointEmails,
      ...compose({
        operation,
        subject: `[${operation.code}] New task for ${country}: ${task.title}`,
        intro: `${country} has a new task in operation ${operation.name} (${operation.code}): ${task.title}`,
        lines,
        details: task.details,
        link: `${this.config.PUBLIC_URL}/api/tasks/${task.id}`,
      }),
    });
  }

  /** The tasks one bulk request gave a country, in one message with their count. */
  async sendBatchEmail(batchId: string, countryCode: string, count: number): Promise<void> {
    const manager = this.dataSource.manager;
    const sample = await manager.findOneBy(Task, { batchId, assignedCountry: countryCode });
    if (!sample) {
      this.logger.log(`Tasks of batch ${batchId} are gone; no e-mail`);
      return;
    }
    const [operation, participant] = await Promise.all([
      manager.findOneByOrFail(Operation, { id: sample.operationId }),
      manager.findOneBy(Participant, { operationId: sample.operationId, country: countryCode }),
    ]);
    if (!participant?.focalPointEmails.length) return;
    const country = countryName(countryCode);
    const tasks = `${count} new task${count === 1 ? '' : 's'}`;
    const lines: Line[] = [
      { label: 'Type', value: sample.type.replace(/_/g, ' ') },
      { label: 'Priority', value: sample.priority },
      ...(sample.dueAt ? [{ label: 'Due', value: sample.dueAt.toISOString() }] : []),
    ];
    const query = new URLSearchParams({ country: countryCode, batchId });
    await this.mail.sendOnce(`task-batch:${batchId}:${countryCode}`, {
      to: participant.focalPointEmails,
      ...compose({
        operation,
        subject: `[${operation.code}] ${tasks} for ${country}: ${sample.title}`,
        intro: `${country} has ${tasks} in operation ${operation.name} (${operation.code}): ${sample.title}`,
        lines,
        details: sample.details,
        link: `${this.config.PUBLIC_URL}/api/operations/${operation.id}/tasks?${query.toString()}`,
      }),
    });
  }
}

function compose({ operation, subject, intro, lines, details, link }: Message): Omit<MailMessage, 'to'> {
  const text = [
    intro,
    '',
    ...lines.map((line) => `${line.label}: ${line.value}`),
    ...(details ? ['', details] : []),
    '',
    `In Dragnet: ${link}`,
    '',
    'You receive this message as a focal point of your National Central Bureau for this operation.',
  ].join('\n');
  const html = `<p>${escapeHtml(intro)}</p>
<ul>${lines.map((line) => `<li>${escapeHtml(line.label)}: ${escapeHtml(line.value)}</li>`).join('')}</ul>
${details ? `<p>${escapeHtml(details)}</p>` : ''}
<p><a href="${escapeHtml(link)}">Open in Dragnet</a></p>
<p>You receive this message as a focal point of your National Central Bureau for operation ${escapeHtml(operation.code)}.</p>`;
  return { subject, text, html };
}
