import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';
import { NetworkStatus, NetworkTakedown } from '@dragnet/domain';
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

/** Leads per grading on Europol's 4x4: source reliability (A, B, C, X) then information (1-4). */
export class LeadGradingFiguresDto {
  A1: number;
  A2: number;
  A3: number;
  A4: number;
  B1: number;
  B2: number;
  B3: number;
  B4: number;
  C1: number;
  C2: number;
  C3: number;
  C4: number;
  X1: number;
  X2: number;
  X3: number;
  X4: number;
}

export class LeadFiguresDto {
  total: number;

  @ApiProperty({ ...COUNTS, example: { new: 4, under_assessment: 2 } })
  byStatus: Record<string, number>;

  /**
   * Leads per grading (counts of every handling code; no lead content). Absent from roll-ups computed
   * before gradings were counted.
   */
  @ApiPropertyOptional({ type: LeadGradingFiguresDto })
  byGrading?: LeadGradingFiguresDto;

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

export class NetworkFiguresDto {
  @ApiProperty({ format: 'uuid' })
  networkId: string;

  name: string;

  @ApiProperty({ enum: NetworkStatus, enumName: 'NetworkStatus' })
  status: NetworkStatus;

  /** Targets in the network (each once; merged-away and rejected ones left out). */
  members: number;

  arrested: number;

  located: number;

  stillAtLarge: number;

  leadersAndOrganisers: number;

  leadersAndOrganisersArrested: number;

  /** stillAtLarge / members, two decimals. */
  shareAtLarge: number;

  /** By the rule in docs/networks.md. */
  @ApiProperty({ enum: NetworkTakedown, enumName: 'NetworkTakedown' })
  takedown: NetworkTakedown;
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

  /** Per network: coordinators and observers; null for investigators (members of other countries count in them). */
  @ApiProperty({ type: [NetworkFiguresDto], nullable: true })
  networks: NetworkFiguresDto[] | null;

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
