import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { LeadsModule } from '../leads/leads.module';
import { OperationsModule } from '../operations/operations.module';
import { TargetsModule } from '../targets/targets.module';
import { IdentifiersService } from './identifiers.service';
import { LinksService } from './links.service';
import { NetworkAccess } from './network-access';
import { NetworkGraphService } from './network-graph.service';
import { NetworksService } from './networks.service';

@Module({
  imports: [AuditModule, OperationsModule, TargetsModule, LeadsModule],
  providers: [NetworkAccess, NetworksService, IdentifiersService, LinksService, NetworkGraphService],
  exports: [NetworksService, IdentifiersService, LinksService, NetworkGraphService],
})
export class NetworksModule {}
