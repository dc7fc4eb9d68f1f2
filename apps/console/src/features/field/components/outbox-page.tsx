import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { useOutbox } from '../../../hooks/use-outbox';
import { OutboxList } from './outbox-list';

/** Everything this device still holds for the user, readable without a connection. */
export function OutboxPage() {
  const { t } = useTranslation();
  const { items, sent } = useOutbox();
  return (
    <Stack maw={560}>
      <PageHeader title={t('outbox.title')} />
      <Text size="sm">{t('outbox.intro')}</Text>
      {items.length === 0 && sent.length === 0 ? <Text c="dimmed">{t('outbox.empty')}</Text> : <OutboxList />}
    </Stack>
  );
}
