import { Badge, Button, Group } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOutbox } from '../hooks/use-outbox';
import { useSessionToken } from '../hooks/use-session-token';
import { formatNumber } from '../lib/format';
import { outbox } from '../lib/outbox/outbox';
import { tokenSubject } from '../lib/outbox/token-subject';

/** Above every page: no connection, and how many leads wait on this device; sends them for this user. */
export function OutboxIndicator() {
  const { t } = useTranslation();
  const token = useSessionToken();
  const { items, online } = useOutbox();
  useEffect(() => outbox.setUser(tokenSubject(token)), [token]);
  const waiting = items.filter((item) => item.state === 'waiting').length;
  const refused = items.length - waiting;
  if (online && items.length === 0) return null;
  return (
    <Group gap="xs" mb="sm" wrap="wrap">
      {!online && (
        <Badge color="orange" variant="filled" role="status">
          {t('outbox.offline')}
        </Badge>
      )}
      {items.length > 0 && (
        <Button component={Link} to="/outbox" size="compact-sm" variant="light" color={refused > 0 ? 'red' : 'orange'}>
          {t('outbox.indicator', { count: items.length, formatted: formatNumber(items.length) })}
        </Button>
      )}
    </Group>
  );
}
