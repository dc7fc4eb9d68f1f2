import type { NotificationData } from '@mantine/notifications';

/**
 * Shows a Mantine notification. Its code (and the container, see LazyNotifications) loads on the
 * first one, so no page downloads it before something is to be shown. Use this rather than
 * importing `notifications` from '@mantine/notifications' straight away.
 */
export async function notify(notification: NotificationData): Promise<string> {
  const { notifications } = await import('@mantine/notifications');
  if (!shown) {
    shown = true;
    for (const listener of listeners) listener();
  }
  return notifications.show(notification);
}

let shown = false;
const listeners = new Set<() => void>();

/** Whether a notification was shown yet (for useSyncExternalStore). */
export const notificationsShown = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): boolean => shown,
};
