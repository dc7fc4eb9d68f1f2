import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The warning before signing out with unsent leads (loaded only when it is needed, see useGuardedSignOut). */
export function SignOutDialog({
  unsent,
  onKeep,
  onSignOut,
}: {
  unsent: number;
  onKeep: () => void;
  onSignOut: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onKeep} title={t('outbox.signOutTitle')}>
      <Text mb="md">{t('outbox.signOutWarning', { count: unsent })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onKeep}>
          {t('outbox.keepSignedIn')}
        </Button>
        <Button color="red" onClick={onSignOut}>
          {t('outbox.signOutAnyway')}
        </Button>
      </Group>
    </Modal>
  );
}
