import { Module } from '@nestjs/common';
import { AuditSealingModule, dragnetSchema, OperationsModule } from '@dragnet/domain';
import { LeadsModule, TasksModule } from '@dragnet/domain';
import { ConfigModule, DatabaseModule, MailModule, QueueModule, QueueWorkerModule } from '@dragnet/platform';
import { LeadsAndTasksProcessor } from './processors/leads-and-tasks.processor';
import { NotificationsProcessor } from './processors/notifications.processor';

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
    TasksModule,
    AuditSealingModule,
  ],
  providers: [NotificationsProcessor, LeadsAndTasksProcessor],
})
export class WorkerModule {}
