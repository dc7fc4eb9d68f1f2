import { Alert, Anchor, Button, Group, Modal, Select, Stack, Switch } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ColumnDef } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CountrySelect } from '../../../components/country-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { StatusBadge } from '../../../components/status-badge';
import { VirtualTable } from '../../../components/virtual-table';
import { useRole } from '../../../hooks/use-me';
import { useOperation, useParticipants } from '../../../hooks/use-operation';
import type { Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { TASK_STATUSES } from '../../../lib/enums';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useTaskPages, type Task } from '../api/tasks';
import { BulkTaskForm, CreateTaskForm } from './task-forms';

export function TasksPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const coordinator = useRole() === 'coordinator';
  const operation = useOperation(operationId).data;
  const participants = useParticipants(operationId).data?.map((participant) => participant.country);
  const [country, setCountry] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const filters = {
    country: country ?? undefined,
    status: (status ?? undefined) as Schemas['TaskStatus'] | undefined,
    overdue: overdue || undefined,
  };
  const pages = useTaskPages(operationId, filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = pages;
  const onNeedMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);
  const [creating, createModal] = useDisclosure(false);
  const [bulking, bulkModal] = useDisclosure(false);
  const [created, setCreated] = useState<number | null>(null);
  const working = operation?.status === 'active' || operation?.status === 'follow_up';

  const columns = useMemo<ColumnDef<Task, unknown>[]>(
    () => [
      {
        id: 'title',
        header: t('tasks.taskTitle'),
        cell: ({ row }) => (
          <Anchor component={Link} to={`/operations/${operationId}/tasks/${row.original.id}`}>
            {row.original.title}
          </Anchor>
        ),
      },
      { id: 'type', header: t('tasks.type'), size: 150, cell: ({ row }) => t(`enum.taskType.${row.original.type}`) },
      {
        id: 'country',
        header: t('tasks.country'),
        size: 150,
        cell: ({ row }) => countryName(row.original.assignedCountry),
      },
      {
        id: 'due',
        header: t('tasks.due'),
        size: 170,
        cell: ({ row }) => (
          <>
            {formatDateTime(row.original.dueAt)} {row.original.overdue && <StatusBadge kind="any" value="overdue" />}
          </>
        ),
      },
      {
        id: 'status',
        header: t('tasks.status'),
        size: 130,
        cell: ({ row }) => <StatusBadge kind="taskStatus" value={row.original.status} />,
      },
    ],
    [operationId, t],
  );

  return (
    <Stack>
      <PageHeader
        title={t('tasks.title')}
        actions={
          coordinator &&
          working && (
            <>
              <Button variant="light" onClick={createModal.open}>
                {t('tasks.create')}
              </Button>
              <Button onClick={bulkModal.open}>{t('tasks.bulk')}</Button>
            </>
          )
        }
      />
      {created !== null && (
        <Alert color="green" role="status" withCloseButton onClose={() => setCreated(null)}>
          {t('tasks.bulkCreated', { count: created, tasks: formatNumber(created) })}
        </Alert>
      )}
      <Group align="flex-end">
        {coordinator && (
          <CountrySelect label={t('tasks.country')} codes={participants} value={country} onChange={setCountry} />
        )}
        <Select
          label={t('tasks.status')}
          clearable
          data={TASK_STATUSES.map((value) => ({ value, label: t(`enum.taskStatus.${value}`) }))}
          value={status}
          onChange={setStatus}
        />
        <Switch
          label={t('tasks.overdueOnly')}
          checked={overdue}
          onChange={(event) => setOverdue(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <ErrorAlert error={pages.error} />
      <VirtualTable
        label={t('tasks.title')}
        rows={rows}
        columns={columns}
        total={pages.data?.pages[0]?.total ?? 0}
        getRowId={(row) => row.id}
        onNeedMore={onNeedMore}
      />
      <Modal opened={creating} onClose={createModal.close} title={t('tasks.create')} size="lg">
        <CreateTaskForm operationId={operationId} onDone={createModal.close} />
      </Modal>
      <Modal opened={bulking} onClose={bulkModal.close} title={t('tasks.bulk')} size="lg">
        <BulkTaskForm
          operationId={operationId}
          onDone={(count) => {
            setCreated(count);
            bulkModal.close();
          }}
        />
      </Modal>
    </Stack>
  );
}
