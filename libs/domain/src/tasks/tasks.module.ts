import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LeadsModule } from '../leads';
import { OperationsModule } from '../operations';
import { TaskAccess } from './task-access';
import { TaskBulkService } from './task-bulk.service';
import { TaskNotifications } from './task-notifications';
import { TaskTransitionsService } from './task-transitions.service';
import { TasksService } from './tasks.service';

@Module({
  imports: [AuditModule, OperationsModule, LeadsModule],
  providers: [TaskAccess, TasksService, TaskBulkService, TaskTransitionsService, TaskNotifications],
  exports: [TaskAccess, TasksService, TaskBulkService, TaskTransitionsService, TaskNotifications],
})
export class TasksModule {}
