import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ModusOperandi, NetworkStatus } from '@dragnet/domain';
import { PageOf } from '../common/page.dto';
import { UpperCaseCountry } from '../common/transforms';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;
const COUNTRIES = 'must be a list of ISO 3166-1 alpha-2 codes';
const MODI = `each code must be one of: ${Object.values(ModusOperandi).join(', ')}`;

export class CreateNetworkDto {
  /** Unique in the operation, case and spacing aside; imports link targets to it by this name. */
  @ApiProperty({ example: 'Zuwara network' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @IsString()
  @MaxLength(10000)
  description?: string | null;

  /** Countries people are moved from, in order. */
  @ApiPropertyOptional({ example: ['ER', 'SD'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `originCountries ${COUNTRIES}` })
  originCountries?: string[];

  /** Countries they are moved through, in order. */
  @ApiPropertyOptional({ example: ['LY'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `transitCountries ${COUNTRIES}` })
  transitCountries?: string[];

  /** Countries they are moved to, in order. */
  @ApiPropertyOptional({ example: ['IT'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ each: true, message: `destinationCountries ${COUNTRIES}` })
  destinationCountries?: string[];

  /** Codes of the documented list (docs/networks.md). */
  @ApiPropertyOptional({ enum: ModusOperandi, enumName: 'ModusOperandi', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(ModusOperandi, { each: true, message: `modiOperandi: ${MODI}` })
  modiOperandi?: ModusOperandi[];

  /** What the list does not say. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @IsString()
  @MaxLength(2000)
  modusOperandiNotes?: string | null;

  @ApiPropertyOptional({ enum: NetworkStatus, enumName: 'NetworkStatus' })
  @IsOptional()
  @IsEnum(NetworkStatus)
  status?: NetworkStatus;
}

export class UpdateNetworkDto extends PartialType(CreateNetworkDto) {
  /** The version you read; a stale one answers 409 and changes nothing. */
  @IsInt()
  @Min(1)
  version: number;
}

export class NetworkDto extends CreateNetworkDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  // Always answered: `required: true` overrides the optional of the create body in the OpenAPI document.
  @ApiProperty({ type: [String], required: true })
  declare aliases: string[];

  @ApiProperty({ type: String, nullable: true, required: true })
  declare description: string | null;

  @ApiProperty({ type: [String], required: true, example: ['ER', 'SD'] })
  declare originCountries: string[];

  @ApiProperty({ type: [String], required: true, example: ['LY'] })
  declare transitCountries: string[];

  @ApiProperty({ type: [String], required: true, example: ['IT'] })
  declare destinationCountries: string[];

  @ApiProperty({ enum: ModusOperandi, enumName: 'ModusOperandi', isArray: true, required: true })
  declare modiOperandi: ModusOperandi[];

  @ApiProperty({ type: String, nullable: true, required: true })
  declare modusOperandiNotes: string | null;

  @ApiProperty({ enum: NetworkStatus, enumName: 'NetworkStatus', required: true })
  declare status: NetworkStatus;

  createdAt: Date;

  updatedAt: Date;

  version: number;
}

export class NetworkPageDto extends PageOf(NetworkDto) {}
