import { api, toApiError } from '../api/client';
import { outboxStore, type OutboxItem } from './store';

/** A lead the API took, shown as sent until the page is left; its narrative is gone from the device. */
export interface SentLead {
  key: string;
  targetLabel: string;
  place: string;
  operationId: string;
  leadId: string;
  /** The API had already taken this submission (a send whose answer was lost): same lead, nothing new. */
  replayed: boolean;
}

export interface OutboxState {
  items: OutboxItem[];
  sent: SentLead[];
  online: boolean;
}

const RETRY_MS = 15_000;
let state: OutboxState = { items: [], sent: [], online: typeof navigator === 'undefined' ? true : navigator.onLine };
let userId: string | null = null;
let flushing: Promise<void> | null = null;
let started = false;
const listeners = new Set<() => void>();
const sentListeners = new Set<(lead: SentLead) => void>();

function publish(next: Partial<OutboxState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

async function reload(): Promise<void> {
  publish({ items: await outboxStore.all() });
}

/** What to do with an answer: a 409 for a key still in flight, a 429 or a 5xx will pass; other 4xx will not. */
function worthRetrying(status: number, details: { field: string }[]): boolean {
  if (status === 409) return details.some((detail) => /idempotency/i.test(detail.field));
  return status === 401 || status === 408 || status === 429 || status >= 500;
}

async function send(item: OutboxItem): Promise<'done' | 'later'> {
  let answer;
  try {
    answer = await api.POST('/api/targets/{id}/leads', {
      params: { path: { id: item.targetId }, header: { 'Idempotency-Key': item.key } },
      body: item.body,
    });
  } catch {
    // No connection (or it dropped before the answer came): the same key goes again later.
    await outboxStore.put({ ...item, attempts: item.attempts + 1, reason: { message: 'offline' } });
    return 'later';
  }
  const { response, data, error: errorBody } = answer;
  if (response.ok) {
    const lead = data as { id: string };
    await outboxStore.remove(item.key);
    const sent: SentLead = {
      key: item.key,
      targetLabel: item.targetLabel,
      place: item.body.place,
      operationId: item.operationId,
      leadId: lead.id,
      replayed: response.headers.get('Idempotent-Replayed') === 'true',
    };
    publish({ sent: [sent, ...state.sent.filter((other) => other.key !== item.key)] });
    sentListeners.forEach((listener) => listener(sent));
    return 'done';
  }
  const error = toApiError(response, errorBody);
  const reason = { status: error.status, message: error.message, details: error.details };
  if (worthRetrying(error.status, error.details)) {
    await outboxStore.put({ ...item, attempts: item.attempts + 1, reason });
    return 'later';
  }
  await outboxStore.put({ ...item, state: 'refused', attempts: item.attempts + 1, reason });
  return 'done';
}

async function flushNow(): Promise<void> {
  if (!userId) return;
  for (const item of await outboxStore.all()) {
    if (item.state !== 'waiting' || item.userId !== userId) continue;
    const outcome = await send(item);
    if (outcome === 'later') break;
  }
  await reload();
}

/**
 * The device's outbox of leads. Every lead the field form submits goes through it: stored first,
 * then sent with its own Idempotency-Key, again and again until the API answers; a lead is never
 * lost (it waits in IndexedDB) and never doubled (every send repeats the key).
 */
export const outbox = {
  state: (): OutboxState => state,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  onSent(listener: (lead: SentLead) => void): () => void {
    sentListeners.add(listener);
    return () => sentListeners.delete(listener);
  },
  /** Whose leads may be sent now (only the signed-in user's own, with its own token). */
  setUser(id: string | null): void {
    userId = id;
    if (id) void outbox.flush();
  },
  async add(item: Omit<OutboxItem, 'state' | 'attempts' | 'createdAt'>): Promise<void> {
    await outboxStore.put({ ...item, state: 'waiting', attempts: 0, createdAt: Date.now() });
    await reload();
    void outbox.flush();
  },
  async discard(key: string): Promise<void> {
    await outboxStore.remove(key);
    await reload();
  },
  /** Sends what waits, one at a time, oldest first; one flush at a time. */
  flush(): Promise<void> {
    flushing ??= flushNow()
      .catch(() => undefined)
      .finally(() => {
        flushing = null;
      });
    return flushing;
  },
  async clear(): Promise<void> {
    await outboxStore.clear();
    publish({ items: [], sent: [] });
  },
  /** Listens for the connection coming back, and retries now and then while leads wait. */
  start(): void {
    if (started) return;
    started = true;
    void reload();
    window.addEventListener('online', () => {
      publish({ online: true });
      void outbox.flush();
    });
    window.addEventListener('offline', () => publish({ online: false }));
    setInterval(() => {
      if (state.items.some((item) => item.state === 'waiting')) void outbox.flush();
    }, RETRY_MS);
  },
};
