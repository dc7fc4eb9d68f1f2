import type { MatrixRequest } from './authorization-matrix';

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Sends one request to a listening API with fetch; streams are closed once their status is known. */
export async function send(
  baseUrl: string,
  method: string,
  request: MatrixRequest,
  token: string | null,
  extraHeaders: Record<string, string> = {},
): Promise<Answer> {
  const url = new URL(request.path, baseUrl);
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  const headers: Record<string, string> = { ...(request.headers ?? {}), ...extraHeaders };
  const bearerToken = request.token !== undefined ? request.token : token;
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  let body: string | undefined;
  if (request.raw) {
    headers['Content-Type'] = request.raw.contentType;
    body = request.raw.text;
  } else if (request.body !== undefined) {
    headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  }
  const abort = new AbortController();
  const response = await fetch(url, { method, headers, body, signal: abort.signal });
  if (request.stream && response.status === 200) {
    abort.abort();
    return { status: response.status, headers: response.headers, body: undefined, text: '' };
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if ((response.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** The error contract: `{ statusCode, error, message, details?, requestId }` and nothing else. */
export function errorContractProblems(answer: Answer): string[] {
  const problems: string[] = [];
  const body = answer.body as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the body is not a JSON object'];
  const allowed = new Set(['statusCode', 'error', 'message', 'details', 'requestId']);
  for (const key of Object.keys(body)) if (!allowed.has(key)) problems.push(`unexpected key ${key}`);
  if (body.statusCode !== answer.status) problems.push(`statusCode ${String(body.statusCode)} is not ${answer.status}`);
  if (typeof body.error !== 'string' || !body.error) problems.push('error is not a string');
  if (typeof body.message !== 'string' || !body.message) problems.push('message is not a string');
  if (typeof body.requestId !== 'string' || !body.requestId) problems.push('requestId is not a string');
  if (body.details !== undefined) {
    if (!Array.isArray(body.details) || body.details.length === 0) problems.push('details is not a non-empty list');
    else
      for (const detail of body.details as Record<string, unknown>[])
        if (
          typeof detail?.field !== 'string' ||
          typeof detail?.message !== 'string' ||
          Object.keys(detail).length !== 2
        )
          problems.push(`bad detail ${JSON.stringify(detail)}`);
  }
  const text = JSON.stringify(body);
  if (/QueryFailedError|SELECT |INSERT |UPDATE |\bat \w+ \(|node_modules|duplicate key|violates/i.test(text))
    problems.push(`internal detail leaked: ${text.slice(0, 200)}`);
  return problems;
}

/** The operations of the OpenAPI document, as `METHOD /path/{param}`. */
export function openApiOperations(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}
