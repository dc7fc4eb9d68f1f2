import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations';
import { ReminderMail } from './reminder-mail';
import { RemindersService } from './reminders.service';

/** Reminders, escalations and the daily digest: recorded by sweeps, sent one e-mail at a time. */
@Module({
  imports: [OperationsModule],
  providers: [RemindersService, ReminderMail],
  exports: [RemindersService],
})
export class RemindersModule {}
