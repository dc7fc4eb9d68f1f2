import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';

export class DuplicateQueryDto extends PageQueryDto {
  /** Lowest score to list (0-1); 0.5 by default. */
  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  minScore?: number;
}

export class DismissDuplicateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'otherId must be a UUID' })
  otherId: string;
}

export class DuplicateTargetDto {
  id: string;
  reference: string;
  familyName: string;
  givenNames: string;
  @ApiProperty({ type: String, nullable: true })
  birthDate: string | null;
  @ApiProperty({ type: Number, nullable: true })
  birthYear: number | null;
  nominatingCountry: string;
}

export class DuplicateReasonDto {
  /** similar_names, same_birth_date, same_birth_year, same_document_number, same_nationality. */
  code: string;
  detail: string;
}

export class DuplicatePairDto {
  first: DuplicateTargetDto;
  second: DuplicateTargetDto;
  /** 0-1. */
  score: number;
  reasons: DuplicateReasonDto[];
}

export class DuplicatePairPageDto extends PageOf(DuplicatePairDto) {}
