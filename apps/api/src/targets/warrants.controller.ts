import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role, WarrantsService } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateWarrantDto, UpdateWarrantDto, WarrantDto } from './warrant.dto';

@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets/:id/warrants')
export class WarrantsController {
  constructor(private readonly warrants: WarrantsService) {}

  @Post()
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Add an arrest warrant (coordinators; the wanting or nominating country)' })
  @ApiErrors(403, 404, 409)
  add(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Body() body: CreateWarrantDto,
  ): Promise<WarrantDto> {
    return this.warrants.add(actor, targetId, body);
  }

  @Get()
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({ summary: "A target's arrest warrants" })
  @ApiErrors(403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) targetId: string): Promise<WarrantDto[]> {
    return this.warrants.list(actor, targetId);
  }

  @Patch(':warrantId')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Change an arrest warrant' })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Param('warrantId', UuidPipe('warrantId')) warrantId: string,
    @Body() body: UpdateWarrantDto,
  ): Promise<WarrantDto> {
    return this.warrants.update(actor, targetId, warrantId, body);
  }

  @Delete(':warrantId')
  @HttpCode(204)
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({ summary: 'Remove an arrest warrant' })
  @ApiErrors(403, 404, 409)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) targetId: string,
    @Param('warrantId', UuidPipe('warrantId')) warrantId: string,
  ): Promise<void> {
    return this.warrants.remove(actor, targetId, warrantId);
  }
}
