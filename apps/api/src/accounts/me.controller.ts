import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, UsersService } from '@dragnet/domain';
import { CurrentActor } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { ChangePasswordDto, UserDto } from './user.dto';

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

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; every token issued before stops working (sign in again)' })
  @ApiErrors()
  async changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.users.changePassword(actor, body.currentPassword, body.newPassword);
  }
}
