import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, UsersService } from '@dragnet/domain';
import { CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UserDto } from './user.dto';

@ApiTags('users')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiErrors()
  me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return this.users.get(actor.userId);
  }
}
