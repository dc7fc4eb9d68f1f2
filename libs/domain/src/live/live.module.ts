import { Module } from '@nestjs/common';
import { LeadsModule } from '../leads';
import { OperationsModule } from '../operations';
import { TargetsModule } from '../targets';
import { TasksModule } from '../tasks';
import { LiveFeed } from './live-feed.service';

@Module({
  imports: [OperationsModule, TargetsModule, LeadsModule, TasksModule],
  providers: [LiveFeed],
  exports: [LiveFeed],
})
export class LiveModule {}
