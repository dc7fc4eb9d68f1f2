import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  HandlingCode,
  INFORMATION_ASSESSMENTS,
  type InformationAssessment,
  LeadStatus,
  LeadType,
  SourceReliability,
} from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { IsoDateTime, UpperCaseCountry } from '../common/transforms';
import { StatusChangeOf } from '../common/status-change.dto';

const COUNTRY = 'must be an ISO 3166-1 alpha-2 code';
const present = (_dto: object, value: unknown) => value !== null && value !== undefined;
const ASSESSMENT_MESSAGE = 'informationAssessment must be 1, 2, 3 or 4';

export class CreateLeadDto {
  /** Coordinators only, and then required: the reporting country. Investigators report for their own. */
  @ApiPropertyOptional({ example: 'GR' })
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `reportingCountry ${COUNTRY}` })
  reportingCountry?: string;

  /** Where the person is believed to be. */
  @ApiProperty({ example: 'GR' })
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `country ${COUNTRY}` })
  country: string;

  /** Town, address or area. */
  @ApiProperty({ example: 'Patras, port area' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  place: string;

  /** WGS 84 degrees, given together with longitude. */
  @ApiPropertyOptional({ type: Number, nullable: true, example: 38.2466 })
  @ValidateIf(present)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude?: number | null;

  /** WGS 84 degrees, given together with latitude. */
  @ApiPropertyOptional({ type: Number, nullable: true, example: 21.7346 })
  @ValidateIf(present)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude?: number | null;

  /** When the person was seen or the information held (ISO 8601); not in the future. */
  @ApiProperty({ type: String, format: 'date-time' })
  @IsoDateTime()
  @IsDate({ message: 'observedAt must be an ISO 8601 date-time' })
  observedAt: Date;

  @ApiProperty({ enum: LeadType, enumName: 'LeadType' })
  @IsEnum(LeadType)
  type: LeadType;

  /** What was seen or learnt, and how. */
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  narrative: string;

  /** Europol 4x4: A no doubt, B mostly reliable, C mostly unreliable, X cannot be assessed. */
  @ApiProperty({ enum: SourceReliability, enumName: 'SourceReliability' })
  @IsEnum(SourceReliability)
  sourceReliability: SourceReliability;

  /** Europol 4x4: 1 not in doubt, 2 known personally to the source, 3 corroborated, 4 not corroborated. */
  @ApiProperty({ enum: INFORMATION_ASSESSMENTS, type: Number })
  @IsInt({ message: ASSESSMENT_MESSAGE })
  @IsIn([...INFORMATION_ASSESSMENTS], { message: ASSESSMENT_MESSAGE })
  informationAssessment: InformationAssessment;

  /** H0 crime prevention only, H1 not in court without permission, H2 not passed on without permission, H3 restrictions stated. */
  @ApiProperty({ enum: HandlingCode, enumName: 'HandlingCode' })
  @IsEnum(HandlingCode)
  handlingCode: HandlingCode;

  /** Required with H3: the restrictions, as the provider stated them. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @IsString()
  @MaxLength(2000)
  handlingRestriction?: string | null;
}

export class LeadDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ format: 'uuid' })
  targetId: string;

  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' })
  status: LeadStatus;

  reportingCountry: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reportedBy: string | null;

  country: string;

  place: string;

  @ApiProperty({ type: Number, nullable: true })
  latitude: number | null;

  @ApiProperty({ type: Number, nullable: true })
  longitude: number | null;

  observedAt: Date;

  @ApiProperty({ enum: LeadType, enumName: 'LeadType' })
  type: LeadType;

  narrative: string;

  @ApiProperty({ enum: SourceReliability, enumName: 'SourceReliability' })
  sourceReliability: SourceReliability;

  @ApiProperty({ enum: INFORMATION_ASSESSMENTS, type: Number })
  informationAssessment: InformationAssessment;

  @ApiProperty({ enum: HandlingCode, enumName: 'HandlingCode' })
  handlingCode: HandlingCode;

  @ApiProperty({ type: String, nullable: true })
  handlingRestriction: string | null;

  /** When it was reported. */
  createdAt: Date;

  updatedAt: Date;

  version: number;
}

export class LeadPageDto extends PageOf(LeadDto) {}

export class LeadQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId?: string;

  @ApiPropertyOptional({ enum: LeadStatus, enumName: 'LeadStatus' })
  @IsOptional()
  @IsEnum(LeadStatus)
  status?: LeadStatus;

  @ApiPropertyOptional({ enum: LeadType, enumName: 'LeadType' })
  @IsOptional()
  @IsEnum(LeadType)
  type?: LeadType;

  /** Where the person is believed to be. */
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `country ${COUNTRY}` })
  country?: string;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `reportingCountry ${COUNTRY}` })
  reportingCountry?: string;

  @ApiPropertyOptional({ enum: SourceReliability, enumName: 'SourceReliability' })
  @IsOptional()
  @IsEnum(SourceReliability)
  sourceReliability?: SourceReliability;

  @ApiPropertyOptional({ enum: INFORMATION_ASSESSMENTS, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: ASSESSMENT_MESSAGE })
  @IsIn([...INFORMATION_ASSESSMENTS], { message: ASSESSMENT_MESSAGE })
  informationAssessment?: InformationAssessment;

  @ApiPropertyOptional({ enum: HandlingCode, enumName: 'HandlingCode' })
  @IsOptional()
  @IsEnum(HandlingCode)
  handlingCode?: HandlingCode;

  /** Reported at or after this instant (ISO 8601). */
  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @IsoDateTime()
  @IsDate({ message: 'since must be an ISO 8601 date-time' })
  since?: Date;
}

export class LeadTransitionDto {
  @ApiProperty({ enum: LeadStatus, enumName: 'LeadStatus' })
  @IsEnum(LeadStatus)
  to: LeadStatus;

  /** Why: the finding, or what was done. */
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

export class LeadStatusChangeDto extends StatusChangeOf(LeadStatus, 'LeadStatus') {
  @ApiProperty({ format: 'uuid' })
  leadId: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  at: Date;
}
