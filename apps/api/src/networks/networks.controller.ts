import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, NetworkGraphService, NetworksService, Role } from '@dragnet/domain';
import { PageQueryDto, pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { NetworkGraphDto } from './graph.dto';
import { CreateNetworkMemberDto, NetworkMemberDto } from './network-member.dto';
import { CreateNetworkDto, NetworkDto, NetworkPageDto, UpdateNetworkDto } from './network.dto';

@ApiTags('networks')
@ApiBearerAuth()
@Controller()
export class NetworksController {
  constructor(
    private readonly networks: NetworksService,
    private readonly graphs: NetworkGraphService,
  ) {}

  @Post('operations/:id/networks')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Record a smuggling network in an operation (coordinator)' })
  @ApiErrors(403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: CreateNetworkDto,
  ): Promise<NetworkDto> {
    return this.networks.create(actor, operationId, body);
  }

  @Get('operations/:id/networks')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: "An operation's networks you may see (investigators: through the targets they may read)" })
  @ApiErrors(403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: PageQueryDto,
  ): Promise<NetworkPageDto> {
    return this.networks.list(actor, operationId, pageRequest(query));
  }

  @Get('networks/:id')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: 'A network: name, aliases, route, modi operandi and status' })
  @ApiErrors(403, 404)
  read(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<NetworkDto> {
    return this.networks.read(actor, id);
  }

  @Patch('networks/:id')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Change a network (send the version you read; a stale one answers 409)' })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: UpdateNetworkDto,
  ): Promise<NetworkDto> {
    const { version, ...changes } = body;
    return this.networks.update(actor, id, changes, version);
  }

  @Post('networks/:id/members')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Add a target to a network with a role, a period and a source (coordinator)' })
  @ApiErrors(403, 404, 409)
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) networkId: string,
    @Body() body: CreateNetworkMemberDto,
  ): Promise<Omit<NetworkMemberDto, 'reference' | 'familyName' | 'givenNames' | 'targetStatus'>> {
    return this.networks.addMember(actor, networkId, body);
  }

  @Get('networks/:id/members')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: "A network's members you may read, with their status" })
  @ApiErrors(403, 404)
  members(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) networkId: string): Promise<NetworkMemberDto[]> {
    return this.networks.members(actor, networkId) as Promise<NetworkMemberDto[]>;
  }

  @Delete('networks/:id/members/:memberId')
  @HttpCode(204)
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Remove a membership (coordinator)' })
  @ApiErrors(403, 404, 409)
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) networkId: string,
    @Param('memberId', UuidPipe('memberId')) memberId: string,
  ): Promise<void> {
    return this.networks.removeMember(actor, networkId, memberId);
  }

  @Get('networks/:id/graph')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({
    summary: 'The network picture: members, links and shared identifiers as nodes and edges, filtered for you',
  })
  @ApiErrors(403, 404)
  graph(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) networkId: string): Promise<NetworkGraphDto> {
    return this.graphs.graph(actor, networkId);
  }
}
