import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, JobName, MailService, PermanentMailError, QueueName } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { type Actor, constantList } from '../common';
import { LEADS_AND_TASKS_STATUSES, OperationAccess } from '../operations';
import { OPEN_TASK_STATUSES } from '../tasks';
import { ReminderMail } from './reminder-mail';
import { Reminder, ReminderStatus } from './reminder.entity';

const OPEN_TASK = constantList(OPEN_TASK_STATUSES);
const WORKING_OPERATION = constantList(LEADS_AND_TASKS_STATUSES);

/**
 * Every event that calls for a reminder, as rows (key, kind, operation_id, task_id, notice_request_id,
 * country) at the moment $1. Tasks are reminded only while their operation takes tasks (active,
 * follow-up); notices while their operation is not closed.
 */
const DUE_REMINDERS = `
  SELECT 'task.' || t.id || '.unacknowledged', 'unacknowledged', t.operation_id, t.id, NULL::uuid, t.assigned_country
    FROM tasks t JOIN operations o ON o.id = t.operation_id
   WHERE o.status IN ${WORKING_OPERATION} AND t.status = 'open' AND t.created_at <= $1::timestamptz - interval '24 hours'
  UNION ALL
  SELECT 'task.' || t.id || '.due-soon', 'due-soon', t.operation_id, t.id, NULL, t.assigned_country
    FROM tasks t JOIN operations o ON o.id = t.operation_id
   WHERE o.status IN ${WORKING_OPERATION} AND t.status IN ${OPEN_TASK}
     AND t.due_at > $1::timestamptz AND t.due_at <= $1::timestamptz + interval '24 hours'
  UNION ALL
  SELECT 'task.' || t.id || '.overdue', 'overdue', t.operation_id, t.id, NULL, t.assigned_country
    FROM tasks t JOIN operations o ON o.id = t.operation_id
   WHERE o.status IN ${WORKING_OPERATION} AND t.status IN ${OPEN_TASK} AND t.due_at <= $1::timestamptz
  UNION ALL
  SELECT 'task.' || t.id || '.escalation', 'escalation', t.operation_id, t.id, NULL, NULL
    FROM tasks t JOIN operations o ON o.id = t.operation_id
   WHERE o.status IN ${WORKING_OPERATION} AND t.status IN ${OPEN_TASK}
     AND t.due_at <= $1::timestamptz - interval '24 hours'
  UNION ALL
  SELECT 'notice.' || n.id || '.retention-review', 'retention-review', n.operation_id, NULL, n.id, n.requesting_country
    FROM notice_requests n JOIN operations o ON o.id = n.operation_id
   WHERE o.status <> 'closed' AND n.status = 'published' AND n.retention_review_due <= ($1::timestamptz AT TIME ZONE 'UTC')::date`;

/** Records new reminder rows and, in the same statement, one outbox job each (job id = the key). */
const RECORD_AND_ENQUEUE = (due: string) => `
  WITH due (key, kind, operation_id, task_id, notice_request_id, country) AS (${due}),
  recorded AS (
    INSERT INTO reminders (key, kind, operation_id, task_id, notice_request_id, country)
    SELECT * FROM due WHERE NOT EXISTS (SELECT 1 FROM reminders r WHERE r.key = due.key)
    ON CONFLICT (key) DO NOTHING
    RETURNING key
  )
  INSERT INTO outbox_messages (queue, name, data, job_id)
  SELECT '${QueueName.Reminders}', '${JobName.ReminderEmail}', jsonb_build_object('key', key), key FROM recorded
  RETURNING id`;

export interface ReminderListQuery {
  status?: ReminderStatus;
  limit: number;
  offset: number;
}

