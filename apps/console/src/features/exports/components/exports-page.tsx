import { Alert, Anchor, Button, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useOperation } from '../../../hooks/use-operation';
import type { Schemas } from '../../../lib/api/client';
import { EXPORT_FORMATS, EXPORT_SCOPES } from '../../../lib/enums';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { useExports, useRequestExport } from '../api/exports';

/** The operation's result files: request one (format, scope) and follow each to its download. */
export function ExportsPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const navigate = useNavigate();
  const operation = useOperation(operationId).data;
  const exports = useExports(operationId);
  const request = useRequestExport(operationId);
  const [format, setFormat] = useState<Schemas['ExportFormat']>('xlsx');
  const [scope, setScope] = useState<Schemas['ExportScope']>('all');
  return (
    <Stack>
      <PageHeader title={t('exports.title')} />
      {operation && operation.status !== 'closed' && <Alert color="blue">{t('exports.notClosed')}</Alert>}
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {t('exports.request')}
        </Title>
        <ErrorAlert error={request.error} />
        <Group align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" id="export-format">
              {t('exports.format')}
            </Text>
            <SegmentedControl
              aria-labelledby="export-format"
              value={format}
              onChange={(value) => setFormat(value as Schemas['ExportFormat'])}
              data={EXPORT_FORMATS.map((value) => ({ value, label: t(`enum.exportFormat.${value}`) }))}
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" id="export-scope">
              {t('exports.scope')}
            </Text>
            <SegmentedControl
              aria-labelledby="export-scope"
              value={scope}
              onChange={(value) => setScope(value as Schemas['ExportScope'])}
              data={EXPORT_SCOPES.map((value) => ({ value, label: t(`enum.exportScope.${value}`) }))}
            />
          </Stack>
          <Button
            loading={request.isPending}
            onClick={() =>
              request.mutate(
                { format, scope },
                { onSuccess: (created) => navigate(`/operations/${operationId}/exports/${created.id}`) },
              )
            }
          >
            {t('exports.requestButton')}
          </Button>
        </Group>
      </Paper>
      <QueryState query={exports}>
        {(page) => (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('exports.file')}</Table.Th>
                  <Table.Th>{t('exports.status')}</Table.Th>
                  <Table.Th>{t('exports.requested')}</Table.Th>
                  <Table.Th>{t('exports.size')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/operations/${operationId}/exports/${item.id}`}>
                        {item.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge kind="exportStatus" value={item.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                    <Table.Td>{formatBytes(item.sizeBytes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {page.items.length === 0 && <Text c="dimmed">{t('exports.empty')}</Text>}
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
