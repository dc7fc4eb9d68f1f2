import { platformEntities } from '@dragnet/platform';
import { migrations } from '../../../migrations';
import { User } from './accounts/user.entity';
import { RevokedToken } from './accounts/revoked-token.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { Export } from './exports/export.entity';
import { AuditSeal } from './audit/audit-seal.entity';
import { IdempotencyKey } from './common/idempotency/idempotency-key.entity';
import { LeadStatusChange } from './leads/lead-status-change.entity';
import { Lead } from './leads/lead.entity';
import { NoticeRequestChange } from './notices/notice-request-change.entity';
import { NoticeRequest } from './notices/notice-request.entity';
import { OperationMember } from './operations/operation-member.entity';
import { Operation } from './operations/operation.entity';
import { Participant } from './operations/participant.entity';
import { DuplicateDismissal } from './targets/duplicate-dismissal.entity';
import { TargetStatusChange } from './targets/target-status-change.entity';
import { Target } from './targets/target.entity';
import { Warrant } from './targets/warrant.entity';
import { TaskStatusChange } from './tasks/task-status-change.entity';
import { Task } from './tasks/task.entity';
import { OperationStatusSnapshot } from './status/operation-status-snapshot.entity';
import { Reminder } from './reminders/reminder.entity';
import { networkEntities } from './networks';

/** Every table Dragnet maps, and the migrations that create them. */
export const dragnetSchema = {
  entities: [
    ...platformEntities,
    User,
    AuditEntry,
    Operation,
    Participant,
    OperationMember,
    Target,
    TargetStatusChange,
    Warrant,
    DuplicateDismissal,
    NoticeRequest,
    NoticeRequestChange,
    IdempotencyKey,
    Lead,
    LeadStatusChange,
    Task,
    TaskStatusChange,
    OperationStatusSnapshot,
    Reminder,
    Export,
    AuditSeal,
    RevokedToken,
    ...networkEntities,
  ],
  migrations,
};
