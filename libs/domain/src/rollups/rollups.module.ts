import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { OperationClosing, OperationsModule } from '../operations';
import { FinalSnapshots } from './operation-snapshots';
import { RollupsService } from './rollups.service';

/** Hands the close its final roll-up through the port operations owns; global, so OperationsModule sees it. */
@Global()
@Module({ providers: [{ provide: OperationClosing, useClass: FinalSnapshots }], exports: [OperationClosing] })
class FinalSnapshotsModule {}

/** Operation roll-ups: the figures, their snapshots and who may see which. */
@Module({
  imports: [AuditModule, OperationsModule, FinalSnapshotsModule],
  providers: [RollupsService],
  exports: [RollupsService],
})
export class RollupsModule {}
