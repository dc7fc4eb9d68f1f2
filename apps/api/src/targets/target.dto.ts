import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  OffenceCategory,
  Priority,
  Sex,
  SmugglingRole,
  TARGET_SORTS,
  TargetStatus,
  type TargetSort,
} from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { TargetRequestSummaryDto } from '../notices/notice-summary.dto';
import { PageOf } from '../common/page.dto';
import { IsoDateTime, QueryBoolean, UpperCaseCountry } from '../common/transforms';
import { StatusChangeOf } from '../common/status-change.dto';

const COUNTRY = { message: 'must be an ISO 3166-1 alpha-2 code' };
const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

export class IdentityDocumentDto {
  /** e.g. passport, national_id, residence_permit. */
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  type: string;

  @IsString()
  @MinLength(1)
  @MaxLength(50)
  number: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'LY' })
  @ValidateIf(present)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `issuingCountry ${COUNTRY.message}` })
  issuingCountry: string | null;
}

export class CreateTargetDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  familyName: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  givenNames?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ enum: Sex, enumName: 'Sex' })
  @IsOptional()
  @IsEnum(Sex)
  sex?: Sex;

  /** Full date of birth, when known. */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf(present)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'birthDate must be a real date' })
  birthDate?: string | null;

  /** Year of birth when only the year is known. */
  @ApiPropertyOptional({ type: Number, nullable: true })
  @ValidateIf(present)
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  placeOfBirth?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `countryOfBirth ${COUNTRY.message}` })
  countryOfBirth?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `each of nationalities ${COUNTRY.message}` })
  nationalities?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: [IdentityDocumentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IdentityDocumentDto)
  identityDocuments?: IdentityDocumentDto[];

  @ValidateIf(present)
  @IsInt()
  @Min(50)
  @Max(250)
  heightCm?: number | null;

  @ValidateIf(present)
  @IsInt()
  @Min(20)
  @Max(400)
  weightKg?: number | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(50)
  eyeColour?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(50)
  hairColour?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(1000)
  distinguishingMarks?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  photographReference?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  fingerprintsReference?: string | null;

  /** Coordinators only: the country nominating the target. Investigators always nominate for their own. */
  @ApiPropertyOptional({ example: 'IT' })
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `nominatingCountry ${COUNTRY.message}` })
  nominatingCountry?: string;

  /** The nominating country's own case reference. */
  @ValidateIf(present)
  @IsString()
  @MaxLength(100)
  nominatingReference?: string | null;

  @ApiProperty({ example: 'IT' })
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `wantedByCountry ${COUNTRY.message}` })
  wantedByCountry: string;

  @ApiPropertyOptional({ enum: OffenceCategory, enumName: 'OffenceCategory', isArray: true })
  @IsOptional()
  @IsArray()
  @IsEnum(OffenceCategory, { each: true })
  offenceCategories?: OffenceCategory[];

  @ApiPropertyOptional({ enum: SmugglingRole, enumName: 'SmugglingRole', nullable: true })
  @ValidateIf(present)
  @IsEnum(SmugglingRole)
  smugglingRole?: SmugglingRole | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  networkName?: string | null;

  @ApiPropertyOptional({ enum: Priority, enumName: 'Priority' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority;

  /** Countries where the person is believed to be. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `each of believedIn ${COUNTRY.message}` })
  believedIn?: string[];

  /** Featured in the public appeal. */
  @IsOptional()
  @IsBoolean()
  publicAppeal?: boolean;
}

export class UpdateTargetDto extends PartialType(OmitType(CreateTargetDto, ['nominatingCountry'] as const)) {
  /** The version you read; a stale one answers 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;
}

export class TargetDto extends OmitType(CreateTargetDto, ['nominatingCountry'] as const) {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ example: 'HYDRA-2016-0042' })
  reference: string;

  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' })
  status: TargetStatus;

  nominatingCountry: string;

  @ApiProperty({ type: String, nullable: true })
  locatedCountry: string | null;

  @ApiProperty({ type: Date, nullable: true })
  locatedAt: Date | null;

  @ApiProperty({ type: String, nullable: true })
  arrestedCountry: string | null;

  @ApiProperty({ type: Date, nullable: true })
  arrestedAt: Date | null;

  createdAt: Date;

  updatedAt: Date;

  version: number;

  /** Current notice and diffusion state, as far as you may see it (in GET answers). */
  requests?: TargetRequestSummaryDto;
}

export class TargetPageDto extends PageOf(TargetDto) {}

export class TargetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TargetStatus, enumName: 'TargetStatus' })
  @IsOptional()
  @IsEnum(TargetStatus)
  status?: TargetStatus;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `wantedBy ${COUNTRY.message}` })
  wantedBy?: string;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `nominatingCountry ${COUNTRY.message}` })
  nominatingCountry?: string;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `nationality ${COUNTRY.message}` })
  nationality?: string;

  @ApiPropertyOptional({ enum: Priority, enumName: 'Priority' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority;

  @ApiPropertyOptional({ enum: OffenceCategory, enumName: 'OffenceCategory' })
  @IsOptional()
  @IsEnum(OffenceCategory)
  offence?: OffenceCategory;

  /** Targets with (true) or without (false) a red notice in force or a circulated red diffusion. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'hasRedNoticeOrDiffusion must be true or false' })
  hasRedNoticeOrDiffusion?: boolean;

  /** Name or alias search that tolerates transliteration and typos (Mohammed finds Muhammad). */
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: TARGET_SORTS,
    enumName: 'TargetSort',
    description:
      'Order of the list: `-` first for descending; ties are broken by the reference. `status` follows the workflow. ' +
      'By default the reference, or with `q` the closest spelling first.',
  })
  @IsOptional()
  @IsIn(TARGET_SORTS, { message: `sort must be one of: ${TARGET_SORTS.join(', ')}` })
  sort?: TargetSort;
}

export class ChangeTargetStatusDto {
  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' })
  @IsEnum(TargetStatus)
  status: TargetStatus;

  /** Where it happened; required for located and arrested (an investigator's own country by default). */
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `country ${COUNTRY.message}` })
  country?: string;

  /** When it happened (ISO 8601); now by default. */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsoDateTime()
  @IsDate({ message: 'at must be an ISO 8601 date-time' })
  at?: Date;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  /** The version you read; a stale one answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TargetStatusChangeDto extends StatusChangeOf(TargetStatus, 'TargetStatus') {
  @ApiProperty({ type: String, nullable: true })
  country: string | null;

  occurredAt: Date;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  recordedAt: Date;
}

export class MergeTargetDto {
  /** The target that stays; this one's names become its aliases and its warrants move to it. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'intoId must be a UUID' })
  intoId: string;

  /** The version you read of the target being merged away; a stale one answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
