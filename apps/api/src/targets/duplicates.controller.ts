import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, DuplicatesService, Role, TargetAccess } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { DismissDuplicateDto, DuplicatePairPageDto, DuplicateQueryDto } from './duplicate.dto';

@ApiTags('targets')
@ApiBearerAuth()
@Roles(Role.Coordinator)
@Controller('operations/:id/targets/duplicates')
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly access: TargetAccess,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Likely duplicate targets, with a score and the reasons (coordinator)' })
  @ApiErrors(403, 404)
  async list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: DuplicateQueryDto,
  ): Promise<DuplicatePairPageDto> {
    await this.access.loadOperation(this.dataSource.manager, actor, operationId);
    return this.duplicates.list(operationId, { ...pageRequest(query), minScore: query.minScore });
  }

  @Post('dismiss')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark a pair as different people, so it is not proposed again (coordinator)' })
  @ApiErrors(403, 404, 409)
  async dismiss(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: DismissDuplicateDto,
  ): Promise<void> {
    await this.access.loadOperation(this.dataSource.manager, actor, operationId);
    await this.duplicates.dismiss(actor, operationId, body.targetId, body.otherId);
  }
}