/**
 * The reminder ladder: a sweep records each due event once under a unique key (in the same
 * transaction as its outbox job), and the send job mails it once through MailService.sendOnce.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly composer: ReminderMail,
    private readonly access: OperationAccess,
    private readonly config: AppConfig,
  ) {}

  /** Records what fell due at `now`, and queues again what stayed unsent too long; returns how many were new. */
  async sweep(now: Date = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const recorded: unknown[] = await manager.query(RECORD_AND_ENQUEUE(DUE_REMINDERS), [now]);
      // A job can vanish (a Redis that lost its data; retries exhausted during a long SMTP outage);
      // the row is still pending, so it is queued again, once per period, under a new job id. The
      // send is idempotent by key, so a repeat costs nothing.
      await manager.query(
        `WITH stale AS (
           UPDATE reminders SET queued_at = $3
            WHERE status = 'pending' AND queued_at < $3::timestamptz - make_interval(secs => $4::double precision / 1000)
           RETURNING key
         )
         INSERT INTO outbox_messages (queue, name, data, job_id)
         SELECT $1, $2, jsonb_build_object('key', key), key || '.requeue-' || $5 FROM stale`,
        [QueueName.Reminders, JobName.ReminderEmail, now, this.config.REMINDER_REQUEUE_AFTER_MS, now.getTime()],
      );
      return recorded.length;
    });
  }

  /** Records today's digest of every operation that is not closed; the key makes a second run a no-op. */
  async digestSweep(now: Date = new Date()): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const due = `SELECT 'operation.' || o.id || '.digest.' || $1::text, 'daily-digest', o.id, NULL::uuid, NULL::uuid, NULL::char(2)
                   FROM operations o WHERE o.status <> 'closed'`;
    const recorded: unknown[] = await this.dataSource.query(RECORD_AND_ENQUEUE(due), [day]);
    return recorded.length;
  }

  /** Sends one recorded reminder unless it was sent, failed for good, or no longer applies. */
  async send(key: string, now: Date = new Date()): Promise<ReminderStatus> {
    const reminder = await this.dataSource.manager.findOneBy(Reminder, { key });
    if (!reminder) {
      this.logger.warn(`Reminder ${key} is gone`);
      return ReminderStatus.Skipped;
    }
    if (reminder.status !== ReminderStatus.Pending) return reminder.status;
    const message = await this.composer.compose(reminder, now);
    if (!message) return this.finish(key, ReminderStatus.Skipped, [], null);
    if (message.to.length === 0) {
      const who = reminder.country ? `${reminder.country} has no focal point e-mail address` : 'no active coordinator';
      return this.finish(key, ReminderStatus.Failed, [], `No recipient: ${who}`);
    }
    let outcome: 'sent' | 'already-sent' | 'failed';
    let error: string | null = null;
    try {
      outcome = await this.mail.sendOnce(`reminder:${key}`, message);
    } catch (caught) {
      // Temporary failures (4xx, connection) go back to BullMQ, which retries with backoff.
      if (!(caught instanceof PermanentMailError)) throw caught;
      outcome = 'failed';
      error = caught.message;
    }
    if (outcome === 'failed') {
      error ??= await this.deliveryError(`reminder:${key}`);
      return this.finish(key, ReminderStatus.Failed, message.to, error ?? 'Refused by the mail server');
    }
    return this.finish(key, ReminderStatus.Sent, message.to, null);
  }

  /** Coordinators: an operation's reminders and digests, e.g. those SMTP refused (`status=failed`). */
  async list(
    actor: Actor,
    operationId: string,
    query: ReminderListQuery,
  ): Promise<{ items: Reminder[]; total: number }> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    const [items, total] = await this.dataSource.manager.findAndCount(Reminder, {
      where: { operationId, ...(query.status ? { status: query.status } : {}) },
      order: { createdAt: 'DESC', key: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { items, total };
  }

  private async finish(
    key: string,
    status: ReminderStatus,
    recipients: string[],
    error: string | null,
  ): Promise<ReminderStatus> {
    await this.dataSource.query(
      `UPDATE reminders SET status = $2, recipients = $3, error = $4, finished_at = now()
        WHERE key = $1 AND status = 'pending'`,
      [key, status, recipients, error?.slice(0, 1000) ?? null],
    );
    return status;
  }

  private async deliveryError(mailKey: string): Promise<string | null> {
    const [row]: { error: string | null }[] = await this.dataSource.query(
      `SELECT error FROM mail_deliveries WHERE key = $1`,
      [mailKey],
    );
    return row?.error ?? null;
  }
}
