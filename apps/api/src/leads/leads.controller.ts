import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, type IdempotentRequest, LeadsService, Role } from '@dragnet/domain';
import { PageQueryDto, pageRequest } from '@dragnet/platform';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { IdempotencyKeyHeader } from '../common/idempotency-key.decorator';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateLeadDto, LeadDto, LeadPageDto, LeadQueryDto } from './lead.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

/** Leads as reported on a target and listed by target or operation. */
@ApiTags('leads')
@ApiBearerAuth()
@Controller()
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post('targets/:id/leads')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary:
      'Report a location lead (investigators for their own country; coordinators name the reporting country). ' +
      'Needs an Idempotency-Key: a repeat with the same key and body answers the first answer and creates nothing',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'A new random value (e.g. a UUID) per submission, repeated when resending it; kept 24 hours. The same key with another body answers 422, a repeat while the first is running 409',
  })
  @ApiErrors(403, 404, 409, 422)
  async report(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Body() body: CreateLeadDto,
    @IdempotencyKeyHeader() idempotent: IdempotentRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadDto> {
    const answer = await this.leads.report(actor, targetId, body, idempotent);
    response.status(answer.status);
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }

  @Get('targets/:id/leads')
  @Roles(...READERS)
  @ApiOperation({ summary: "A target's timeline: the leads you may see about it, latest observation first" })
  @ApiErrors(403, 404)
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Query() query: PageQueryDto,
  ): Promise<LeadPageDto> {
    return this.leads.forTarget(actor, targetId, pageRequest(query));
  }

  @Get('operations/:id/leads')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      "The operation's leads you may see, newest reported first; filter by target, status, type, countries, grading and `since`",
  })
  @ApiErrors(403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: LeadQueryDto,
  ): Promise<LeadPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.leads.forOperation(actor, operationId, filter, pageRequest(query));
  }
}
