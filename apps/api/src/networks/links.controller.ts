import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, IdentifiersService, LinksService, OperationAccess, Role } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateIdentifierDto, IdentifierDto } from './identifier.dto';
import {
  CreateLinkDto,
  DismissProposalDto,
  LinkDecisionDto,
  LinkDto,
  LinkProposalPageDto,
  LinkProposalQueryDto,
} from './link.dto';

/** Identifiers on targets and leads, links between targets, and the links Dragnet proposes. */
@ApiTags('networks')
@ApiBearerAuth()
@Controller()
export class LinksController {
  constructor(
    private readonly identifiers: IdentifiersService,
    private readonly links: LinksService,
    private readonly operations: OperationAccess,
    private readonly dataSource: DataSource,
  ) {}

  @Post('targets/:id/identifiers')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Record an identifier of a target (coordinators; the wanting or nominating country)' })
  @ApiErrors(403, 404, 409)
  addToTarget(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Body() body: CreateIdentifierDto,
  ): Promise<IdentifierDto> {
    return this.identifiers.addToTarget(actor, targetId, body);
  }

  @Get('targets/:id/identifiers')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: "A target's identifiers you may see (those from leads only if you may read the lead)" })
  @ApiErrors(403, 404)
  forTarget(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) targetId: string): Promise<IdentifierDto[]> {
    return this.identifiers.forTarget(actor, targetId);
  }

  @Post('leads/:id/identifiers')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary: 'Record an identifier taken from a lead, on its target (coordinators; the reporting country)',
  })
  @ApiErrors(403, 404, 409)
  addToLead(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) leadId: string,
    @Body() body: CreateIdentifierDto,
  ): Promise<IdentifierDto> {
    return this.identifiers.addToLead(actor, leadId, body);
  }

  @Post('targets/:id/links')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Link two targets: investigators propose, coordinators add confirmed links' })
  @ApiErrors(403, 404, 409)
  create(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Body() body: CreateLinkDto,
  ): Promise<LinkDto> {
    return this.links.create(actor, targetId, body);
  }

  @Get('targets/:id/links')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: "A target's links you may see" })
  @ApiErrors(403, 404)
  linksOf(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) targetId: string): Promise<LinkDto[]> {
    return this.links.forTarget(actor, targetId);
  }

  @Post('links/:id/decision')
  @HttpCode(200)
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Confirm or dismiss a proposed link (coordinator)' })
  @ApiErrors(403, 404, 409)
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) linkId: string,
    @Body() body: LinkDecisionDto,
  ): Promise<LinkDto> {
    return this.links.decide(actor, linkId, body.status);
  }

  @Get('operations/:id/links/proposals')
  @Roles(Role.Coordinator)
  @ApiOperation({
    summary: 'Pairs of targets sharing identifiers, to confirm (POST targets/:id/links) or dismiss (coordinator)',
  })
  @ApiErrors(403, 404)
  async proposals(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: LinkProposalQueryDto,
  ): Promise<LinkProposalPageDto> {
    await this.operations.loadVisible(this.dataSource.manager, actor, operationId);
    return this.links.proposals(actor, operationId, pageRequest(query));
  }

  @Post('operations/:id/links/proposals/dismiss')
  @HttpCode(204)
  @Roles(Role.Coordinator)
  @ApiOperation({ summary: 'Mark a proposed pair as unrelated, so it is not proposed again (coordinator)' })
  @ApiErrors(403, 404, 409)
  async dismiss(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: DismissProposalDto,
  ): Promise<void> {
    await this.operations.loadVisible(this.dataSource.manager, actor, operationId);
    await this.links.dismissProposal(actor, operationId, body.targetId, body.otherId);
  }
}
