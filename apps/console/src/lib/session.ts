/**
 * The signed-in user's token: kept in memory, and in sessionStorage so a reload of the tab keeps the
 * session (never localStorage: it would outlive the tab and be shared with every other tab).
 */
const STORAGE_KEY = 'dragnet.session';

interface Stored {
  token: string;
  expiresAt: number;
}

type Listener = () => void;

function read(): Stored | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Stored | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

let current: Stored | null = read();
/** Why the last session ended, for the sign-in page to say so. */
let endReason: 'expired' | 'signed-out' | null = null;
const listeners = new Set<Listener>();

function set(next: Stored | null, reason: typeof endReason): void {
  current = next;
  endReason = reason;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener());
}

export const session = {
  token: (): string | null => (current && current.expiresAt > Date.now() ? current.token : null),
  endReason: () => endReason,
  start(token: string, expiresInSeconds: number): void {
    set({ token, expiresAt: Date.now() + expiresInSeconds * 1000 }, null);
  },
  /** The API answered 401: the token expired or was revoked. */
  expire(): void {
    if (current) set(null, 'expired');
  },
  end(): void {
    set(null, 'signed-out');
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
