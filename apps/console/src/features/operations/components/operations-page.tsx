import { Anchor, Button, Group, Modal, Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useRole } from '../../../hooks/use-me';
import { useParticipants } from '../../../hooks/use-operation';
import type { Schemas } from '../../../lib/api/client';
import { OPERATION_STATUSES } from '../../../lib/enums';
import { formatDate } from '../../../lib/format';
import { useCreateOperation, useOperations } from '../api/operations';
import { OperationForm, toOperationBody } from './operation-form';

export function OperationsPage() {
  const { t } = useTranslation();
  const role = useRole();
  const navigate = useNavigate();
  const [status, setStatus] = useState<Schemas['OperationStatus'] | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const operations = useOperations({ status: status ?? undefined, q: q || undefined });
  const [creating, { open, close }] = useDisclosure(false);
  const create = useCreateOperation();

  return (
    <>
      <PageHeader
        title={t('operations.title')}
        actions={role === 'coordinator' && <Button onClick={open}>{t('operations.create')}</Button>}
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label={t('operations.search')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        <Select
          label={t('operations.status')}
          clearable
          data={OPERATION_STATUSES.map((value) => ({ value, label: t(`enum.operationStatus.${value}`) }))}
          value={status}
          onChange={(value) => setStatus(value as Schemas['OperationStatus'] | null)}
        />
      </Group>
      <QueryState query={operations}>
        {(page) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('operations.code')}</Table.Th>
                  <Table.Th>{t('operations.name')}</Table.Th>
                  <Table.Th>{t('operations.status')}</Table.Th>
                  <Table.Th>{t('operations.phase')}</Table.Th>
                  <Table.Th>{t('operations.crimeFocus')}</Table.Th>
                  <Table.Th>{t('operations.participants')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((operation) => (
                  <Table.Tr key={operation.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/operations/${operation.id}`}>
                        {operation.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{operation.name}</Table.Td>
                    <Table.Td>
                      <StatusBadge kind="operationStatus" value={operation.status} />
                    </Table.Td>
                    <Table.Td>
                      {operation.operationalStart
                        ? `${formatDate(operation.operationalStart)} – ${formatDate(operation.operationalEnd)}`
                        : t('common.none')}
                    </Table.Td>
                    <Table.Td>{t(`enum.offence.${operation.crimeFocus}`)}</Table.Td>
                    <Table.Td>
                      <ParticipantCountries operationId={operation.id} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {page.items.length === 0 && <p>{t('operations.empty')}</p>}
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={creating} onClose={close} title={t('operations.create')} size="lg">
        <OperationForm
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(
              { code: values.code, ...toOperationBody(values) },
              {
                onSuccess: (operation) => {
                  close();
                  navigate(`/operations/${operation.id}/settings`);
                },
              },
            )
          }
        />
      </Modal>
    </>
  );
}

function ParticipantCountries({ operationId }: { operationId: string }) {
  const participants = useParticipants(operationId);
  return <>{participants.data?.map((participant) => participant.country).join(', ')}</>;
}
