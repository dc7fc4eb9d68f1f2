import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown> & { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema> };
type Operation = {
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, unknown>; headers?: object }>;
};

const ERROR_BODY = { $ref: '#/components/schemas/ErrorBodyDto' };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What the download sends with the file, for a client to check it. */
const DOWNLOAD_HEADERS = {
  'X-Checksum-SHA256': {
    description: 'Hex SHA-256 of the file',
    schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  Digest: { description: 'RFC 3230 digest of the file: `sha-256=<base64>`', schema: { type: 'string' } },
  'Content-Disposition': { description: 'attachment, with the file name', schema: { type: 'string' } },
};

/** Sent on the answer to a request repeated with the same Idempotency-Key. */
const REPLAYED_HEADER = {
  'Idempotent-Replayed': {
    description:
      '`true` when this answer repeats the first answer to the same Idempotency-Key (nothing new was created)',
    schema: { type: 'string', enum: ['true'] },
  },
};

/**
 * Completes what the decorators cannot say, so the document is exact for clients and passes
 * `redocly lint`: every error answer is the JSON error contract (also on CSV, download and event
 * stream routes), public routes say they need no token, a nullable reference states its type, and
 * the download and idempotency headers are declared.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  document.servers = [{ url: '/', description: 'This Dragnet API (paths start with /api)' }];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      // Routes marked @Public carry no bearer requirement: say so, rather than leave it undefined.
      operation.security ??= [];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) response.content = { 'application/json': { schema: ERROR_BODY } };
      }
      const created = operation.responses['201'];
      if (method === 'post' && created && path.endsWith('/leads'))
        created.headers = { ...created.headers, ...REPLAYED_HEADER };
      if (path.endsWith('/download')) {
        const ok = operation.responses['200'];
        if (ok) ok.headers = { ...ok.headers, ...DOWNLOAD_HEADERS };
      }
    }
  }
  for (const schema of Object.values(schemas)) typeNullableReferences(schema, schemas);
  return document;
}

/** `nullable` needs a `type` beside it (OpenAPI 3.0): a nullable `allOf: [$ref]` takes its target's type. */
function typeNullableReferences(schema: Schema, schemas: Record<string, Schema>): void {
  for (const property of Object.values(schema.properties ?? {})) {
    if (property.nullable && !property.type && property.allOf?.length === 1 && property.allOf[0].$ref) {
      const target = schemas[property.allOf[0].$ref.split('/').pop()!];
      if (target?.type) property.type = target.type;
    }
    typeNullableReferences(property, schemas);
  }
}
