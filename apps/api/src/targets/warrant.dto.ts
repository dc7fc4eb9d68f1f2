import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { WantedFor } from '@dragnet/domain';
import { UpperCaseCountry } from '../common/transforms';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

export class CreateWarrantDto {
  @ApiProperty({ example: 'IT' })
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'issuingCountry must be an ISO 3166-1 alpha-2 code' })
  issuingCountry: string;

  @ValidateIf(present)
  @IsString()
  @MaxLength(200)
  issuingAuthority?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(100)
  reference?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf(present)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateIssued must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'dateIssued must be a real date' })
  dateIssued?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(1000)
  charge?: string | null;

  @ValidateIf(present)
  @IsString()
  @MaxLength(1000)
  legalProvisions?: string | null;

  @ApiProperty({ enum: WantedFor, enumName: 'WantedFor' })
  @IsEnum(WantedFor)
  wantedFor: WantedFor;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @ValidateIf(present)
  @IsInt({ message: 'maximumPenaltyMonths must be a whole number of months' })
  @Min(0)
  maximumPenaltyMonths?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @ValidateIf(present)
  @IsInt({ message: 'sentenceImposedMonths must be a whole number of months' })
  @Min(0)
  sentenceImposedMonths?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @ValidateIf(present)
  @IsInt({ message: 'sentenceRemainingMonths must be a whole number of months' })
  @Min(0)
  sentenceRemainingMonths?: number | null;
}

export class UpdateWarrantDto extends PartialType(CreateWarrantDto) {}

export class WarrantDto extends CreateWarrantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  targetId: string;

  createdAt: Date;

  updatedAt: Date;
}
