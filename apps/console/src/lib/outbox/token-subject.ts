/**
 * The user id inside the session's token (its `sub` claim), readable without the API: the outbox
 * must know whose leads it may send even after a reload with no connection.
 */
export function tokenSubject(token: string | null): string | null {
  if (!token) return null;
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload)) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}
