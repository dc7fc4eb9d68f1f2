import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsISO8601, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { MemberRole, TargetStatus } from '@dragnet/domain';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

export class CreateNetworkMemberDto {
  /** A target of the network's operation. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId: string;

  @ApiProperty({ enum: MemberRole, enumName: 'MemberRole' })
  @IsEnum(MemberRole, { message: `role must be one of: ${Object.values(MemberRole).join(', ')}` })
  role: MemberRole;

  /** First day known in this role (open when absent). */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf(present)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodFrom must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodFrom must be a real date' })
  periodFrom?: string | null;

  /** Last day known in this role (open when absent). */
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @ValidateIf(present)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'periodTo must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodTo must be a real date' })
  periodTo?: string | null;

  /** The lead that says so; or give sourceNote. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'sourceLeadId must be a UUID' })
  sourceLeadId?: string | null;

  /** Where it is known from, when not from a lead. */
  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @IsString()
  @MaxLength(2000)
  sourceNote?: string | null;
}

export class NetworkMemberDto extends CreateNetworkMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  networkId: string;

  reference: string;

  familyName: string;

  givenNames: string;

  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' })
  targetStatus: TargetStatus;

  createdAt: Date;
}
