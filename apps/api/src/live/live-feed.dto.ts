import { ApiProperty } from '@nestjs/swagger';

/** One event of the stream, as its `data:` line carries it. */
export class LiveFeedEventDto {
  @ApiProperty({
    enum: ['lead.created', 'lead.status', 'task.created', 'task.status', 'target.status', 'feed.ended'],
  })
  type: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The lead, task or target as GET answers it; for feed.ended, `{ reason }`',
  })
  data: Record<string, unknown>;
}
