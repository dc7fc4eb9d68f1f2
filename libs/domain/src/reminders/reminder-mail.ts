import { Injectable } from '@nestjs/common';
import { AppConfig, escapeHtml, type MailMessage } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { countryName } from '../common';
import { NoticeRequest } from '../notices';
import { Operation, Participant } from '../operations';
import { computeOperationFigures, type OperationFigures } from '../rollups';
import { Target } from '../targets';
import { OPEN_TASK_STATUSES, Task, TaskStatus } from '../tasks';
import { Reminder, ReminderKind } from './reminder.entity';

const DAY_MS = 24 * 3600_000;

interface Line {
  label: string;
  value: string;
}

interface Draft {
  subject: string;
  intro: string;
  lines: Line[];
  link: string;
  footer: string;
  /** Extra HTML and text blocks (the digest's tables). */
  sections?: { title: string; rows: string[] }[];
}

/**
 * Writes the e-mail for one recorded reminder at the moment it is sent, or answers null when its
 * condition no longer holds (the task was acknowledged, done, cancelled or given a later due date;
 * the notice is no longer published; the operation closed).
 */
@Injectable()
export class ReminderMail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async compose(reminder: Reminder, now: Date): Promise<MailMessage | null> {
    const operation = await this.dataSource.manager.findOneBy(Operation, { id: reminder.operationId });
    if (!operation) return null;
    if (reminder.kind === ReminderKind.DailyDigest) return this.digest(operation, now);
    if (reminder.noticeRequestId) return this.retentionReview(operation, reminder.noticeRequestId);
    if (reminder.taskId) return this.task(operation, reminder, now);
    return null;
  }

  private async task(operation: Operation, reminder: Reminder, now: Date): Promise<MailMessage | null> {
    if (operation.status === 'closed') return null;
    const task = await this.dataSource.manager.findOneBy(Task, { id: reminder.taskId! });
    if (!task) return null;
    if (!taskReminderHolds(reminder.kind, task.status, task.dueAt, now)) return null;
    const target = task.targetId ? await this.dataSource.manager.findOneBy(Target, { id: task.targetId }) : null;
    const country = countryName(task.assignedCountry);
    const lines: Line[] = [
      { label: 'Task', value: task.title },
      { label: 'Assigned to', value: `${country} (${task.assignedCountry})` },
      { label: 'Target', value: target ? describeTarget(target) : 'none' },
      { label: 'Due', value: task.dueAt ? task.dueAt.toISOString() : 'no due date' },
      { label: 'Status', value: task.status.replace(/_/g, ' ') },
      { label: 'Priority', value: task.priority },
    ];
    const link = `${this.config.PUBLIC_URL}/api/tasks/${task.id}`;
    const code = operation.code;
    const drafts: Record<string, Omit<Draft, 'lines' | 'link'>> = {
      [ReminderKind.Unacknowledged]: {
        subject: `[${code}] Reminder: task not acknowledged for 24 hours: ${task.title}`,
        intro: `${country} has not acknowledged this task in operation ${operation.name} (${code}) 24 hours after it was assigned.`,
        footer: FOCAL_POINT_FOOTER,
      },
      [ReminderKind.DueSoon]: {
        subject: `[${code}] Reminder: task due within 24 hours: ${task.title}`,
        intro: `This task of ${country} in operation ${operation.name} (${code}) is due within 24 hours.`,
        footer: FOCAL_POINT_FOOTER,
      },
      [ReminderKind.Overdue]: {
        subject: `[${code}] Overdue task: ${task.title}`,
        intro: `This task of ${country} in operation ${operation.name} (${code}) is past its due date.`,
        footer: FOCAL_POINT_FOOTER,
      },
      [ReminderKind.Escalation]: {
        subject: `[${code}] Escalation: ${country}'s task overdue for more than 24 hours: ${task.title}`,
        intro: `${country}'s task in operation ${operation.name} (${code}) has been overdue for more than 24 hours.`,
        footer: COORDINATOR_FOOTER,
      },
    };
    const to =
      reminder.kind === ReminderKind.Escalation
        ? await this.coordinators()
        : await this.focalPoints(operation.id, task.assignedCountry);
    return { to, ...render({ ...drafts[reminder.kind], lines, link }) };
  }

  private async retentionReview(operation: Operation, noticeRequestId: string): Promise<MailMessage | null> {
    if (operation.status === 'closed') return null;
    const notice = await this.dataSource.manager.findOneBy(NoticeRequest, { id: noticeRequestId });
    if (!notice || notice.status !== 'published') return null;
    const target = await this.dataSource.manager.findOneBy(Target, { id: notice.targetId });
    const kind = `${notice.type.replace(/_/g, ' ')} notice`;
    const lines: Line[] = [
      { label: 'Notice', value: `${kind} ${notice.reference ?? ''}`.trim() },
      { label: 'Target', value: target ? describeTarget(target) : 'unknown' },
      { label: 'Retention review due', value: notice.retentionReviewDue ?? 'unknown' },
      { label: 'Expires', value: notice.expiresAt ?? 'unknown' },
    ];
    return {
      to: await this.focalPoints(operation.id, notice.requestingCountry),
      ...render({
        subject: `[${operation.code}] Retention review due: ${kind} ${notice.reference ?? ''}`.trim(),
        intro: `The retention review of this ${kind} requested by ${countryName(notice.requestingCountry)} is due: confirm it is still needed before it expires.`,
        lines,
        link: `${this.config.PUBLIC_URL}/api/requests/${notice.id}`,
        footer: FOCAL_POINT_FOOTER,
      }),
    };
  }

  /** The roll-up as of now, and what changed in the last 24 hours. */
  private async digest(operation: Operation, now: Date): Promise<MailMessage> {
    const since = new Date(now.getTime() - DAY_MS);
    const manager = this.dataSource.manager;
    const figures: OperationFigures = await computeOperationFigures(manager, operation.id, now);
    const results: { reference: string; family_name: string; given_names: string; country: string; kind: string }[] =
      await manager.query(
        `SELECT reference, family_name, given_names, arrested_country AS country, 'arrested' AS kind
           FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL AND arrested_at >= $2
         UNION ALL
         SELECT reference, family_name, given_names, located_country, 'located'
           FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL AND status = 'located' AND located_at >= $2
         ORDER BY kind, reference LIMIT 200`,
        [operation.id, since],
      );
    const { totals, headline } = figures;
    const describe = (row: (typeof results)[number]) =>
      `${row.reference} ${`${row.given_names} ${row.family_name}`.trim()} in ${row.country ? countryName(row.country) : 'unknown country'}`;
    const withLeads = figures.countries.filter((country) => country.leads.last24Hours > 0);
    const withOverdue = figures.countries.filter((country) => country.tasks.overdue > 0);
    return {
      to: await this.coordinators(),
      ...render({
        subject: `[${operation.code}] Daily digest: ${headline.text}`,
        intro: `Operation ${operation.name} (${operation.code}), ${operation.status.replace(/_/g, ' ')}, as of ${now.toISOString()}: ${headline.text}.`,
        lines: [
          { label: 'Targets', value: String(totals.targets) },
          { label: 'Arrested', value: String(totals.arrested) },
          { label: 'Located', value: String(totals.located) },
          { label: 'Still at large', value: String(totals.stillAtLarge) },
          { label: 'Leads', value: `${totals.leads.total} (${totals.leads.last24Hours} in the last 24 hours)` },
          {
            label: 'Tasks',
            value: `${totals.tasks.open} open, ${totals.tasks.overdue} overdue, ${totals.tasks.done} done`,
          },
        ],
        sections: [
          {
            title: 'Arrests in the last 24 hours',
            rows: results.filter((row) => row.kind === 'arrested').map(describe),
          },
          {
            title: 'Locations in the last 24 hours',
            rows: results.filter((row) => row.kind === 'located').map(describe),
          },
          {
            title: 'New leads in the last 24 hours, by reporting country',
            rows: withLeads.map((country) => `${countryName(country.country)}: ${country.leads.last24Hours}`),
          },
          {
            title: 'Overdue tasks by country',
            rows: withOverdue.map((country) => `${countryName(country.country)}: ${country.tasks.overdue}`),
          },
        ],
        link: `${this.config.PUBLIC_URL}/api/operations/${operation.id}/status`,
        footer: COORDINATOR_FOOTER,
      }),
    };
  }

  private async focalPoints(operationId: string, country: string): Promise<string[]> {
    const participant = await this.dataSource.manager.findOneBy(Participant, { operationId, country });
    return participant?.focalPointEmails ?? [];
  }

  private async coordinators(): Promise<string[]> {
    const rows: { email: string }[] = await this.dataSource.query(
      `SELECT email FROM users WHERE role = 'coordinator' AND active ORDER BY email`,
    );
    return rows.map((row) => row.email);
  }
}

