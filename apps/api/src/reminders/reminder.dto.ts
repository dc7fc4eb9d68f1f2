import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { ReminderKind, ReminderStatus } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';

export class ReminderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ReminderStatus, enumName: 'ReminderStatus' })
  @IsOptional()
  @IsEnum(ReminderStatus)
  status?: ReminderStatus;
}

export class ReminderDto {
  /** The event's unique key, e.g. task.<id>.overdue. */
  @ApiProperty({ example: 'task.3f0c.overdue' })
  key: string;

  @ApiProperty({ enum: ReminderKind, enumName: 'ReminderKind' })
  kind: ReminderKind;

  @ApiProperty({ enum: ReminderStatus, enumName: 'ReminderStatus' })
  status: ReminderStatus;

  @ApiProperty({ type: String, nullable: true })
  taskId: string | null;

  @ApiProperty({ type: String, nullable: true })
  noticeRequestId: string | null;

  /** The country reminded; null for escalations and digests (to the coordinators). */
  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  recipients: string[];

  /** Why the mail server refused it. */
  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;
}

export class ReminderPageDto extends PageOf(ReminderDto) {}
