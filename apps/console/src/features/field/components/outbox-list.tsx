import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOutbox } from '../../../hooks/use-outbox';
import { formatDateTime } from '../../../lib/format';
import { outbox } from '../../../lib/outbox/outbox';
import { queryKeys } from '../../../lib/query-keys';

/** The device's outbox: each lead waiting, refused (with the API's reason) or sent during this visit. */
export function OutboxList() {
  const { t } = useTranslation();
  const { items, sent, online } = useOutbox();
  const client = useQueryClient();
  // A lead the outbox delivered shows in the lists without a reload.
  useEffect(
    () =>
      outbox.onSent((lead) => {
        void client.invalidateQueries({ queryKey: queryKeys.leads(lead.operationId) });
      }),
    [client],
  );
  if (items.length === 0 && sent.length === 0) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="outbox-title">
      <Title order={2} size="h4" id="outbox-title" mb="xs">
        {t('outbox.title')}
      </Title>
      {!online && items.length > 0 && (
        <Text size="sm" mb="xs">
          {t('outbox.waitingForConnection')}
        </Text>
      )}
      <Stack
        gap="xs"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={t('outbox.title')}
      >
        {items.map((item) => (
          <Paper key={item.key} withBorder p="xs" component="li" data-testid="outbox-item" data-state={item.state}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" fw={600}>
                {item.body.place} · {item.targetLabel}
              </Text>
              <Badge color={item.state === 'refused' ? 'red' : 'orange'} variant="light">
                {t(`outbox.state.${item.state}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              {t('outbox.written', { at: formatDateTime(new Date(item.createdAt).toISOString()) })}
              {item.state === 'waiting' && item.attempts > 0 && ` · ${t('outbox.attempts', { count: item.attempts })}`}
            </Text>
            {item.state === 'refused' && item.reason && (
              <Alert color="red" mt="xs" p="xs" title={t('outbox.refusedBecause')}>
                <Text size="sm">{item.reason.message}</Text>
                {item.reason.details && item.reason.details.length > 0 && (
                  <List size="sm">
                    {item.reason.details.map((detail) => (
                      <List.Item key={`${detail.field}:${detail.message}`}>
                        <strong>{detail.field}</strong>: {detail.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Alert>
            )}
            <Group gap="xs" mt="xs">
              {item.state === 'waiting' && online && (
                <Button size="compact-sm" variant="light" onClick={() => void outbox.flush()}>
                  {t('outbox.sendNow')}
                </Button>
              )}
              {item.state === 'refused' && (
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => void outbox.discard(item.key)}>
                  {t('outbox.discard')}
                </Button>
              )}
            </Group>
          </Paper>
        ))}
        {sent.map((lead) => (
          <Paper key={lead.key} withBorder p="xs" component="li" data-testid="outbox-item" data-state="sent">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Anchor component={Link} to={`/operations/${lead.operationId}/leads/${lead.leadId}`} size="sm" fw={600}>
                {lead.place} · {lead.targetLabel}
              </Anchor>
              <Badge color="green" variant="light">
                {t('outbox.state.sent')}
              </Badge>
            </Group>
            {lead.replayed && (
              <Text size="xs" c="dimmed">
                {t('outbox.replayed')}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
