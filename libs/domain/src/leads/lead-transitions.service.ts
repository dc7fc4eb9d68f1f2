import { Injectable } from '@nestjs/common';
import { ForbiddenError, LiveEventBus, assertCurrentVersion } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '../common';
import { AuditService } from '../audit';
import { LeadAccess } from './lead-access';
import { LeadStatus, leadWorkflow } from './lead-status';
import { Lead } from './lead.entity';
import { LeadsService } from './leads.service';
import { loadOperationForWork } from '../operations';

export interface LeadTransitionRequest {
  to: LeadStatus;
  note?: string;
  /** The version you read; a stale one answers 409. */
  version?: number;
}

/** The coordinators' assessment of a lead, move by move. */
@Injectable()
export class LeadTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: LeadAccess,
    private readonly leads: LeadsService,
    private readonly audit: AuditService,
    private readonly live: LiveEventBus,
  ) {}

  async transition(actor: Actor, id: string, input: LeadTransitionRequest): Promise<Lead> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const lead = await this.access.loadVisible(manager, actor, id, true);
      if (actor.role !== Role.Coordinator) throw new ForbiddenError('Only coordinators assess leads');
      assertCurrentVersion('lead', lead.version, input.version);
      await loadOperationForWork(manager, lead.operationId, false);
      const from = lead.status;
      leadWorkflow.assertMove(from, input.to);
      lead.status = input.to;
      const saved = await manager.save(lead);
      await this.leads.recordChange(manager, actor, id, from, input.to, input.note);
      await this.audit.record(manager, actor, {
        action: 'lead.transition',
        entityType: 'lead',
        entityId: id,
        before: { status: from },
        after: { status: input.to, note: input.note ?? null },
      });
      return saved;
    });
    await this.live.publish({ operationId: saved.operationId, type: 'lead.status', entity: 'lead', id: saved.id });
    return saved;
  }
}
