import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { MembersService } from './members.service';
import { OperationAccess } from './operation-access';
import { OperationsService } from './operations.service';
import { ParticipantNotifications } from './participant-notifications';
import { ParticipantsService } from './participants.service';

@Module({
  imports: [AuditModule],
  providers: [OperationAccess, OperationsService, ParticipantsService, MembersService, ParticipantNotifications],
  exports: [OperationAccess, OperationsService, ParticipantsService, MembersService, ParticipantNotifications],
})
export class OperationsModule {}
