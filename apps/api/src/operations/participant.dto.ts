import { ApiProperty, PartialType, OmitType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsISO31661Alpha2,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ParticipantRole } from '@dragnet/domain';
import { UpperCaseCountry } from '../common/transforms';

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ example: 'IT' })
  country: string;

  @ApiProperty({ enum: ParticipantRole, enumName: 'ParticipantRole', isArray: true })
  roles: ParticipantRole[];

  @ApiProperty({ example: 'NCB Rome' })
  ncbName: string;

  @ApiProperty({ example: ['focal.point@ncb-rome.example'] })
  focalPointEmails: string[];

  joinedAt: Date;

  updatedAt: Date;
}

export class CreateParticipantDto {
  /** ISO 3166-1 alpha-2. */
  @ApiProperty({ example: 'IT' })
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({
    enum: ParticipantRole,
    enumName: 'ParticipantRole',
    isArray: true,
    example: ['transit', 'destination'],
  })
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(ParticipantRole, { each: true, message: 'each role must be one of: source, transit, destination' })
  roles: ParticipantRole[];

  @ApiProperty({ example: 'NCB Rome' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ncbName: string;

  /** Where reminders and notifications for this country go. */
  @ApiProperty({ example: ['focal.point@ncb-rome.example'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsEmail({}, { each: true, message: 'each focal point must be an e-mail address' })
  focalPointEmails: string[];
}

export class UpdateParticipantDto extends PartialType(OmitType(CreateParticipantDto, ['country'] as const)) {}
