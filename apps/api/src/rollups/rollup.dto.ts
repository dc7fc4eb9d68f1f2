import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsoDateTime } from '../common/transforms';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const COUNTS_BY_TYPE = { type: 'object', additionalProperties: COUNTS, example: { red: { published: 3 } } } as const;

export class HeadlineDto {
  @ApiProperty({ example: 26 })
  arrested: number;

  @ApiProperty({ example: 31 })
  located: number;

  /** Distinct countries where the arrests and locations happened. */
  @ApiProperty({ example: 12 })
  countries: number;

  @ApiProperty({ example: '26 fugitives arrested and 31 located in 12 countries' })
  text: string;
}

export class LeadFiguresDto {
  total: number;

  @ApiProperty({ ...COUNTS, example: { new: 4, under_assessment: 2 } })
  byStatus: Record<string, number>;

  last24Hours: number;
}

export class TaskFiguresDto {
  /** open, acknowledged or in progress */
  open: number;
  /** open and past the due date */
  overdue: number;
  done: number;
}

export class TotalFiguresDto {
  /** Targets not merged into another. */
  targets: number;

  @ApiProperty({ ...COUNTS, example: { accepted: 120, arrested: 20 } })
  targetsByStatus: Record<string, number>;

  /** arrested, extradited, surrendered or released */
  arrested: number;
  /** located and not arrested */
  located: number;
  /** accepted and not (or no longer) located */
  stillAtLarge: number;

  leads: LeadFiguresDto;
  tasks: TaskFiguresDto;

  /** Notice and diffusion requests: per type, per status. */
  @ApiProperty(COUNTS_BY_TYPE)
  requests: Record<string, Record<string, number>>;
}

export class CountryFiguresDto {
  @ApiProperty({ example: 'IT' })
  country: string;

  /** False for a country that appears only in the data (e.g. as wanting country). */
  participant: boolean;
  targetsNominated: number;
  targetsWanted: number;
  arrestedIn: number;
  locatedIn: number;
  stillAtLargeWantedBy: number;
  /** Leads the country reported. */
  leads: LeadFiguresDto;
  /** Tasks assigned to the country. */
  tasks: TaskFiguresDto;

  /** Requests the country made (notices) or circulated (diffusions): per type, per status. */
  @ApiProperty(COUNTS_BY_TYPE)
  requests: Record<string, Record<string, number>>;
}

export class OperationStatusDto {
  operationId: string;
  /** When these figures were computed (for a closed operation: its close). */
  computedAt: Date;

  /** True for the roll-up stored by the close: a closed operation's figures, which no later roll-up replaces. */
  final: boolean;

  /** operation: everything (coordinators); totals: operation-wide only (observers); country: your country only (investigators). */
  @ApiProperty({ enum: ['operation', 'totals', 'country'] })
  scope: 'operation' | 'totals' | 'country';

  headline: HeadlineDto;

  @ApiProperty({ type: TotalFiguresDto, nullable: true })
  totals: TotalFiguresDto | null;

  @ApiProperty({ type: [CountryFiguresDto] })
  countries: CountryFiguresDto[];

  /** Coordinators: reminders and digests the mail server refused for good. */
  failedReminders?: number;
}

export class StatusHistoryQueryDto {
  /** Only snapshots computed at or after this time (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsoDateTime()
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;

  /** Newest snapshots to return (1-1000). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number = 100;
}
