import { TaskStatus } from '../tasks';
import { ReminderKind } from './reminder.entity';
import { taskReminderHolds } from './reminder-mail';

const HOUR = 3600_000;
const now = new Date('2016-05-10T12:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

describe('task reminders still apply when they are sent', () => {
  it('drops every reminder of a finished task', () => {
    for (const kind of [
      ReminderKind.Unacknowledged,
      ReminderKind.DueSoon,
      ReminderKind.Overdue,
      ReminderKind.Escalation,
    ]) {
      expect(taskReminderHolds(kind, TaskStatus.Done, at(-30), now)).toBe(false);
      expect(taskReminderHolds(kind, TaskStatus.Cancelled, at(-30), now)).toBe(false);
    }
  });

  it('reminds of acknowledgement only while the task is still open', () => {
    expect(taskReminderHolds(ReminderKind.Unacknowledged, TaskStatus.Open, null, now)).toBe(true);
    expect(taskReminderHolds(ReminderKind.Unacknowledged, TaskStatus.Acknowledged, null, now)).toBe(false);
  });

  it('follows a due date moved later', () => {
    expect(taskReminderHolds(ReminderKind.DueSoon, TaskStatus.InProgress, at(23), now)).toBe(true);
    expect(taskReminderHolds(ReminderKind.DueSoon, TaskStatus.InProgress, at(25), now)).toBe(false);
    expect(taskReminderHolds(ReminderKind.Overdue, TaskStatus.Acknowledged, at(-1), now)).toBe(true);
    expect(taskReminderHolds(ReminderKind.Overdue, TaskStatus.Acknowledged, at(1), now)).toBe(false);
    expect(taskReminderHolds(ReminderKind.Escalation, TaskStatus.Open, at(-25), now)).toBe(true);
    expect(taskReminderHolds(ReminderKind.Escalation, TaskStatus.Open, at(-23), now)).toBe(false);
    expect(taskReminderHolds(ReminderKind.Overdue, TaskStatus.Open, null, now)).toBe(false);
  });
});
