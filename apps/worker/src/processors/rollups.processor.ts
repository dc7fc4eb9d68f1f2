import { Injectable } from '@nestjs/common';
import { RollupsService } from '@dragnet/domain';
import { JobHandler, JobName, JobProducer, JobPayloads } from '@dragnet/platform';

/** Operation roll-ups: the scheduled sweep and one roll-up per operation. */
@Injectable()
export class RollupsProcessor {
  constructor(
    private readonly rollups: RollupsService,
    private readonly producer: JobProducer,
  ) {}

  @JobHandler(JobName.StatusRollupSweep)
  async rollUpAll(): Promise<{ operations: number }> {
    const ids = await this.rollups.openOperationIds();
    // One job per operation, so a large operation does not hold up the others and failures retry alone.
    await this.producer.addMany(
      ids.map((operationId) => ({ name: JobName.OperationStatusRollup, data: { operationId } })),
    );
    return { operations: ids.length };
  }

  @JobHandler(JobName.OperationStatusRollup)
  async rollUp(data: JobPayloads[JobName.OperationStatusRollup]): Promise<{ computedAt: Date }> {
    const snapshot = await this.rollups.snapshot(data.operationId);
    return { computedAt: snapshot.computedAt };
  }
}
