/** The tasks area's front door: what other areas and the apps may use of it. */
export { TaskBulkService } from './task-bulk.service';
export { TaskNotifications } from './task-notifications';
export { TaskStatusChange } from './task-status-change.entity';
export { OPEN_TASK_STATUSES, TaskStatus } from './task-status';
export { TaskTransitionsService } from './task-transitions.service';
export { TaskType } from './task-vocabulary';
export { Task } from './task.entity';
export { TasksModule } from './tasks.module';
export { TasksService } from './tasks.service';
