import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RemindersService, Role } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { ReminderDto, ReminderPageDto, ReminderQueryDto } from './reminder.dto';

/** The reminders, escalations and digests sent about an operation. */
@ApiTags('status')
@ApiBearerAuth()
@Controller('operations/:id/reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get()
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary:
      'Reminders, escalations and digests recorded for the operation, newest first (coordinators); `status=failed` lists those the mail server refused',
  })
  @ApiErrors(403, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: ReminderQueryDto,
  ): Promise<ReminderPageDto> {
    const page = pageRequest(query);
    const { items, total } = await this.reminders.list(actor, operationId, { ...page, status: query.status });
    return { items: items.map(toDto), total, ...page };
  }
}

function toDto(reminder: ReminderDto): ReminderDto {
  const { key, kind, status, taskId, noticeRequestId, country, recipients, error, createdAt, finishedAt } = reminder;
  return { key, kind, status, taskId, noticeRequestId, country, recipients, error, createdAt, finishedAt };
}
