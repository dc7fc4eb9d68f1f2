import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'code' })
  field: string;

  @ApiProperty({ example: 'code must be unique' })
  message: string;
}

/** The one shape of every error response. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'Invalid field: code' })
  message: string;

  @ApiPropertyOptional({ type: [FieldProblemDto] })
  details?: FieldProblemDto[];

  @ApiProperty({ example: '5b0f4c1e-6a43-4e0b-9d0e-2f5d3b1c7a90' })
  requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details` names each bad field',
  401: 'Missing, invalid or expired token',
  403: 'Your role may not do this',
  404: 'Not found, or not visible to you',
  409: 'Conflicts with the current state (duplicate, stale version, illegal status move)',
  410: 'No longer available (e.g. an expired export)',
  413: 'Request body too large',
  422: 'Rules not met; `details` lists each',
  429: 'Too many attempts; `Retry-After` says when to try again',
  503: 'A dependency is unavailable or saturated; `Retry-After` says when to try again',
};

/** Documents the error responses of a route, all in the error contract. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(
    ...[...new Set([400, 401, ...statuses])].map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBodyDto }),
    ),
  );
