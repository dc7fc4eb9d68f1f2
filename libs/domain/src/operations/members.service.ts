import { Injectable } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '../common';
import { toUserView, User, UserView } from '../accounts';
import { AuditService } from '../audit';
import { OperationAccess } from './operation-access';
import { OperationMember } from './operation-member.entity';
import { OperationsService } from './operations.service';

export interface MemberView {
  operationId: string;
  userId: string;
  addedAt: Date;
  user: UserView;
}

/** Observers see an operation only once a coordinator adds them as members. */
@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationsService,
    private readonly access: OperationAccess,
    private readonly audit: AuditService,
  ) {}

  async add(actor: Actor, operationId: string, userId: string): Promise<MemberView> {
    return this.dataSource.transaction(async (manager) => {
      await this.operations.loadWritable(manager, actor, operationId);
      const user = await manager.findOne(User, { where: { id: userId } });
      if (!user) throw new InvalidInputError('Invalid field: userId', [{ field: 'userId', message: 'no such user' }]);
      if (user.role !== Role.Observer) {
        throw new InvalidInputError('Invalid field: userId', [
          { field: 'userId', message: `only observers are added as members (this user is ${user.role})` },
        ]);
      }
      const existing = await manager.findOne(OperationMember, { where: { operationId, userId } });
      if (existing) {
        throw new ConflictError('This user is already a member of the operation', [
          { field: 'userId', message: 'already a member' },
        ]);
      }
      await manager.insert(OperationMember, { operationId, userId, addedBy: actor.userId });
      const member = await manager.findOneOrFail(OperationMember, { where: { operationId, userId } });
      await this.audit.record(manager, actor, {
        action: 'member.create',
        entityType: 'operation_member',
        entityId: `${operationId}:${userId}`,
        after: member,
      });
      return { operationId, userId, addedAt: member.addedAt, user: toUserView(user) };
    });
  }

  async list(actor: Actor, operationId: string): Promise<MemberView[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, operationId);
    const members = await this.dataSource.getRepository(OperationMember).find({
      where: { operationId },
      relations: { user: true },
      order: { addedAt: 'ASC' },
    });
    return members.map((member) => ({
      operationId,
      userId: member.userId,
      addedAt: member.addedAt,
      user: toUserView(member.user as User),
    }));
  }

  async remove(actor: Actor, operationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.operations.loadWritable(manager, actor, operationId);
      const member = await manager.findOne(OperationMember, { where: { operationId, userId } });
      if (!member) throw new NotFoundError('Member');
      await manager.delete(OperationMember, { operationId, userId });
      await this.audit.record(manager, actor, {
        action: 'member.delete',
        entityType: 'operation_member',
        entityId: `${operationId}:${userId}`,
        before: member,
      });
    });
  }
}
