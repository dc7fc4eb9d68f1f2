import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { IsEnum, IsIn, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { IdentifierKind, LinkStatus, LinkType, TargetStatus } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { CreateLeadDto } from '../leads/lead.dto';
import { DismissDuplicateDto } from '../targets/duplicate.dto';

const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

/** Graded like a lead (Europol 4x4). */
export class CreateLinkDto extends PickType(CreateLeadDto, ['sourceReliability', 'informationAssessment'] as const) {
  /** A target of the same operation. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'otherTargetId must be a UUID' })
  otherTargetId: string;

  @ApiProperty({ enum: LinkType, enumName: 'LinkType' })
  @IsEnum(LinkType, { message: `type must be one of: ${Object.values(LinkType).join(', ')}` })
  type: LinkType;

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

/** The same pair of targets as a dismissed duplicate. */
export class DismissProposalDto extends DismissDuplicateDto {}
