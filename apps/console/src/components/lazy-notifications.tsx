import { lazy, Suspense, useSyncExternalStore } from 'react';
import { notificationsShown } from '../lib/notify';

const Notifications = lazy(() =>
  import('@mantine/notifications').then((module) => ({ default: module.Notifications })),
);

/**
 * Mantine's notifications container, whose code (and transitions) loads with the first
 * notification shown through `notify()`: no page downloads it for nothing.
 */
export function LazyNotifications() {
  const needed = useSyncExternalStore(notificationsShown.subscribe, notificationsShown.get);
  return needed ? (
    <Suspense fallback={null}>
      <Notifications />
    </Suspense>
  ) : null;
}
