import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDate, IsISO31661Alpha2, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { IsoDateTime, UpperCaseCountry } from '../common/transforms';

export class AuditEntryDto {
  @ApiProperty({ example: '1042' })
  id: string;

  at: Date;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null for Dragnet itself' })
  actorId: string | null;

  @ApiProperty({ example: 'investigator' })
  actorRole: string;

  @ApiProperty({ nullable: true, type: String, example: 'IT' })
  actorCountry: string | null;

  @ApiProperty({ example: 'target.read' })
  action: string;

  @ApiProperty({ example: 'target' })
  entityType: string;

  entityId: string;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'For a change: the entity as it was (secrets left out). Null for reads and creations',
  })
  before: unknown;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description:
      'For a change: the entity as it became. For a read of a list: the ids shown (`leadIds`, `targetIds`, `warrantIds`, ' +
      '`requestIds`) and a search\'s `q`; for a read over the live feed `{ via: "live-feed" }`',
  })
  after: unknown;

  requestId: string;
}

export class AuditEntryPageDto extends PageOf(AuditEntryDto) {}

export class AuditFilterDto {
  /** Entries by this user. */
  @IsOptional()
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId?: string;

  /** Entries by users of this country (ISO 3166-1 alpha-2). */
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** e.g. `target`, `lead`, `user`. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,50}$/, { message: 'entityType must be a lower-case word such as target or lead' })
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  /** e.g. `target.read`, `lead.create`. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,50}\.[a-z_]{1,50}$/, { message: 'action must look like target.read' })
  action?: string;

  /** Entries at or after this instant (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsoDateTime()
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  /** Entries before this instant (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsoDateTime()
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;
}

export class AuditQueryDto extends IntersectionType(AuditFilterDto, PageQueryDto) {}

export class AuditBreakDto {
  @ApiProperty({ example: '41' })
  seq: string;

  @ApiProperty({ example: '1042' })
  entryId: string;

  @ApiProperty({ example: 'audit entry 1042 or its link was altered' })
  reason: string;
}

export class AuditVerifyDto {
  /** True when every link recomputes from the entries as they are now. */
  valid: boolean;

  /** Links checked. */
  checked: number;

  /** Hash of the last link; keep a copy outside Dragnet to detect a chain rewritten wholesale. */
  headHash: string;

  @ApiProperty({ nullable: true, type: String })
  headSeq: string | null;

  @ApiProperty({ nullable: true, type: AuditBreakDto })
  firstBreak: AuditBreakDto | null;

  /** Entries not linked yet (written by a transaction that was still running). */
  unsealed: number;

  verifiedAt: string;
}
