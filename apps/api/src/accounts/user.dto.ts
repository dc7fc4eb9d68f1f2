import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, Role } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { QueryBoolean, UpperCaseCountry } from '../common/transforms';

export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'analyst@ncb.example' })
  email: string;

  displayName: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role: Role;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'FR',
    description: 'ISO 3166-1 alpha-2; set for investigators',
  })
  country: string | null;

  active: boolean;

  createdAt: Date;

  updatedAt: Date;
}

export class UserPageDto extends PageOf(UserDto) {}

export class CreateUserDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  /** At least 15 characters; no composition rules (NIST SP 800-63B-4). */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role: Role;

  /** ISO 3166-1 alpha-2; required for investigators. */
  @ApiPropertyOptional({ example: 'IT', nullable: true, type: String })
  @ValidateIf(
    (dto: CreateUserDto) => dto.role === Role.Investigator || (dto.country !== undefined && dto.country !== null),
  )
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string | null;
}

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  /** ISO 3166-1 alpha-2, or null to clear it (not for investigators). */
  @ApiPropertyOptional({ example: 'IT', nullable: true, type: String })
  @ValidateIf((dto: UpdateUserDto) => dto.country !== undefined && dto.country !== null)
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string | null;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  /** Sets a new password. */
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  /** Matches e-mail or display name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ChangePasswordDto {
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  /** At least 15 characters; no composition rules (NIST SP 800-63B-4). */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}
