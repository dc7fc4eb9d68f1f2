import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, NoticeRequestListsService, NoticeRequestsService, Role } from '@dragnet/domain';
import { PageQueryDto, pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import {
  CreateNoticeRequestDto,
  NoticeRequestDto,
  NoticeRequestPageDto,
  NoticeRequestQueryDto,
} from './notice-request.dto';
import { TargetWithoutRedNoticePageDto } from './notice-summary.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

/** Requests as seen from a target or an operation. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller()
export class NoticeRequestsController {
  constructor(
    private readonly requests: NoticeRequestsService,
    private readonly lists: NoticeRequestListsService,
  ) {}

  @Post('targets/:id/requests')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary: 'Draft a notice or diffusion request (coordinators; investigators of the wanted-by country)',
  })
  @ApiErrors(403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Body() body: CreateNoticeRequestDto,
  ): Promise<NoticeRequestDto> {
    return this.requests.create(actor, targetId, body);
  }

  @Get('targets/:id/requests')
  @Roles(...READERS)
  @ApiOperation({ summary: "A target's notice and diffusion requests, as far as you may see them" })
  @ApiErrors(403, 404)
  listForTarget(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Query() query: NoticeRequestQueryDto,
  ): Promise<NoticeRequestPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.lists.forTarget(actor, targetId, filter, pageRequest(query));
  }

  @Get('operations/:id/requests')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      "The operation's notice and diffusion requests; filter by type, status, requesting country, and targets with or without a red notice or diffusion",
  })
  @ApiErrors(403, 404)
  listForOperation(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: NoticeRequestQueryDto,
  ): Promise<NoticeRequestPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.lists.forOperation(actor, operationId, filter, pageRequest(query));
  }

  @Get('operations/:id/requests/missing-red-notices')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Accepted and located targets with neither a red notice in force nor a circulated red diffusion, with their requests so far',
  })
  @ApiErrors(403, 404)
  missingRedNotices(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: PageQueryDto,
  ): Promise<TargetWithoutRedNoticePageDto> {
    return this.lists.targetsWithoutRedNotice(actor, operationId, pageRequest(query));
  }
}
