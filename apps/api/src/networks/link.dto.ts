import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsInt, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import {
  IdentifierKind,
  INFORMATION_ASSESSMENTS,
  type InformationAssessment,
  LinkStatus,
  LinkType,
  SourceReliability,
  TargetStatus,
} from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;
const ASSESSMENT_MESSAGE = 'informationAssessment must be 1, 2, 3 or 4';

export class CreateLinkDto {
  /** A target of the same operation. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'otherTargetId must be a UUID' })
  otherTargetId: string;

  @ApiProperty({ enum: LinkType, enumName: 'LinkType' })
  @IsEnum(LinkType, { message: `type must be one of: ${Object.values(LinkType).join(', ')}` })
  type: LinkType;

  /** Europol 4x4, as for leads. */
  @ApiProperty({ enum: SourceReliability, enumName: 'SourceReliability' })
  @IsEnum(SourceReliability)
  sourceReliability: SourceReliability;

  @ApiProperty({ enum: INFORMATION_ASSESSMENTS, type: Number })
  @IsInt({ message: ASSESSMENT_MESSAGE })
  @IsIn([...INFORMATION_ASSESSMENTS], { message: ASSESSMENT_MESSAGE })
  informationAssessment: InformationAssessment;

  /** The lead (about one of the two) it is drawn from; the link is then seen only by who may read the lead. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(present)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class LinkDto extends OmitType(CreateLinkDto, ['otherTargetId'] as const) {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ format: 'uuid' })
  firstTargetId: string;

  @ApiProperty({ format: 'uuid' })
  secondTargetId: string;

  @ApiProperty({ enum: LinkStatus, enumName: 'LinkStatus' })
  status: LinkStatus;

  @ApiProperty({ type: String, nullable: true })
  proposingCountry: string | null;

  @ApiProperty({ type: String, nullable: true })
  decidedAt: Date | null;

  createdAt: Date;
}

const DECISIONS = [LinkStatus.Confirmed, LinkStatus.Dismissed] as const;

export class LinkDecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn([...DECISIONS], { message: 'status must be confirmed or dismissed' })
  status: LinkStatus.Confirmed | LinkStatus.Dismissed;
}

export class LinkTargetSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  reference: string;

  familyName: string;

  givenNames: string;

  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' })
  status: TargetStatus;
}

export class SharedIdentifierDto {
  @ApiProperty({ enum: IdentifierKind, enumName: 'IdentifierKind' })
  kind: IdentifierKind;

  /** Normalised. */
  value: string;
}

export class LinkProposalDto {
  first: LinkTargetSummaryDto;

  second: LinkTargetSummaryDto;

  @ApiProperty({ type: [SharedIdentifierDto] })
  shared: SharedIdentifierDto[];
}

export class LinkProposalPageDto extends PageOf(LinkProposalDto) {}

export class LinkProposalQueryDto extends PageQueryDto {}

export class DismissProposalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'otherId must be a UUID' })
  otherId: string;
}
