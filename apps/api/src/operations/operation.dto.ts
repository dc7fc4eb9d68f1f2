import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsISO8601,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { OffenceCategory, OperationStatus } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { UpperCaseCountry } from '../common/transforms';

const DATE = { strict: true, strictSeparator: true };
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class OperationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'HYDRA-2016' })
  code: string;

  @ApiProperty({ example: 'Operation Hydra' })
  name: string;

  @ApiProperty({ enum: OffenceCategory, enumName: 'OffenceCategory' })
  crimeFocus: OffenceCategory;

  description: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  nominationOpensOn: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  operationalStart: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  operationalEnd: string | null;

  @ApiProperty({ enum: OperationStatus, enumName: 'OperationStatus' })
  status: OperationStatus;

  /** Whether investigators may export their own country's view of the results (coordinators set it, also once closed). */
  investigatorExportsAllowed: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  createdAt: Date;

  updatedAt: Date;

  /** Send it back on changes to be told (409) when someone else changed the operation first. */
  version: number;
}

export class OperationPageDto extends PageOf(OperationDto) {}

export class CreateOperationDto {
  /** Unique code, letters, digits and dashes (stored upper case). */
  @ApiProperty({ example: 'HYDRA-2016' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]{1,31}$/, { message: 'code must be 2-32 letters, digits or dashes' })
  code: string;

  @ApiProperty({ example: 'Operation Hydra' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    enum: OffenceCategory,
    enumName: 'OffenceCategory',
    default: OffenceCategory.MigrantSmuggling,
  })
  @IsOptional()
  @IsEnum(OffenceCategory)
  crimeFocus?: OffenceCategory;

  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2016-03-01', nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'nominationOpensOn must be a date (YYYY-MM-DD)' })
  @IsISO8601(DATE, { message: 'nominationOpensOn must be a real date' })
  nominationOpensOn?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2016-05-09', nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'operationalStart must be a date (YYYY-MM-DD)' })
  @IsISO8601(DATE, { message: 'operationalStart must be a real date' })
  operationalStart?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2016-05-13', nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @Matches(DATE_ONLY, { message: 'operationalEnd must be a date (YYYY-MM-DD)' })
  @IsISO8601(DATE, { message: 'operationalEnd must be a real date' })
  operationalEnd?: string | null;
}

export class UpdateOperationDto extends PartialType(
  PickType(CreateOperationDto, [
    'name',
    'crimeFocus',
    'description',
    'nominationOpensOn',
    'operationalStart',
    'operationalEnd',
  ] as const),
) {
  /** Let investigators export their own country's view of the results; the only change a closed operation takes. */
  @IsOptional()
  @IsBoolean()
  investigatorExportsAllowed?: boolean;

  /** The version you read; a mismatch answers 409 and changes nothing. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ChangeOperationStatusDto {
  @ApiProperty({ enum: OperationStatus, enumName: 'OperationStatus' })
  @IsEnum(OperationStatus)
  status: OperationStatus;

  /** The version you read; a mismatch answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class OperationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OperationStatus, enumName: 'OperationStatus' })
  @IsOptional()
  @IsEnum(OperationStatus)
  status?: OperationStatus;

  /** Operations this country takes part in. */
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  /** Matches code or name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
