import { ApiProperty } from '@nestjs/swagger';
import { RequestStatus, RequestType, TargetStatus } from '@dragnet/domain';
import { FieldProblemDto } from '../common/error-body.dto';
import { PageOf } from '../common/page.dto';

export class ComplianceDto {
  /** True when the request may be submitted. */
  compliant: boolean;

  /** Each red notice rule not met yet (empty for other types). */
  @ApiProperty({ type: [FieldProblemDto] })
  problems: FieldProblemDto[];
}

export class RequestStateDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  // Typed as the targets area's port gives them (it knows no notice vocabulary); the enums name the values.
  @ApiProperty({ enum: RequestType, enumName: 'RequestType' })
  type: string;

  @ApiProperty({ enum: RequestStatus, enumName: 'RequestStatus' })
  status: string;

  requestingCountry: string;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  suspensionEnds: string | null;
}

/** A target's current notice and diffusion state, as far as you may see it. */
export class TargetRequestSummaryDto {
  /** A red notice in force (published, not expired; a lapsed suspension counts) or a circulated red diffusion. */
  hasRedNoticeOrDiffusion: boolean;

  /** The latest request of each notice type and requesting country. */
  @ApiProperty({ type: [RequestStateDto] })
  notices: RequestStateDto[];

  /** The latest diffusion of each type and requesting country. */
  @ApiProperty({ type: [RequestStateDto] })
  diffusions: RequestStateDto[];
}

export class TargetWithoutRedNoticeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'HYDRA-2016-0042' })
  reference: string;

  familyName: string;

  givenNames: string;

  @ApiProperty({ enum: TargetStatus, enumName: 'TargetStatus' })
  status: TargetStatus;

  wantedByCountry: string;

  nominatingCountry: string;

  requests: TargetRequestSummaryDto;
}

export class TargetWithoutRedNoticePageDto extends PageOf(TargetWithoutRedNoticeDto) {}
