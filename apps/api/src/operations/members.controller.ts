import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, MembersService, Role } from '@dragnet/domain';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { AddMemberDto, MemberDto } from './member.dto';

@ApiTags('operations')
@ApiBearerAuth()
@Roles(Role.Coordinator)
@Controller('operations/:id/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Post()
  @ApiOperation({ summary: 'Give an observer read-only access to the operation (coordinator)' })
  @ApiErrors(403, 404, 409)
  add(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberDto> {
    return this.members.add(actor, operationId, body.userId);
  }

  @Get()
  @ApiOperation({ summary: 'Observers with access to the operation (coordinator)' })
  @ApiErrors(403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) operationId: string): Promise<MemberDto[]> {
    return this.members.list(actor, operationId);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove an observer's access (coordinator)" })
  @ApiErrors(403, 404, 409)
  remove(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Param('userId', UuidPipe('userId')) userId: string,
  ): Promise<void> {
    return this.members.remove(actor, operationId, userId);
  }
}