/**
 * Whether a task reminder recorded earlier still applies at `now`: the task is unfinished, still
 * unacknowledged for that reminder, and its (possibly changed) due date still calls for it.
 */
export function taskReminderHolds(kind: ReminderKind, status: TaskStatus, dueAt: Date | null, now: Date): boolean {
  if (!OPEN_TASK_STATUSES.includes(status)) return false;
  const due = dueAt?.getTime() ?? Infinity;
  switch (kind) {
    case ReminderKind.Unacknowledged:
      return status === TaskStatus.Open;
    case ReminderKind.DueSoon:
      return due <= now.getTime() + DAY_MS;
    case ReminderKind.Overdue:
      return due <= now.getTime();
    case ReminderKind.Escalation:
      return due <= now.getTime() - DAY_MS;
    default:
      return false;
  }
}

const FOCAL_POINT_FOOTER =
  'You receive this message as a focal point of your National Central Bureau for this operation.';
const COORDINATOR_FOOTER = 'You receive this message as a coordinator of Dragnet operations.';

function describeTarget(target: Target): string {
  return `${target.reference} (${`${target.givenNames} ${target.familyName}`.trim()})`;
}

function render(draft: Draft): Omit<MailMessage, 'to'> {
  const sections = draft.sections ?? [];
  const text = [
    draft.intro,
    '',
    ...draft.lines.map((line) => `${line.label}: ${line.value}`),
    ...sections.flatMap((section) => [
      '',
      `${section.title}:`,
      ...(section.rows.length ? section.rows.map((row) => `- ${row}`) : ['- none']),
    ]),
    '',
    `In Dragnet: ${draft.link}`,
    '',
    draft.footer,
  ].join('\n');
  const html = `<p>${escapeHtml(draft.intro)}</p>
<ul>${draft.lines.map((line) => `<li>${escapeHtml(line.label)}: ${escapeHtml(line.value)}</li>`).join('')}</ul>
${sections
  .map(
    (section) =>
      `<h3>${escapeHtml(section.title)}</h3><ul>${
        section.rows.length ? section.rows.map((row) => `<li>${escapeHtml(row)}</li>`).join('') : '<li>none</li>'
      }</ul>`,
  )
  .join('\n')}
<p><a href="${escapeHtml(draft.link)}">Open in Dragnet</a></p>
<p>${escapeHtml(draft.footer)}</p>`;
  return { subject: draft.subject, text, html };
}
