import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { ExportFormat, ExportScope, ExportStatus } from '@dragnet/domain';
import { PageOf } from '../common/page.dto';

export class CreateExportDto {
  @ApiProperty({ enum: ExportFormat, enumName: 'ExportFormat' })
  @IsEnum(ExportFormat, { message: 'format must be one of: csv, xlsx, json' })
  format: ExportFormat;

  /** Which parts: the per-target rows, the summary (per country and headline), the per-network figures (networks), or all. Default: targets for csv, all otherwise; csv holds one table, so not all. */
  @ApiPropertyOptional({ enum: ExportScope, enumName: 'ExportScope' })
  @IsOptional()
  @IsEnum(ExportScope, { message: `scope must be one of: ${Object.values(ExportScope).join(', ')}` })
  scope?: ExportScope;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  @ApiProperty({ format: 'uuid' })
  requestedBy: string;

  @ApiProperty({ enum: ExportFormat, enumName: 'ExportFormat' })
  format: ExportFormat;

  @ApiProperty({ enum: ExportScope, enumName: 'ExportScope' })
  scope: ExportScope;

  /** The country whose view this is (investigators' exports); null for the whole operation. */
  @ApiProperty({ type: String, nullable: true, example: null })
  country: string | null;

  @ApiProperty({ enum: ExportStatus, enumName: 'ExportStatus' })
  status: ExportStatus;

  /** Target rows written (country rows for a summary). */
  @ApiProperty({ type: Number, nullable: true })
  rowCount: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sizeBytes: number | null;

  /** Hex SHA-256 of the file, also sent with the download (X-Checksum-SHA256, Digest). */
  @ApiProperty({ type: String, nullable: true })
  sha256: string | null;

  @ApiProperty({ example: 'HYDRA-2016-results-2026-11-29.csv' })
  fileName: string;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;

  /** After this the file is removed and downloads answer 410. */
  expiresAt: Date;
}

export class ExportPageDto extends PageOf(ExportDto) {}
