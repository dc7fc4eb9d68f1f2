import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AuthService } from '@dragnet/domain';
import type { Request } from 'express';
import { ApiErrors } from '../common/error-body.dto';
import { CurrentActor, CurrentToken, Public } from './auth.decorators';
import { LoginDto, TokenDto } from './auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange e-mail and password for an access token; attempts are limited per account and per address',
  })
  @ApiErrors(429)
  async login(@Body() body: LoginDto, @Req() request: Request): Promise<TokenDto> {
    await this.limiter.attempt(body.email, request.ip ?? 'unknown');
    const token = await this.auth.login(body.email, body.password);
    await this.limiter.succeeded(body.email);
    return token;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the presented token stops working at once' })
  @ApiErrors()
  async logout(@CurrentActor() actor: Actor, @CurrentToken() token: { jti: string; exp: number }): Promise<void> {
    await this.auth.logout(actor, token);
  }
}
