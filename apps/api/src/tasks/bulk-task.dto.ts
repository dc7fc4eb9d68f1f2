import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO31661Alpha2, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { TaskFieldsDto } from './task.dto';

const ALL_COUNTRIES = 'all';
const ALL_ACCEPTED = 'all-accepted';

/** Upper-cases a list of country codes, leaving the word `all` as it is. */
const CountryListOrAll = () =>
  Transform(({ value }) =>
    Array.isArray(value) ? value.map((code) => (typeof code === 'string' ? code.trim().toUpperCase() : code)) : value,
  );

export class BulkTaskDto extends TaskFieldsDto {
  /** Participating countries, or `all` of them. */
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string', example: 'GR' } },
      { type: 'string', enum: [ALL_COUNTRIES] },
    ],
  })
  @ValidateIf((dto: BulkTaskDto) => dto.countries !== ALL_COUNTRIES)
  @CountryListOrAll()
  @IsArray({ message: `countries must be a list of country codes or '${ALL_COUNTRIES}'` })
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true, message: 'each of countries must be an ISO 3166-1 alpha-2 code' })
  countries: string[] | typeof ALL_COUNTRIES;

  /** One task per country and target: these targets, or every target with status accepted; none for one task per country. */
  @ApiPropertyOptional({
    oneOf: [
      { type: 'array', items: { type: 'string', format: 'uuid' } },
      { type: 'string', enum: [ALL_ACCEPTED] },
    ],
  })
  @IsOptional()
  @ValidateIf((dto: BulkTaskDto) => dto.targetIds !== ALL_ACCEPTED)
  @IsArray({ message: `targetIds must be a list of target ids or '${ALL_ACCEPTED}'` })
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsUUID('all', { each: true, message: 'each of targetIds must be a UUID' })
  targetIds?: string[] | typeof ALL_ACCEPTED;
}

export class BulkCountDto {
  @ApiProperty({ example: 'GR' })
  country: string;

  @ApiProperty({ example: 500 })
  count: number;
}

export class BulkTaskResultDto {
  /** How many tasks were made. */
  @ApiProperty({ example: 25000 })
  created: number;

  /** Filter the task list by it; null when no task was made. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  batchId: string | null;

  @ApiProperty({ type: [BulkCountDto] })
  byCountry: BulkCountDto[];
}
