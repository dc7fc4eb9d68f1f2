import { lazy, Suspense, useState } from 'react';
import { outboxStore } from '../lib/outbox/store';
import { outbox } from '../lib/outbox/outbox';

// A dialog (Modal, its focus trap and scroll lock) is code every page would carry: it loads when shown.
const SignOutDialog = lazy(() => import('./sign-out-dialog').then((module) => ({ default: module.SignOutDialog })));

/**
 * Signing out empties the device's outbox (a lead's narrative must not outlive the session on a
 * phone); if leads still wait to be sent, the user is told how many and decides.
 */
export function useGuardedSignOut(signOut: () => Promise<void>) {
  const [unsent, setUnsent] = useState<number | null>(null);
  const finish = async () => {
    setUnsent(null);
    await outbox.clear();
    await signOut();
  };
  const request = async () => {
    const count = (await outboxStore.all()).length;
    if (count === 0) await finish();
    else setUnsent(count);
  };
  const modal =
    unsent === null ? null : (
      <Suspense fallback={null}>
        <SignOutDialog unsent={unsent} onKeep={() => setUnsent(null)} onSignOut={() => void finish()} />
      </Suspense>
    );
  return { request: () => void request(), modal };
}
