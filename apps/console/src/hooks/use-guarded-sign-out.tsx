import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { outboxStore } from '../lib/outbox/store';
import { outbox } from '../lib/outbox/outbox';

/**
 * Signing out empties the device's outbox (a lead's narrative must not outlive the session on a
 * phone); if leads still wait to be sent, the user is told how many and decides.
 */
export function useGuardedSignOut(signOut: () => Promise<void>) {
  const { t } = useTranslation();
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
  const modal = (
    <Modal opened={unsent !== null} onClose={() => setUnsent(null)} title={t('outbox.signOutTitle')}>
      <Text mb="md">{t('outbox.signOutWarning', { count: unsent ?? 0 })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setUnsent(null)}>
          {t('outbox.keepSignedIn')}
        </Button>
        <Button color="red" onClick={() => void finish()}>
          {t('outbox.signOutAnyway')}
        </Button>
      </Group>
    </Modal>
  );
  return { request: () => void request(), modal };
}
