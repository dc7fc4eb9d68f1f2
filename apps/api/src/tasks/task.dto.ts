import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { Priority, TaskStatus, TaskType } from '@dragnet/domain';
import { PageQueryDto } from '@dragnet/platform';
import { PageOf } from '../common/page.dto';
import { IsoDateTime, QueryBoolean, UpperCaseCountry } from '../common/transforms';
import { StatusChangeOf } from '../common/status-change.dto';

const COUNTRY = 'must be an ISO 3166-1 alpha-2 code';
const present = (_dto: object, value: unknown) => value !== null && value !== undefined;

/** The fields every way of tasking shares. */
export class TaskFieldsDto {
  @ApiProperty({ enum: TaskType, enumName: 'TaskType' })
  @IsEnum(TaskType)
  type: TaskType;

  @ApiProperty({ example: 'Check your records for this person' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  details?: string;

  @ApiPropertyOptional({ enum: Priority, enumName: 'Priority' })
  @IsOptional()
  @IsEnum(Priority)
  priority?: Priority;

  /** When it is due (ISO 8601); past it, an unfinished task is overdue. */
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @ValidateIf(present)
  @IsoDateTime()
  @IsDate({ message: 'dueAt must be an ISO 8601 date-time' })
  dueAt?: Date | null;
}

export class CreateTaskDto extends TaskFieldsDto {
  /** A participating country. */
  @ApiProperty({ example: 'GR' })
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `assignedCountry ${COUNTRY}` })
  assignedCountry: string;

  /** A target of the operation (the lead's target by default). */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId?: string | null;

  /** A lead of the operation. */
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf(present)
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string | null;
}

/** Routing a lead: a verify_lead task to the lead's country unless told otherwise. */
export class LeadTaskDto extends PartialType(
  PickType(TaskFieldsDto, ['type', 'title', 'details', 'priority', 'dueAt']),
) {}

export class TaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  operationId: string;

  assignedCountry: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  targetId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadId: string | null;

  @ApiProperty({ enum: TaskType, enumName: 'TaskType' })
  type: TaskType;

  title: string;

  details: string;

  @ApiProperty({ enum: Priority, enumName: 'Priority' })
  priority: Priority;

  @ApiProperty({ type: Date, nullable: true })
  dueAt: Date | null;

  @ApiProperty({ enum: TaskStatus, enumName: 'TaskStatus' })
  status: TaskStatus;

  /** Past its due date and neither done nor cancelled. */
  overdue: boolean;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  /** Shared by the tasks of one bulk request. */
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  batchId: string | null;

  @ApiProperty({ type: Date, nullable: true })
  acknowledgedAt: Date | null;

  /** When it was done or cancelled. */
  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;

  createdAt: Date;

  updatedAt: Date;

  version: number;
}

export class TaskPageDto extends PageOf(TaskDto) {}

export class TaskQueryDto extends PageQueryDto {
  /** The assigned country. */
  @IsOptional()
  @UpperCaseCountry()
  @IsISO31661Alpha2({ message: `country ${COUNTRY}` })
  country?: string;

  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus' })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TaskType, enumName: 'TaskType' })
  @IsOptional()
  @IsEnum(TaskType)
  type?: TaskType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'targetId must be a UUID' })
  targetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string;

  /** The tasks of one bulk request. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'batchId must be a UUID' })
  batchId?: string;

  /** true: past due and neither done nor cancelled; false: the others. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;
}

export class TaskTransitionDto {
  @ApiProperty({ enum: TaskStatus, enumName: 'TaskStatus' })
  @IsEnum(TaskStatus)
  to: TaskStatus;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  /** The version you read; a stale one answers 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class TaskStatusChangeDto extends StatusChangeOf(TaskStatus, 'TaskStatus') {
  @ApiProperty({ format: 'uuid' })
  taskId: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  at: Date;
}
