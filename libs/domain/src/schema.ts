import { platformEntities } from '@dragnet/platform';
import { migrations } from '../../../migrations';
import { User } from './accounts/user.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { OperationMember } from './operations/operation-member.entity';
import { Operation } from './operations/operation.entity';
import { Participant } from './operations/participant.entity';

/** Every table Dragnet maps, and the migrations that create them. */
export const dragnetSchema = {
  entities: [...platformEntities, User, AuditEntry, Operation, Participant, OperationMember],
  migrations,
};
