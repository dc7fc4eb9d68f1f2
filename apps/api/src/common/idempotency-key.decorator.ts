import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type IdempotentRequest, requestFingerprint } from '@dragnet/domain';
import { InvalidInputError } from '@dragnet/platform';
import type { Request } from 'express';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;

const invalidKey = (message: string) =>
  new InvalidInputError(`Invalid header: ${IDEMPOTENCY_KEY_HEADER}`, [{ field: IDEMPOTENCY_KEY_HEADER, message }]);

/**
 * The route's required `Idempotency-Key` header and the fingerprint of the request it came with
 * (method, path and the body as sent, before validation), or 400 naming the header.
 */
export const IdempotencyKeyHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IdempotentRequest => {
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header(IDEMPOTENCY_KEY_HEADER);
    if (!key)
      throw invalidKey(`the ${IDEMPOTENCY_KEY_HEADER} header is required (e.g. a UUID made for this submission)`);
    if (!ACCEPTABLE_KEY.test(key)) {
      throw invalidKey(`${IDEMPOTENCY_KEY_HEADER} must be 1 to 255 visible ASCII characters`);
    }
    const path = request.originalUrl.split('?')[0];
    return { key, requestHash: requestFingerprint(request.method, path, request.body) };
  },
);
