import { useSyncExternalStore } from 'react';
import { session } from '../lib/session';

/** The current token (null when signed out); re-renders when the session starts or ends. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(session.subscribe, session.token);
}
