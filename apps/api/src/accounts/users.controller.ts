import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Role, UsersService } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user account (admin)' })
  @ApiErrors(403, 409)
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(actor, { ...body, country: body.country ?? null });
  }

  @Get()
  @ApiOperation({ summary: 'List user accounts (admin)' })
  @ApiErrors(403)
  list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.users.list(filter, pageRequest(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user account (admin)' })
  @ApiErrors(403, 404)
  get(@Param('id', UuidPipe()) id: string): Promise<UserDto> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change role, country, active flag, name or password (admin)' })
  @ApiErrors(403, 404, 409)
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(actor, id, body);
  }
}
