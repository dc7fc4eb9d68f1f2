import { useSyncExternalStore } from 'react';
import { outbox, type OutboxState } from '../lib/outbox/outbox';

/** The device's outbox of leads as it is now (waiting, refused, and sent during this visit). */
export function useOutbox(): OutboxState {
  return useSyncExternalStore(outbox.subscribe, outbox.state);
}
