import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role, TargetMergeService, TargetsService } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import {
  ChangeTargetStatusDto,
  MergeTargetDto,
  CreateTargetDto,
  TargetDto,
  TargetPageDto,
  TargetQueryDto,
  TargetStatusChangeDto,
  UpdateTargetDto,
} from './target.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

@ApiTags('targets')
@ApiBearerAuth()
@Controller()
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly merges: TargetMergeService,
  ) {}

  @Post('operations/:id/targets')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary: 'Nominate a target (coordinators; investigators for their own country while nominations are open)',
  })
  @ApiErrors(403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: CreateTargetDto,
  ): Promise<TargetDto> {
    return this.targets.create(actor, operationId, body);
  }

  @Get('operations/:id/targets')
  @Roles(...READERS)
  @ApiOperation({ summary: "The operation's target list, as far as you may see it; `q` searches names and aliases" })
  @ApiErrors(403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: TargetQueryDto,
  ): Promise<TargetPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.targets.list(actor, operationId, filter, pageRequest(query));
  }

  @Get('targets/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One target' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<TargetDto> {
    return this.targets.read(actor, id);
  }

  @Patch('targets/:id')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Change a target (send the version you read; a stale one answers 409)' })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: UpdateTargetDto,
  ): Promise<TargetDto> {
    const { version, ...changes } = body;
    return this.targets.update(actor, id, changes, version);
  }

  @Post('targets/:id/status')
  @HttpCode(200)
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary:
      'Move a target along its workflow (accept and reject: coordinators; located and arrested also the country concerned)',
  })
  @ApiErrors(403, 404, 409)
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: ChangeTargetStatusDto,
  ): Promise<TargetDto> {
    return this.targets.changeStatus(actor, id, body);
  }

  @Get('targets/:id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every status change of a target, with who, when and where' })
  @ApiErrors(403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<TargetStatusChangeDto[]> {
    return this.targets.history(actor, id);
  }

  @Post('targets/:id/merge')
  @HttpCode(200)
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary: 'Merge this duplicate into another target, keeping history, warrants and names (coordinator)',
  })
  @ApiErrors(403, 404, 409)
  merge(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: MergeTargetDto,
  ): Promise<TargetDto> {
    return this.merges.merge(actor, id, body.intoId, body.version);
  }
}
