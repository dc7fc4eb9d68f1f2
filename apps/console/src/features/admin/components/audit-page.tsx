import { Alert, Button, Code, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../../../components/country-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { VirtualTable } from '../../../components/virtual-table';
import { useDownload } from '../../../hooks/use-download';
import { useRole } from '../../../hooks/use-me';
import type { Schemas } from '../../../lib/api/client';
import { formatDateTime, formatNumber } from '../../../lib/format';
import {
  QUEUE_DASHBOARD_URL,
  useAuditPages,
  useOpenQueueDashboard,
  useVerifyAudit,
  type AuditFilters,
} from '../api/admin';

type Entry = Schemas['AuditEntryDto'];

/** The audit trail with its filters, its CSV export, and a check of the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const admin = useRole() === 'admin';
  const [form, setForm] = useState({ action: '', entityType: '', entityId: '', userId: '', from: '', to: '' });
  const [country, setCountry] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(form, 400);
  const filters: AuditFilters = useMemo(() => {
    const entries = Object.entries(debounced).filter(([, value]) => value.trim() !== '');
    const result: AuditFilters = Object.fromEntries(
      entries.map(([key, value]) => [
        key,
        key === 'from' || key === 'to' ? new Date(value).toISOString() : value.trim(),
      ]),
    );
    if (country) result.country = country;
    return result;
  }, [debounced, country]);
  const pages = useAuditPages(filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = pages;
  const onNeedMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);
  const csv = useDownload();
  const verify = useVerifyAudit();
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <TextInput
      label={label}
      type={type}
      value={form[key]}
      onChange={(event) => setForm({ ...form, [key]: event.currentTarget.value })}
    />
  );

  const columns = useMemo<ColumnDef<Entry, unknown>[]>(
    () => [
      { id: 'at', header: t('audit.at'), size: 170, cell: ({ row }) => formatDateTime(row.original.at) },
      { id: 'action', header: t('audit.action'), size: 200, cell: ({ row }) => <Code>{row.original.action}</Code> },
      {
        id: 'actor',
        header: t('audit.actor'),
        size: 200,
        cell: ({ row }) =>
          `${t(`enum.role.${row.original.actorRole}`, { defaultValue: row.original.actorRole })} ${row.original.actorCountry ?? ''}`,
      },
      {
        id: 'entity',
        header: t('audit.entity'),
        cell: ({ row }) => `${row.original.entityType} ${row.original.entityId}`,
      },
    ],
    [t],
  );

  return (
    <Stack>
      <PageHeader
        title={t('audit.title')}
        actions={
          <>
            <Button
              variant="light"
              loading={csv.pending}
              onClick={() =>
                void csv.download(
                  `/api/audit/export.csv?${new URLSearchParams(filters as Record<string, string>)}`,
                  'audit.csv',
                )
              }
            >
              {t('audit.exportCsv')}
            </Button>
            <Button onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
          </>
        }
      />
      <ErrorAlert error={csv.error ?? verify.error} />
      {verify.data && (
        <Alert
          color={verify.data.valid ? 'green' : 'red'}
          title={verify.data.valid ? t('audit.valid') : t('audit.broken')}
          role="status"
          data-testid="audit-verify"
        >
          <Text size="sm">
            {t('audit.verifyResult', {
              checked: formatNumber(verify.data.checked),
              unsealed: formatNumber(verify.data.unsealed),
              at: formatDateTime(verify.data.verifiedAt),
            })}
          </Text>
          <Text size="sm">
            {t('audit.head')}: <Code>{verify.data.headSeq ?? '—'}</Code> <Code>{verify.data.headHash}</Code>
          </Text>
          {verify.data.firstBreak && (
            <Text size="sm">{t('audit.firstBreak', { detail: JSON.stringify(verify.data.firstBreak) })}</Text>
          )}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 7 }} spacing="xs">
        {field('action', t('audit.action'))}
        {field('entityType', t('audit.entityType'))}
        {field('entityId', t('audit.entityId'))}
        {field('userId', t('audit.userId'))}
        <CountrySelect label={t('audit.country')} value={country} onChange={setCountry} />
        {field('from', t('audit.from'), 'datetime-local')}
        {field('to', t('audit.to'), 'datetime-local')}
      </SimpleGrid>
      <ErrorAlert error={pages.error} />
      <VirtualTable
        label={t('audit.title')}
        rows={rows}
        columns={columns}
        total={pages.data?.pages[0]?.total ?? 0}
        getRowId={(row) => row.id}
        onNeedMore={onNeedMore}
      />
      {admin && <QueueDashboardLink />}
    </Stack>
  );
}

function QueueDashboardLink() {
  const { t } = useTranslation();
  const open = useOpenQueueDashboard();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {t('audit.queues')}
      </Title>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('audit.queuesHint')}</Text>
        <Button
          component="a"
          href={QUEUE_DASHBOARD_URL}
          target="_blank"
          rel="noopener"
          variant="light"
          loading={open.isPending}
          onClick={(event) => {
            event.preventDefault();
            open.mutate();
          }}
        >
          {t('audit.openQueues')}
        </Button>
        <ErrorAlert error={open.error} />
      </Stack>
    </Paper>
  );
}
