import { Module } from '@nestjs/common';
import { dragnetSchema, OperationsModule } from '@dragnet/domain';
import { ExportsModule, LeadsModule, TasksModule } from '@dragnet/domain';
import { ConfigModule, DatabaseModule, MailModule, QueueModule, QueueWorkerModule } from '@dragnet/platform';
import { ExportsProcessor } from './processors/exports.processor';
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
    ExportsModule,
  ],
  providers: [NotificationsProcessor, LeadsAndTasksProcessor, ExportsProcessor],
})
export class WorkerModule {}
