import { platformEntities } from '@dragnet/platform';
import { migrations } from '../../../migrations';
import { RevokedToken, User } from './accounts';
import { AuditEntry, AuditSeal } from './audit';
import { Export } from './exports';
import { IdempotencyKey } from './common';
import { Lead, LeadStatusChange } from './leads';
import { NoticeRequest, NoticeRequestChange } from './notices';
import { Operation, OperationMember, Participant } from './operations';
import { DuplicateDismissal, Target, TargetStatusChange, Warrant } from './targets';
import { Task, TaskStatusChange } from './tasks';
import { OperationStatusSnapshot } from './rollups';
import { Reminder } from './reminders';

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
  ],
  migrations,
};
