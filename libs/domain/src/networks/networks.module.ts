import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LeadsModule } from '../leads/leads.module';
import { OperationsModule } from '../operations/operations.module';
import { TargetsModule } from '../targets/targets.module';
import { IdentifiersService } from './identifiers.service';
import { LinksService } from './links.service';
import { NetworkAccess } from './network-access';
import { NetworkGraphService } from './network-graph.service';
import { NetworkImportLinker } from './network-import-linker';
import { NetworksService } from './networks.service';

@Module({
  imports: [AuditModule, OperationsModule, TargetsModule, LeadsModule],
  providers: [
    NetworkAccess,
    NetworksService,
    IdentifiersService,
    LinksService,
    NetworkGraphService,
    NetworkImportLinker,
  ],
  exports: [NetworksService, IdentifiersService, LinksService, NetworkGraphService],
})
export class NetworksModule {}
