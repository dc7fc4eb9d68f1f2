/** The notices area's front door: what other areas and the apps may use of it. */
export { addMonths, todayUtc } from './notice-dates';
export { NoticeRequestChange } from './notice-request-change.entity';
export { NoticeRequestListsService } from './notice-request-lists.service';
export { NoticeRequest } from './notice-request.entity';
export { NoticeRequestsService } from './notice-requests.service';
export { NOTICE_REFERENCE_PATTERN, NoticeTransitionsService } from './notice-transitions.service';
export { NoticesModule } from './notices.module';
export { RequestStatus } from './request-status';
export { NOTICE_TYPES, RequestType } from './request-type';
