import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, RollupsService, Role } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { OperationStatusDto, StatusHistoryQueryDto } from './rollup.dto';

/** Where an operation stands: roll-up snapshots and their trend. */
@ApiTags('status')
@ApiBearerAuth()
@Controller('operations/:id')
export class RollupsController {
  constructor(private readonly status: RollupsService) {}

  @Get('status')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({
    summary:
      "The latest status roll-up with the time it was computed (investigators: their country's figures; observers: operation-wide totals)",
  })
  @ApiErrors(403, 404)
  latest(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) operationId: string): Promise<OperationStatusDto> {
    return this.status.latest(actor, operationId);
  }

  @Get('status/history')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: 'The trend: earlier roll-ups, newest first, seen as GET status shows them' })
  @ApiErrors(403, 404)
  history(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: StatusHistoryQueryDto,
  ): Promise<OperationStatusDto[]> {
    return this.status.history(actor, operationId, { since: query.since, limit: query.limit ?? 100 });
  }

  @Post('status/refresh')
  @HttpCode(201)
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Compute a fresh roll-up now (coordinators); returns it' })
  @ApiErrors(403, 404)
  refresh(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) operationId: string): Promise<OperationStatusDto> {
    return this.status.refresh(actor, operationId);
  }
}
