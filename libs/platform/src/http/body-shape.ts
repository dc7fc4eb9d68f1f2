import type { NextFunction, Request, Response } from 'express';

/** Deeper bodies are refused: no Dragnet request nests more than a few levels. */
export const MAX_BODY_DEPTH = 32;
/** Keys of one object, or items of one array, beyond which a body is refused. */
export const MAX_BODY_KEYS = 20_000;

/** Shaped like body-parser's own errors, so the error filter answers it the same way (400, in the contract). */
class BodyShapeError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  readonly expose = true;

  constructor(
    readonly type: 'entity.too.deep' | 'entity.too.wide',
    message: string,
  ) {
    super(message);
  }
}

/** The first way the body breaks the limits, found without recursion (the body may be 20,000 levels deep). */
export function bodyShapeProblem(body: unknown): BodyShapeError | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      return new BodyShapeError('entity.too.deep', `Request body is nested more than ${MAX_BODY_DEPTH} levels deep`);
    const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
    if (children.length > MAX_BODY_KEYS)
      return new BodyShapeError(
        'entity.too.wide',
        `Request body has an object or array with more than ${MAX_BODY_KEYS} entries`,
      );
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/**
 * Runs right after the JSON body parser, on every route, before anything turns the body into
 * classes (class-transformer recurses, and a deep enough body overflows its stack: a 500).
 */
export function bodyShapeLimit(request: Request, _response: Response, next: NextFunction): void {
  next(bodyShapeProblem(request.body));
}
