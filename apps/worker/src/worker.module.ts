import { Module } from '@nestjs/common';
import {
  AuditSealingModule,
  dragnetSchema,
  ExportsModule,
  LeadsModule,
  NoticesModule,
  OperationsModule,
  RemindersModule,
  RollupsModule,
  TasksModule,
} from '@dragnet/domain';
import { ConfigModule, DatabaseModule, MailModule, QueueModule, QueueWorkerModule } from '@dragnet/platform';
import { ExportsProcessor } from './processors/exports.processor';
import { LeadsAndTasksProcessor } from './processors/leads-and-tasks.processor';
import { NotificationsProcessor } from './processors/notifications.processor';
import { StatusAndRemindersProcessor } from './processors/status-and-reminders.processor';
import { RollupTrigger } from './rollup-trigger.service';
import { Schedules } from './schedules.service';

/** The BullMQ process: the outbox relay and one handler per job of the catalog; no HTTP server. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule.forRoot(dragnetSchema),
    QueueModule,
    QueueWorkerModule,
    MailModule,
    OperationsModule,
    LeadsModule,
    NoticesModule,
    TasksModule,
    RollupsModule,
    RemindersModule,
    ExportsModule,
    AuditSealingModule,
  ],
  providers: [
    NotificationsProcessor,
    LeadsAndTasksProcessor,
    StatusAndRemindersProcessor,
    ExportsProcessor,
    Schedules,
    RollupTrigger,
  ],
})
export class WorkerModule {}
