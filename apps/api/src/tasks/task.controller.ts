import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role, TasksService, TaskTransitionsService } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { TaskDto, TaskStatusChangeDto, TaskTransitionDto } from './task.dto';

const WORKERS = [Role.Coordinator, Role.Investigator];

/** One task: read it, work it, see its history. Observers see no tasks. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks/:id')
export class TaskController {
  constructor(
    private readonly tasks: TasksService,
    private readonly transitions: TaskTransitionsService,
  ) {}

  @Get()
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'One task (investigators: their own country’s)' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<TaskDto> {
    return this.tasks.get(actor, id);
  }

  @Post('transitions')
  @HttpCode(200)
  @Roles(...WORKERS)
  @ApiOperation({
    summary:
      'Move a task: the assigned country acknowledges, starts and completes it (open → acknowledged → in_progress → done); coordinators also cancel',
  })
  @ApiErrors(403, 404, 409)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: TaskTransitionDto,
  ): Promise<TaskDto> {
    return this.transitions.transition(actor, id, body);
  }

  @Get('history')
  @Roles(...WORKERS)
  @ApiOperation({ summary: 'Every move of a task, with who, when and why' })
  @ApiErrors(403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<TaskStatusChangeDto[]> {
    return this.tasks.history(actor, id);
  }
}
