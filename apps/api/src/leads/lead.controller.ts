import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, LeadsService, LeadTransitionsService, Role } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { LeadDto, LeadStatusChangeDto, LeadTransitionDto } from './lead.dto';

const READERS = [Role.Coordinator, Role.Investigator, Role.Observer];

/** One lead: read it, assess it, see its history. */
@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads/:id')
export class LeadController {
  constructor(
    private readonly leads: LeadsService,
    private readonly transitions: LeadTransitionsService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'One lead' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<LeadDto> {
    return this.leads.read(actor, id);
  }

  @Post('transitions')
  @HttpCode(200)
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary:
      'Assess a lead (coordinators): new → under_assessment → actioned → confirmed | disproved; any open lead → closed',
  })
  @ApiErrors(403, 404, 409)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: LeadTransitionDto,
  ): Promise<LeadDto> {
    return this.transitions.transition(actor, id, body);
  }

  @Get('history')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every move of a lead, with who, when and why' })
  @ApiErrors(403, 404)
  history(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<LeadStatusChangeDto[]> {
    return this.leads.history(actor, id);
  }
}
