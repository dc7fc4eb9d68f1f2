import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { NOTICE_REFERENCE_PATTERN, RequestStatus } from '@dragnet/domain';
import { UpperCaseCountry } from '../common/transforms';
import { StatusChangeOf } from '../common/status-change.dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class RequestTransitionDto {
  @ApiProperty({ enum: RequestStatus, enumName: 'RequestStatus' })
  @IsEnum(RequestStatus)
  to: RequestStatus;

  /** Why; required to refuse, ask for information, suspend or cancel. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  /** Publishing: the notice's reference. */
  @ApiPropertyOptional({ example: '2016/12345' })
  @IsOptional()
  @Matches(NOTICE_REFERENCE_PATTERN, { message: 'reference must have the form YYYY/NNNNN, e.g. 2016/12345' })
  reference?: string;

  /** Publishing: the publication date, today by default; not in the future. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'publishedAt must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'publishedAt must be a real date' })
  publishedAt?: string;

  /** Suspending: the day the suspension lapses; at most six months ahead, exactly six by default. */
  @ApiPropertyOptional({ type: String, format: 'date' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: 'suspensionEnds must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'suspensionEnds must be a real date' })
  suspensionEnds?: string;

  /** Circulating a diffusion: its recipient countries (replacing the draft's). */
  @ApiPropertyOptional({ type: [String], example: ['GR', 'DE'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(250)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: 'each of recipients must be an ISO 3166-1 alpha-2 code' })
  recipients?: string[];

  /** Circulating a diffusion: to every participating country. */
  @IsOptional()
  @IsBoolean()
  recipientsAll?: boolean;

  /** The version you read; a stale one answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class NoticeRequestChangeDto extends StatusChangeOf(RequestStatus, 'RequestStatus') {
  @ApiProperty({ format: 'uuid' })
  requestId: string;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;

  /** What the move set: reference and dates on publication, suspension end, recipients. */
  @ApiProperty({ type: Object, nullable: true })
  details: Record<string, unknown> | null;

  at: Date;
}
