/** The operations area's front door: what other areas and the apps may use of it. */
export { MembersService } from './members.service';
export { OperationAccess } from './operation-access';
export { OperationClosing } from './operation-closing';
export { OperationMember } from './operation-member.entity';
export { assertOperationOpen, LEADS_AND_TASKS_STATUSES, OperationStatus, takesNominations } from './operation-status';
export { loadOperationForWork } from './operation-work';
export { Operation } from './operation.entity';
export { OperationsModule } from './operations.module';
export { OperationsService } from './operations.service';
export { ParticipantNotifications } from './participant-notifications';
export { Participant } from './participant.entity';
export { ParticipantsService } from './participants.service';
export { OffenceCategory, ParticipantRole } from './vocabulary';
