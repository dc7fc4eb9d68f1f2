import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, OperationsService, Role } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import {
  ChangeOperationStatusDto,
  CreateOperationDto,
  OperationDto,
  OperationPageDto,
  OperationQueryDto,
  UpdateOperationDto,
} from './operation.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(private readonly operations: OperationsService) {}

  @Post()
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Create an operation (coordinator)' })
  @ApiErrors(403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateOperationDto): Promise<OperationDto> {
    return this.operations.create(actor, body);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Operations visible to you (investigators: their country takes part; observers: member of)',
  })
  @ApiErrors(403)
  list(@CurrentActor() actor: Actor, @Query() query: OperationQueryDto): Promise<OperationPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.operations.list(actor, filter, pageRequest(query));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One operation' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<OperationDto> {
    return this.operations.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Change name, focus, description or phase dates (coordinator)' })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: UpdateOperationDto,
  ): Promise<OperationDto> {
    const { version, ...changes } = body;
    return this.operations.update(actor, id, changes, version);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary: 'Move the operation along planning → nomination → active → follow_up → closed (coordinator)',
  })
  @ApiErrors(403, 404, 409)
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: ChangeOperationStatusDto,
  ): Promise<OperationDto> {
    return this.operations.changeStatus(actor, id, body.status, body.version);
  }
}
