import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, DomainErrorCode, FieldProblem, RateLimitedError } from '../errors/domain-error';
import type { RequestWithId } from './request-id';
import { MAX_BODY_DEPTH, MAX_BODY_KEYS } from './body-shape';

/** The one shape of every error Dragnet returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
  requestId: string;
}

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  unauthorized: HttpStatus.UNAUTHORIZED,
  gone: HttpStatus.GONE,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
};

/** How long a client should wait after the database was too busy to answer. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** Errors raised by body-parser before Nest sees the request (malformed JSON, oversized body). */
interface ParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

const PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON',
  'entity.too.large': 'Request body is too large',
  'entity.too.deep': `Request body is nested more than ${MAX_BODY_DEPTH} levels deep`,
  'entity.too.wide': `Request body has an object or array with more than ${MAX_BODY_KEYS} entries`,
  'encoding.unsupported': 'Request body encoding is not supported',
  'charset.unsupported': 'Request body charset is not supported',
  'request.aborted': 'Request was aborted',
};

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<RequestWithId>();
    const response = context.getResponse<Response>();
    const body = this.toBody(exception, request.requestId ?? 'unknown');
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(
        `${request.method} ${request.originalUrl} failed (request ${body.requestId})`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    if (exception instanceof RateLimitedError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    else if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE)
      response.setHeader('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_CODE[exception.code];
      return this.body(statusCode, exception.message, exception.details, requestId);
    }
    // Body-parser errors (malformed JSON, too large) arrive raw or wrapped by Nest's adapter.
    const parserError = (exception instanceof HttpException ? exception.cause : exception) as ParserError | undefined;
    const parserStatus = parserError?.statusCode ?? parserError?.status;
    if (parserError?.type && parserStatus && parserStatus >= 400 && parserStatus < 500) {
      const message = PARSER_MESSAGES[parserError.type] ?? 'Request body could not be read';
      return this.body(parserStatus, message, undefined, requestId);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      let message = exception.message;
      let details: FieldProblem[] | undefined;
      if (typeof payload === 'object' && payload !== null) {
        const record = payload as { message?: unknown; details?: unknown; status?: unknown; error?: unknown };
        if (typeof record.message === 'string') message = record.message;
        else if (Array.isArray(record.message)) message = record.message.join('; ');
        if (Array.isArray(record.details)) details = record.details as FieldProblem[];
        if (record.status === 'error' && typeof record.error === 'object' && record.error !== null) {
          // A failed health check: name each dependency that is down.
          details = Object.keys(record.error).map((field) => ({ field, message: `${field} is down` }));
          message = `Unavailable: ${details.map((detail) => detail.field).join(', ')} down`;
        }
      }
      return this.body(statusCode, message, details, requestId);
    }
    if (this.isDatabaseTimeout(exception)) {
      return this.body(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is busy (query timed out); try again shortly',
        undefined,
        requestId,
      );
    }
    if (this.isPoolExhausted(exception)) {
      return this.body(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is saturated (no free connection); try again shortly',
        undefined,
        requestId,
      );
    }
    if (this.isDatabaseUnreachable(exception)) {
      return this.body(
        HttpStatus.SERVICE_UNAVAILABLE,
        'The database is unavailable; try again shortly',
        undefined,
        requestId,
      );
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', undefined, requestId);
  }

  /** The database server is down, restarting or shutting down: nothing was written, a retry may succeed. */
  private isDatabaseUnreachable(exception: unknown): boolean {
    const error = exception as { code?: string; message?: unknown; driverError?: { code?: string } } | undefined;
    const code = error?.driverError?.code ?? error?.code;
    // 57P01-57P03: administrator shutdown, crash shutdown, cannot connect now (starting up or shutting down).
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P02' || code === '57P03') {
      return true;
    }
    return typeof error?.message === 'string' && /^Connection terminated/.test(error.message);
  }

  private isDatabaseTimeout(exception: unknown): boolean {
    const error = exception as { code?: string; driverError?: { code?: string } } | undefined;
    const code = error?.driverError?.code ?? error?.code;
    // 57014: statement_timeout cancelled the query; 53300: the server has no connection slot left.
    return code === '57014' || code === '53300';
  }

  /** pg-pool gave up waiting for a free connection (DATABASE_POOL_WAIT_MS). */
  private isPoolExhausted(exception: unknown): boolean {
    const message = (exception as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && /timeout exceeded when trying to connect/i.test(message);
  }

  private body(statusCode: number, message: string, details: FieldProblem[] | undefined, requestId: string): ErrorBody {
    return {
      statusCode,
      error: STATUS_CODES[statusCode] ?? 'Error',
      message,
      ...(details && details.length > 0 ? { details } : {}),
      requestId,
    };
  }
}
