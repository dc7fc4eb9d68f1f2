import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const constraints = Object.values(error.constraints ?? {});
    // A missing field breaks every rule it has (type, length, ...): one message says what happened.
    const own =
      error.value === undefined && constraints.length > 0
        ? [{ field, message: `${field} is required` }]
        : constraints.map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const LONE_SURROGATE = /\p{Surrogate}/u;
/** Keys that reach an object's prototype when class-transformer copies them; never a Dragnet field. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface FieldProblemAt {
  field: string;
  message: string;
}

/**
 * The first string that is not well-formed Unicode (a lone surrogate) or holds a NUL character (which
 * Postgres text cannot store: the query would fail), or prototype key, if any.
 */
function hostileField(value: unknown, path: string, depth = 0): FieldProblemAt | undefined {
  if (typeof value === 'string') {
    const field = path || 'body';
    if (LONE_SURROGATE.test(value)) return { field, message: `${field} must be well-formed Unicode text` };
    if (value.includes('\u0000')) return { field, message: `${field} must not contain a NUL character` };
    return undefined;
  }
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key)) return { field, message: `property ${key} should not exist` };
    const found = hostileField((value as Record<string, unknown>)[key], field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses text that is not well-formed Unicode or holds a NUL, and prototype keys, before class-transformer and the
 * validators see them: some validators (e-mail, URL) throw on a lone surrogate instead of answering
 * false, and a `constructor` key breaks the transformation.
 */
class WellFormedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const problem = hostileField(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (problem) throw new BadRequestException({ message: `Invalid field: ${problem.field}`, details: [problem] });
    return super.transform(value, metadata);
  }
}

/**
 * Rejects unknown fields and wrong types with a 400 that names every bad field, in the error
 * contract's `details`.
 */
export function createValidationPipe(): ValidationPipe {
  return new WellFormedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = [...new Set(details.map((detail) => detail.field))];
      return new BadRequestException({
        message: `Invalid ${fields.length === 1 ? 'field' : 'fields'}: ${fields.join(', ')}`,
        details,
      });
    },
  });
}
