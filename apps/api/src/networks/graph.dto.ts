import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IdentifierKind, LinkStatus, LinkType, MemberRole, TargetStatus } from '@dragnet/domain';

const NODE_KINDS = ['network', 'target', 'identifier'];
const EDGE_KINDS = ['membership', 'link', 'shared_identifier'];

/** A node: the network itself, a member (target) or an identifier two or more members share. */
export class GraphNodeDto {
  /** `network:<id>`, `target:<id>` or `identifier:<kind>:<value>`. */
  id: string;

  @ApiProperty({ enum: NODE_KINDS })
  kind: 'network' | 'target' | 'identifier';

  label: string;

  @ApiPropertyOptional({ format: 'uuid' })
  targetId?: string;

  reference?: string;

  @ApiPropertyOptional({ enum: TargetStatus, enumName: 'TargetStatus' })
  status?: TargetStatus;

  @ApiPropertyOptional({ enum: MemberRole, enumName: 'MemberRole', isArray: true })
  roles?: MemberRole[];

  @ApiPropertyOptional({ enum: IdentifierKind, enumName: 'IdentifierKind' })
  identifierKind?: IdentifierKind;

  value?: string;
}

export class GraphEdgeDto {
  id: string;

  @ApiProperty({ enum: EDGE_KINDS })
  kind: 'membership' | 'link' | 'shared_identifier';

  /** A node id. */
  source: string;

  /** A node id. */
  target: string;

  @ApiPropertyOptional({ enum: MemberRole, enumName: 'MemberRole' })
  role?: MemberRole;

  @ApiPropertyOptional({ type: String, nullable: true })
  periodFrom?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  periodTo?: string | null;

  @ApiPropertyOptional({ enum: LinkType, enumName: 'LinkType' })
  linkType?: LinkType;

  @ApiPropertyOptional({ enum: LinkStatus, enumName: 'LinkStatus' })
  status?: LinkStatus;
}

export class NetworkGraphDto {
  @ApiProperty({ format: 'uuid' })
  networkId: string;

  @ApiProperty({ type: [GraphNodeDto] })
  nodes: GraphNodeDto[];

  @ApiProperty({ type: [GraphEdgeDto] })
  edges: GraphEdgeDto[];
}
