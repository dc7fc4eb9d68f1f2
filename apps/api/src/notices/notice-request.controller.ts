import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, NoticeRequestsService, NoticeTransitionsService, Role } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { NoticeRequestDto, UpdateNoticeRequestDto } from './notice-request.dto';
import { ComplianceDto } from './notice-summary.dto';
import { NoticeRequestChangeDto, RequestTransitionDto } from './request-transition.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

/** One notice or diffusion request: read, edit the draft, move it along its workflow. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('requests/:id')
export class NoticeRequestController {
  constructor(
    private readonly requests: NoticeRequestsService,
    private readonly transitions: NoticeTransitionsService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'One request' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<NoticeRequestDto> {
    return this.requests.get(actor, id);
  }

  @Patch()
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary: 'Change a draft (coordinators; the requesting country); send the version you read',
  })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: UpdateNoticeRequestDto,
  ): Promise<NoticeRequestDto> {
    const { version, ...changes } = body;
    return this.requests.update(actor, id, changes, version);
  }

  @Post('transitions')
  @HttpCode(200)
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary:
      'Move a request along its workflow: the requesting country submits, withdraws and circulates; coordinators review. A red notice request is checked on submission (422 lists every unmet rule)',
  })
  @ApiErrors(403, 404, 409, 422)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: RequestTransitionDto,
  ): Promise<NoticeRequestDto> {
    return this.transitions.transition(actor, id, body);
  }

  @Get('compliance')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The red notice rules the request does not meet yet, without submitting it' })
  @ApiErrors(403, 404)
  compliance(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<ComplianceDto> {
    return this.requests.compliance(actor, id);
  }

  @Get('history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every move of a request, with who, when and why' })
  @ApiErrors(403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<NoticeRequestChangeDto[]> {
    return this.requests.history(actor, id);
  }
}
