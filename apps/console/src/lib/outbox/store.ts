import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Schemas } from '../api/client';

/** A lead as the field form wrote it, waiting on the device until the API has taken it. */
export interface OutboxItem {
  /** The Idempotency-Key, made when the form opened: every send of this lead repeats it. */
  key: string;
  userId: string;
  operationId: string;
  targetId: string;
  /** What the user reads in the outbox: the target's reference and name, the place. */
  targetLabel: string;
  body: Schemas['CreateLeadDto'];
  createdAt: number;
  state: 'waiting' | 'refused';
  attempts: number;
  /** Why the API refused it (message and fields), or why the last send did not get through. */
  reason?: { status?: number; message: string; details?: { field: string; message: string }[] };
}

interface OutboxSchema extends DBSchema {
  leads: { key: string; value: OutboxItem; indexes: { byUser: string } };
}

let database: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function open(): Promise<IDBPDatabase<OutboxSchema>> {
  database ??= openDB<OutboxSchema>('dragnet-outbox', 1, {
    upgrade(db) {
      db.createObjectStore('leads', { keyPath: 'key' }).createIndex('byUser', 'userId');
    },
  });
  return database;
}

/** The outbox in IndexedDB: it survives a reload, a closed tab and a phone that lost its signal. */
export const outboxStore = {
  async all(): Promise<OutboxItem[]> {
    const items = await (await open()).getAll('leads');
    return items.sort((a, b) => a.createdAt - b.createdAt);
  },
  async put(item: OutboxItem): Promise<void> {
    await (await open()).put('leads', item);
  },
  async remove(key: string): Promise<void> {
    await (await open()).delete('leads', key);
  },
  /** Signing out: nothing a user reported stays on the device for the next one. */
  async clear(): Promise<void> {
    await (await open()).clear('leads');
  },
};
