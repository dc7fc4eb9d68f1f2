import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OperationsModule } from '../operations/operations.module';
import { TargetsModule } from '../targets/targets.module';
import { NoticeRequestAccess } from './notice-request-access';
import { NoticeRequestListsService } from './notice-request-lists.service';
import { NoticeRequestsService } from './notice-requests.service';
import { NoticeTransitionsService } from './notice-transitions.service';

@Module({
  imports: [AuditModule, TargetsModule, OperationsModule],
  providers: [NoticeRequestAccess, NoticeRequestsService, NoticeRequestListsService, NoticeTransitionsService],
  exports: [NoticeRequestAccess, NoticeRequestsService, NoticeRequestListsService, NoticeTransitionsService],
})
export class NoticesModule {}
