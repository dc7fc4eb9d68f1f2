import { Alert, Button, Code, Loader, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useDownload, type Downloaded } from '../../../hooks/use-download';
import { formatBytes, formatDateTime, formatNumber } from '../../../lib/format';
import { useExport } from '../api/exports';

/** One result file: watch it build, download it, and compare its SHA-256 with the announced one. */
export function ExportPage() {
  const { t } = useTranslation();
  const { exportId = '' } = useParams();
  const file = useExport(exportId);
  const { download, pending, error } = useDownload();
  const [downloaded, setDownloaded] = useState<Downloaded | null>(null);
  return (
    <QueryState query={file}>
      {(data) => (
        <Stack>
          <PageHeader title={data.fileName} actions={<StatusBadge kind="exportStatus" value={data.status} />} />
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Text>
                {t('exports.format')}: {t(`enum.exportFormat.${data.format}`)} · {t(`enum.exportScope.${data.scope}`)}
              </Text>
              <Text>
                {t('exports.requested')}: {formatDateTime(data.createdAt)}
              </Text>
              <Text>
                {t('exports.rows')}: {formatNumber(data.rowCount)}
              </Text>
              <Text>
                {t('exports.size')}: {formatBytes(data.sizeBytes)}
              </Text>
              <Text>
                {t('exports.expires')}: {formatDateTime(data.expiresAt)}
              </Text>
            </SimpleGrid>
            {data.sha256 && (
              <Text mt="sm">
                {t('exports.announced')}: <Code data-testid="announced-sha256">{data.sha256}</Code>
              </Text>
            )}
          </Paper>
          {(data.status === 'queued' || data.status === 'running') && (
            <Group>
              <Loader size="sm" />
              <Text aria-live="polite">{t('exports.building')}</Text>
            </Group>
          )}
          {data.status === 'failed' && <Alert color="red">{data.error}</Alert>}
          {data.status === 'ready' && (
            <Group>
              <Button
                loading={pending}
                onClick={() =>
                  void download(`/api/exports/${data.id}/download`, data.fileName).then(
                    (result) => result && setDownloaded(result),
                  )
                }
              >
                {t('exports.download')}
              </Button>
            </Group>
          )}
          <ErrorAlert error={error} />
          {downloaded && (
            <Alert
              color={downloaded.sha256 === data.sha256 ? 'green' : 'red'}
              title={downloaded.sha256 === data.sha256 ? t('exports.checksumMatches') : t('exports.checksumDiffers')}
              role="status"
            >
              {t('exports.computed')}: <Code data-testid="computed-sha256">{downloaded.sha256}</Code>
            </Alert>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
