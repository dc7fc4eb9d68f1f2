import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ParticipantsService, Role } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { CountryPipe } from '../common/country.pipe';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateParticipantDto, ParticipantDto, UpdateParticipantDto } from './participant.dto';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations/:id/participants')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post()
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Add a participating country; its focal points are e-mailed (coordinator)' })
  @ApiErrors(403, 404, 409)
  add(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: CreateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participants.add(actor, operationId, body);
  }

  @Get()
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: 'Participating countries' })
  @ApiErrors(403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) operationId: string): Promise<ParticipantDto[]> {
    return this.participants.list(actor, operationId);
  }

  @Patch(':country')
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: "Change a country's roles, NCB name or focal points (coordinator)" })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Param('country', CountryPipe) country: string,
    @Body() body: UpdateParticipantDto,
  ): Promise<ParticipantDto> {
    return this.participants.update(actor, operationId, country, body);
  }

  @Delete(':country')
  @HttpCode(204)
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Remove a participating country (coordinator)' })
  @ApiErrors(403, 404, 409)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Param('country', CountryPipe) country: string,
  ): Promise<void> {
    return this.participants.remove(actor, operationId, country);
  }
}
