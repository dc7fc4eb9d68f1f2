import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../session';
import type { components, paths } from './schema';

/** The API's schemas, generated from its OpenAPI document (`npm run build:console`). */
export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBodyDto'];

/** An API answer other than 2xx, with what the user needs to be told. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Partial<ErrorBody> & Record<string, unknown>,
    /** Seconds to wait, from `Retry-After` (429, 503). */
    readonly retryAfterSeconds: number | null,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }

  get details(): { field: string; message: string }[] {
    return Array.isArray(this.body.details) ? this.body.details : [];
  }
}

const authorization: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    // A token that expired or was revoked: back to sign-in, then to where the user was.
    if (response.status === 401 && !request.url.endsWith('/api/auth/login')) session.expire();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(authorization);

/** Turns openapi-fetch's `{ data, error, response }` into the data, or throws an {@link ApiError}. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, error);
  return data as T;
}

export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new ApiError(
    response.status,
    body && typeof body === 'object' ? (body as ApiError['body']) : { message: String(body ?? '') },
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** Headers for calls made with plain fetch (downloads, CSV uploads, the live feed). */
export function authorizationHeaders(): Record<string, string> {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
