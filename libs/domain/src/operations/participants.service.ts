import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, JobName, NotFoundError, OutboxService } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit';
import { type Actor, isCountryCode, isUniqueViolation } from '../common';
import { OperationAccess } from './operation-access';
import { OperationsService } from './operations.service';
import { Participant } from './participant.entity';
import { ParticipantRole } from './vocabulary';

export interface NewParticipant {
  country: string;
  roles: ParticipantRole[];
  ncbName: string;
  focalPointEmails: string[];
}

export type ParticipantChanges = Partial<Omit<NewParticipant, 'country'>>;

const normaliseEmails = (emails: string[]) => [...new Set(emails.map((email) => email.trim().toLowerCase()))];

@Injectable()
export class ParticipantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsService,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** Adds a country and, in the same transaction, queues the welcome e-mail to its focal points. */
  async add(actor: Actor, operationId: string, input: NewParticipant): Promise<Participant> {
    if (!isCountryCode(input.country)) {
      throw new InvalidInputError('Invalid field: country', [
        { field: 'country', message: 'country must be an ISO 3166-1 alpha-2 code' },
      ]);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.operations.loadWritable(manager, actor, operationId);
        const participant = await manager.save(
          manager.create(Participant, {
            operationId,
            country: input.country,
            roles: [...new Set(input.roles)],
            ncbName: input.ncbName.trim(),
            focalPointEmails: normaliseEmails(input.focalPointEmails),
          }),
        );
        await this.audit.record(manager, actor, {
          action: 'participant.create',
          entityType: 'participant',
          entityId: participant.id,
          after: participant,
        });
        await this.outbox.enqueue(
          manager,
          JobName.ParticipantJoinedEmail,
          { participantId: participant.id },
          {
            jobId: `participant-joined:${participant.id}`,
          },
        );
        return participant;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`${input.country} already takes part in this operation`, [
          { field: 'country', message: 'country is already a participant' },
        ]);
      }
      throw error;
    }
  }

  async list(actor: Actor, operationId: string): Promise<Participant[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    return this.dataSource.getRepository(Participant).find({ where: { operationId }, order: { country: 'ASC' } });
  }

  async update(actor: Actor, operationId: string, country: string, changes: ParticipantChanges): Promise<Participant> {
    return this.dataSource.transaction(async (manager) => {
      await this.operations.loadWritable(manager, actor, operationId);
      const participant = await manager.findOne(Participant, {
        where: { operationId, country },
        lock: { mode: 'pessimistic_write' },
      });
      if (!participant) throw new NotFoundError('Participant');
      const before = { ...participant };
      if (changes.roles) participant.roles = [...new Set(changes.roles)];
      if (changes.ncbName !== undefined) participant.ncbName = changes.ncbName.trim();
      if (changes.focalPointEmails) participant.focalPointEmails = normaliseEmails(changes.focalPointEmails);
      const saved = await manager.save(participant);
      await this.audit.record(manager, actor, {
        action: 'participant.update',
        entityType: 'participant',
        entityId: saved.id,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async remove(actor: Actor, operationId: string, country: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.operations.loadWritable(manager, actor, operationId);
      const participant = await manager.findOne(Participant, { where: { operationId, country } });
      if (!participant) throw new NotFoundError('Participant');
      await manager.delete(Participant, { id: participant.id });
      await this.audit.record(manager, actor, {
        action: 'participant.delete',
        entityType: 'participant',
        entityId: participant.id,
        before: participant,
      });
    });
  }
}
