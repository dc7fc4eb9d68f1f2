import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, LiveFeed, Role, type SessionToken } from '@dragnet/domain';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentToken, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { LiveFeedEventDto } from './live-feed.dto';

/** Proxies drop idle connections; a comment line every so often keeps the stream open. */
const HEARTBEAT_MS = 15_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('operations/:id/events')
export class LiveFeedController {
  constructor(private readonly feed: LiveFeed) {}

  @Get()
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @ApiOperation({
    summary:
      'Server-sent events of new leads, task creations, lead, task and target status changes, as far as you may see them',
  })
  @ApiProduces('text/event-stream')
  @ApiExtraModels(LiveFeedEventDto)
  @ApiResponse({
    status: 200,
    description:
      'Server-sent events. Each event has a name (`event: lead.created | lead.status | task.created | task.status | target.status | feed.ended`) ' +
      'and one `data:` line holding a LiveFeedEvent as JSON; the entity is shown as you would read it. Comment lines (`: keep-alive`) keep the ' +
      'connection open. `feed.ended` is the last event when the token expires or stops counting (logout, deactivation, new password, role or country change).',
    content: { 'text/event-stream': { schema: { $ref: getSchemaPath(LiveFeedEventDto) } } },
  })
  @ApiErrors(403, 404)
  async stream(
    @CurrentActor() actor: Actor,
    @CurrentToken() token: SessionToken,
    @Param('id', UuidPipe()) operationId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // Access is checked before the stream starts, so a hidden operation still answers a plain 404.
    const events = await this.feed.open(actor, operationId, token);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(': connected\n\n');
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const subscription = events.subscribe({
      next: (message) => response.write(`event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`),
      error: () => response.end(),
      complete: () => response.end(),
    });
    const stop = () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    };
    request.on('close', stop);
    response.on('close', stop);
  }
}
