import { Alert, Button, FileInput, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { useDownload } from '../../../hooks/use-download';
import { formatBytes, formatNumber } from '../../../lib/format';
import { queryKeys } from '../../../lib/query-keys';
import { uploadTargetList, type ImportRejection, type ImportResult } from '../api/import';

export function ImportPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const client = useQueryClient();
  const template = useDownload();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [accepted, setAccepted] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<ImportRejection | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function upload() {
    if (!file) return;
    setAccepted(null);
    setRefused(null);
    setError(null);
    setProgress(0);
    try {
      const outcome = await uploadTargetList(operationId, file, setProgress);
      if (outcome.accepted) {
        setAccepted(outcome.result);
        await client.invalidateQueries({ queryKey: queryKeys.targets(operationId) });
        await client.invalidateQueries({ queryKey: queryKeys.duplicates(operationId) });
      } else setRefused(outcome.result);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  }

  return (
    <Stack>
      <PageHeader title={t('import.title')} />
      <Text>{t('import.intro')}</Text>
      <Group>
        <Button
          variant="light"
          loading={template.pending}
          onClick={() => void template.download('/api/targets/import-template.csv', 'targets-template.csv')}
        >
          {t('import.template')}
        </Button>
      </Group>
      <ErrorAlert error={template.error} />
      <Paper withBorder p="md">
        <Stack>
          <FileInput
            label={t('import.file')}
            description={t('import.fileHint')}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            clearable
          />
          {file && <Text size="sm">{t('import.size', { size: formatBytes(file.size) })}</Text>}
          <Group>
            <Button onClick={() => void upload()} disabled={!file} loading={progress !== null}>
              {t('import.upload')}
            </Button>
          </Group>
          {progress !== null && (
            <>
              <Progress value={progress * 100} aria-label={t('import.progress')} />
              <Text size="sm" aria-live="polite">
                {progress < 1 ? t('import.sending', { percent: Math.round(progress * 100) }) : t('import.checking')}
              </Text>
            </>
          )}
        </Stack>
      </Paper>
      <ErrorAlert error={error} />
      {accepted && (
        <Alert color="green" title={t('import.acceptedTitle')} role="status">
          {t('import.accepted', { created: formatNumber(accepted.created), updated: formatNumber(accepted.updated) })}
        </Alert>
      )}
      {refused && (
        <Stack>
          <Alert color="red" title={t('import.refusedTitle')} role="alert">
            {t('import.refused', { count: refused.errorCount, shown: refused.errors.length })}
          </Alert>
          <Table.ScrollContainer minWidth={480}>
            <Table striped data-testid="import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('import.row')}</Table.Th>
                  <Table.Th>{t('import.field')}</Table.Th>
                  <Table.Th>{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {refused.errors.map((rowError, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{rowError.row}</Table.Td>
                    <Table.Td>{rowError.field}</Table.Td>
                    <Table.Td>{rowError.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Stack>
  );
}
