import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { LeadsModule } from '../leads/leads.module';
import { OperationsModule } from '../operations/operations.module';
import { TargetsModule } from '../targets/targets.module';
import { TasksModule } from '../tasks/tasks.module';
import { LiveFeed } from './live-feed.service';

@Module({
  imports: [AccountsModule, AuditModule, OperationsModule, TargetsModule, LeadsModule, TasksModule],
  providers: [LiveFeed],
  exports: [LiveFeed],
})
export class LiveModule {}
