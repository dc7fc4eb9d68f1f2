import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO31661Alpha2, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IdentifierKind } from '@dragnet/domain';
import { UpperCaseCountry } from '../common/transforms';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

export class CreateIdentifierDto {
  @ApiProperty({ enum: IdentifierKind, enumName: 'IdentifierKind' })
  @IsEnum(IdentifierKind, { message: `kind must be one of: ${Object.values(IdentifierKind).join(', ')}` })
  kind: IdentifierKind;

  /** As written: a phone number (E.164 is stored), document number, vessel name, IMO number, plate, handle or account. */
  @ApiProperty({ example: '+218 91 234 5678' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value: string;

  /** Issuing country of a travel document (required) or plate; the country of a phone number written without +. */
  @ApiPropertyOptional({ type: String, nullable: true, example: 'LY' })
  @ValidateIf(present)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string | null;
}

export class IdentifierDto extends CreateIdentifierDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  targetId: string;

  /** The lead it was taken from. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadId: string | null;

  /** What proposals compare: E.164 for phone numbers, COUNTRY:NUMBER for travel documents. */
  normalised: string;

  createdAt: Date;
}
