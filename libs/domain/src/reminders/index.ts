/** The reminders area's front door: what other areas and the apps may use of it. */
export { Reminder, ReminderKind, ReminderStatus } from './reminder.entity';
export { RemindersModule } from './reminders.module';
export { RemindersService } from './reminders.service';
