import { Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '../common';
import { AuditService } from '../audit';
import { TargetAccess } from './target-access';
import type { Target } from './target.entity';
import { TargetsService } from './targets.service';
import { WantedFor } from './target-vocabulary';
import { Warrant } from './warrant.entity';

export interface WarrantFields {
  issuingCountry?: string;
  issuingAuthority?: string | null;
  reference?: string | null;
  dateIssued?: string | null;
  charge?: string | null;
  legalProvisions?: string | null;
  wantedFor?: WantedFor;
  maximumPenaltyMonths?: number | null;
  sentenceImposedMonths?: number | null;
  sentenceRemainingMonths?: number | null;
}

export interface NewWarrant extends WarrantFields {
  issuingCountry: string;
  wantedFor: WantedFor;
}

/** Arrest warrants: read by whoever sees the target; written by coordinators and the wanting or nominating country. */
@Injectable()
export class WarrantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly targets: TargetsService,
    private readonly access: TargetAccess,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, targetId: string): Promise<Warrant[]> {
    await this.access.loadVisible(this.dataSource.manager, actor, targetId);
    return this.dataSource.getRepository(Warrant).find({ where: { targetId }, order: { createdAt: 'ASC' } });
  }

  async add(actor: Actor, targetId: string, input: NewWarrant): Promise<Warrant> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targets.loadWritable(manager, actor, targetId);
      this.assertMayWrite(actor, target);
      const warrant = await manager.save(manager.create(Warrant, { ...input, targetId }));
      await this.audit.record(manager, actor, {
        action: 'warrant.create',
        entityType: 'warrant',
        entityId: warrant.id,
        after: warrant,
      });
      return warrant;
    });
  }

  async update(actor: Actor, targetId: string, warrantId: string, changes: WarrantFields): Promise<Warrant> {
    return this.dataSource.transaction(async (manager) => {
      const target = await this.targets.loadWritable(manager, actor, targetId);
      this.assertMayWrite(actor, target);
      const warrant = await manager.findOne(Warrant, { where: { id: warrantId, targetId } });
      if (!warrant) throw new NotFoundError('Warrant');
      const before = { ...warrant };
      const saved = await manager.save(Object.assign(warrant, changes));
      await this.audit.record(manager, actor, {
        action: 'warrant.update',
        entityType: 'warrant',
        entityId: warrantId,
        before,
        after: saved,
      });
      return saved;
    });
  }

  async remove(actor: Actor, targetId: string, warrantId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const target = await this.targets.loadWritable(manager, actor, targetId);
      this.assertMayWrite(actor, target);
      const warrant = await manager.findOne(Warrant, { where: { id: warrantId, targetId } });
      if (!warrant) throw new NotFoundError('Warrant');
      await manager.delete(Warrant, { id: warrantId });
      await this.audit.record(manager, actor, {
        action: 'warrant.delete',
        entityType: 'warrant',
        entityId: warrantId,
        before: warrant,
      });
    });
  }

  private assertMayWrite(actor: Actor, target: Target): void {
    if (actor.role === Role.Coordinator) return;
    if (
      actor.role === Role.Investigator &&
      (actor.country === target.wantedByCountry || actor.country === target.nominatingCountry)
    )
      return;
    throw new ForbiddenError('Only coordinators and the wanting or nominating country manage warrants');
  }
}
