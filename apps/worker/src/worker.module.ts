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
import { LeadsProcessor } from './processors/leads.processor';
import { OperationsProcessor } from './processors/operations.processor';
import { RemindersProcessor } from './processors/reminders.processor';
import { RollupsProcessor } from './processors/rollups.processor';
import { TasksProcessor } from './processors/tasks.processor';
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
    // One processor per domain area, named after it.
    OperationsProcessor,
    LeadsProcessor,
    TasksProcessor,
    RollupsProcessor,
    RemindersProcessor,
    ExportsProcessor,
    Schedules,
    RollupTrigger,
  ],
})
export class WorkerModule {}
