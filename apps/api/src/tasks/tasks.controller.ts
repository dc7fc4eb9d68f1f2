import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role, TaskBulkService, TasksService } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { BulkTaskDto, BulkTaskResultDto } from './bulk-task.dto';
import { CreateTaskDto, LeadTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './task.dto';

/** Tasking countries in an operation, one at a time, in bulk, or from a lead. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly bulk: TaskBulkService,
  ) {}

  @Post('operations/:id/tasks')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Task a participating country (coordinators); its focal points are e-mailed' })
  @ApiErrors(403, 404, 409, 422)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: CreateTaskDto,
  ): Promise<TaskDto> {
    return this.tasks.create(actor, operationId, body);
  }

  @Post('operations/:id/tasks/bulk')
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary:
      'Task many countries at once (coordinators): one task per country and target; one e-mail per country with its count',
  })
  @ApiErrors(403, 404, 409, 422)
  createMany(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: BulkTaskDto,
  ): Promise<BulkTaskResultDto> {
    return this.bulk.create(actor, operationId, body);
  }

  @Get('operations/:id/tasks')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary:
      "The operation's tasks (investigators: their own country's), soonest due first; `overdue=true` lists those past due and unfinished",
  })
  @ApiErrors(403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: TaskQueryDto,
  ): Promise<TaskPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.tasks.list(actor, operationId, filter, pageRequest(query));
  }

  @Post('leads/:id/tasks')
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary:
      "Route a lead to the country it points to (coordinators): a verify_lead task unless told otherwise; the lead's country must take part",
  })
  @ApiErrors(403, 404, 409, 422)
  fromLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) leadId: string,
    @Body() body: LeadTaskDto,
  ): Promise<TaskDto> {
    return this.tasks.fromLead(actor, leadId, body);
  }
}
