import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Actor, Role, type SessionToken } from '@dragnet/domain';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentToken, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import {
  QueueDashboard,
  QUEUE_DASHBOARD_COOKIE,
  QUEUE_DASHBOARD_PATH,
  QUEUE_DASHBOARD_SESSION_SECONDS,
} from './queue-dashboard';

export class QueueDashboardSessionDto {
  @ApiProperty({ description: 'Where the dashboard is; open it in the same browser.', example: '/api/admin/queues/' })
  url: string;

  @ApiProperty({
    description: 'When the cookie stops working (at the latest when the session that asked for it ends).',
    type: String,
    format: 'date-time',
  })
  expiresAt: Date;
}

@ApiTags('admin')
@ApiBearerAuth()
// Not under /api/admin/: that prefix is Bull Board's (mounted outside Nest) and is kept out of the OpenAPI document.
@Controller('queue-dashboard/session')
export class QueueDashboardController {
  constructor(private readonly dashboard: QueueDashboard) {}

  @Post()
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: `Let this browser open the queue dashboard (admins): sets the ${QUEUE_DASHBOARD_COOKIE} cookie (HttpOnly, SameSite=Strict, Path=${QUEUE_DASHBOARD_PATH}, ${QUEUE_DASHBOARD_SESSION_SECONDS / 60} minutes, ended by signing out)`,
  })
  @ApiErrors(403)
  async open(
    @CurrentActor() actor: Actor,
    @CurrentToken() session: SessionToken,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<QueueDashboardSessionDto> {
    const expiresAt = await this.dashboard.openSession(actor, session, request, response);
    return { url: `${QUEUE_DASHBOARD_PATH}/`, expiresAt };
  }

  @Delete()
  @HttpCode(204)
  @Roles(Role.Admin)
  @ApiOperation({ summary: "End this browser's queue dashboard cookie (admins)" })
  @ApiErrors(403)
  close(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    this.dashboard.closeSession(request, response);
  }
}
