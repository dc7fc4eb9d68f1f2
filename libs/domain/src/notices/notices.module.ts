import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { OperationsModule } from '../operations';
import { TargetRequestSummaries, TargetsModule } from '../targets';
import { NoticeRequestAccess } from './notice-request-access';
import { NoticeRequestListsService } from './notice-request-lists.service';
import { NoticeRequestsService } from './notice-requests.service';
import { NoticeRequestSummaries } from './notice-summaries';
import { NoticeTransitionsService } from './notice-transitions.service';

/** Gives targets its request summaries through the port targets owns; global, so TargetsModule sees it. */
@Global()
@Module({
  providers: [{ provide: TargetRequestSummaries, useClass: NoticeRequestSummaries }],
  exports: [TargetRequestSummaries],
})
class RequestSummariesModule {}

@Module({
  imports: [AuditModule, TargetsModule, OperationsModule, RequestSummariesModule],
  providers: [NoticeRequestAccess, NoticeRequestsService, NoticeRequestListsService, NoticeTransitionsService],
  exports: [NoticeRequestAccess, NoticeRequestsService, NoticeRequestListsService, NoticeTransitionsService],
})
export class NoticesModule {}
