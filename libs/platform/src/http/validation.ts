import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '../errors/domain-error';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const LONE_SURROGATE = /\p{Surrogate}/u;

/** The path of the first string that is not well-formed Unicode (a lone surrogate), if any. */
function illFormedField(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || 'body' : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const field = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const found = illFormedField(item, field, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Refuses text that is not well-formed Unicode before any validator sees it: some (e-mail, URL) throw
 * on a lone surrogate instead of answering false.
 */
class WellFormedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = illFormedField(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (field)
      throw new BadRequestException({
        message: `Invalid field: ${field}`,
        details: [{ field, message: `${field} must be well-formed Unicode text` }],
      });
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
