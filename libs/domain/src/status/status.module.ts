import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OperationsModule } from '../operations/operations.module';
import { ReminderMail } from '../reminders/reminder-mail';
import { RemindersService } from '../reminders/reminders.service';
import { OperationStatusService } from './operation-status.service';

/** Operation status roll-ups, reminders, escalations and the daily digest. */
@Module({
  imports: [AuditModule, OperationsModule],
  providers: [OperationStatusService, RemindersService, ReminderMail],
  exports: [OperationStatusService, RemindersService],
})
export class StatusModule {}
