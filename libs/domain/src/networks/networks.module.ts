import { Module } from '@nestjs/common';
import { AuditModule } from '../audit';
import { LeadsModule } from '../leads';
import { OperationsModule } from '../operations';
import { TargetsModule } from '../targets';
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
