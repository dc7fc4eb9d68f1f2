import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_LISTED_ERRORS, type ImportErrorMode } from '@dragnet/domain';
import { IsIn, IsOptional } from 'class-validator';

export class TargetImportQueryDto {
  @ApiPropertyOptional({
    enum: ['reject', 'skip'],
    default: 'reject',
    description: '`reject`: one bad row rejects the file. `skip`: valid rows are written and bad ones reported.',
  })
  @IsOptional()
  @IsIn(['reject', 'skip'], { message: 'onError must be reject or skip' })
  onError?: ImportErrorMode;
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'CSV line number; the header is line 1', example: 7 })
  row: number;

  @ApiProperty({ example: 'birth_date' })
  field: string;

  @ApiProperty({ example: 'birth_date must be a real date (YYYY-MM-DD)' })
  message: string;
}

export class TargetImportResultDto {
  @ApiProperty()
  created: number;

  @ApiProperty()
  updated: number;

  @ApiProperty({ type: [ImportRowErrorDto], description: `The first ${MAX_LISTED_ERRORS} problems` })
  errors: ImportRowErrorDto[];

  @ApiProperty({ description: 'Every problem, listed or not' })
  errorCount: number;
}

/** A rejected file: the error contract's fields, with the counts and every problem by row. */
export class TargetImportRejectionDto extends TargetImportResultDto {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;

  @ApiProperty({ example: '3 problems in the file; nothing was imported' })
  message: string;

  @ApiProperty()
  requestId: string;
}
