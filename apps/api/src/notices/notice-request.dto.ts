import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { RequestStatus, RequestType } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { QueryBoolean, UpperCaseCountry } from '../common/transforms';

const COUNTRY = 'must be an ISO 3166-1 alpha-2 code';

export class CreateNoticeRequestDto {
  @ApiProperty({ enum: RequestType, enumName: 'RequestType' })
  @IsEnum(RequestType)
  type: RequestType;

  /** Coordinators only: the requesting country (the target's wanted-by country by default). */
  @ApiPropertyOptional({ example: 'IT' })
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `requestingCountry ${COUNTRY}` })
  requestingCountry?: string;

  /** The Article 3 check was done: no political, military, religious or racial character. */
  @IsOptional()
  @IsBoolean()
  article3Attested?: boolean;

  /** Summary of the facts of the case. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  summary?: string;

  /** Why the notice or diffusion is needed. */
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  justification?: string;

  /** Diffusions only: the recipient countries. */
  @ApiPropertyOptional({ type: [String], example: ['GR', 'DE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `each of recipients ${COUNTRY}` })
  recipients?: string[];

  /** Diffusions only: sent to every participating country. */
  @IsOptional()
  @IsBoolean()
  recipientsAll?: boolean;
}

export class UpdateNoticeRequestDto extends PartialType(
  OmitType(CreateNoticeRequestDto, ['type', 'requestingCountry']),
) {
  /** The version you read; a stale one answers 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;
}

export class NoticeRequestDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ format: 'uuid' })
  targetId: string;

  @ApiProperty({ enum: RequestType, enumName: 'RequestType' })
  type: RequestType;

  @ApiProperty({ enum: RequestStatus, enumName: 'RequestStatus' })
  status: RequestStatus;

  @ApiProperty({ example: 'IT' })
  requestingCountry: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  requestedBy: string | null;

  article3Attested: boolean;

  summary: string;

  justification: string;

  recipients: string[];

  recipientsAll: boolean;

  /** When first submitted (a notice) or circulated (a diffusion). */
  @ApiProperty({ type: Date, nullable: true })
  submittedAt: Date | null;

  @ApiProperty({ type: String, nullable: true, example: '2016/12345' })
  reference: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  publishedAt: string | null;

  /** Five years after publication. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresAt: string | null;

  /** Six months before expiry. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  retentionReviewDue: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  suspendedAt: string | null;

  /** The day the suspension lapses, at most six months after it began. */
  @ApiProperty({ type: String, format: 'date', nullable: true })
  suspensionEnds: string | null;

  /** Suspended and past its suspension end: due back to published. */
  suspensionLapsed: boolean;

  createdAt: Date;

  updatedAt: Date;

  version: number;
}

export class NoticeRequestPageDto extends PageOf(NoticeRequestDto) {}

export class NoticeRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RequestType, enumName: 'RequestType' })
  @IsOptional()
  @IsEnum(RequestType)
  type?: RequestType;

  @ApiPropertyOptional({ enum: RequestStatus, enumName: 'RequestStatus' })
  @IsOptional()
  @IsEnum(RequestStatus)
  status?: RequestStatus;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `requestingCountry ${COUNTRY}` })
  requestingCountry?: string;

  /** true: only requests about targets with no red notice in force nor circulated red diffusion; false: only those with one. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'withoutPublishedRedNotice must be true or false' })
  withoutPublishedRedNotice?: boolean;
}
