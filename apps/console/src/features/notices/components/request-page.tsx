import { Alert, Anchor, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { countryName } from '../../../lib/countries';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useRequest, useRequestCompliance, useRequestHistory } from '../api/requests';

/** A notice or diffusion request: its state, the red notice checklist while it can still change, its history. */
export function RequestPage() {
  const { t } = useTranslation();
  const { requestId = '' } = useParams();
  const request = useRequest(requestId);
  const history = useRequestHistory(requestId);
  const checkable = request.data?.type === 'red' && ['draft', 'info_requested'].includes(request.data.status);
  const compliance = useRequestCompliance(requestId, checkable);
  return (
    <QueryState query={request}>
      {(data) => (
        <Stack>
          <PageHeader
            title={t('notices.title', {
              type: t(`enum.requestType.${data.type}`),
              country: countryName(data.requestingCountry),
            })}
            actions={<StatusBadge kind="requestStatus" value={data.status} />}
          />
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Text>
                {t('notices.reference')}: {data.reference ?? '—'}
              </Text>
              <Text>
                {t('notices.published')}: {formatDate(data.publishedAt) || '—'}
              </Text>
              <Text>
                {t('notices.expires')}: {formatDate(data.expiresAt) || '—'}
              </Text>
              <Text>
                {t('notices.article3')}: {data.article3Attested ? t('common.yes') : t('common.no')}
              </Text>
              <Anchor component={Link} to={`/operations/${data.operationId}/targets/${data.targetId}`}>
                {t('leads.target')}
              </Anchor>
            </SimpleGrid>
            {data.summary && <Text mt="sm">{data.summary}</Text>}
          </Paper>
          {checkable && compliance.data && (
            <Alert
              color={compliance.data.compliant ? 'green' : 'orange'}
              title={compliance.data.compliant ? t('notices.compliant') : t('notices.missing')}
            >
              <List size="sm">
                {compliance.data.problems.map((problem) => (
                  <List.Item key={`${problem.field}:${problem.message}`}>{problem.message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Paper withBorder p="md">
            <Title order={2} size="h3" mb="sm">
              {t('target.history')}
            </Title>
            <QueryState query={history}>
              {(changes) => (
                <List>
                  {changes.map((change) => (
                    <List.Item key={change.id}>
                      {formatDateTime(change.at)} · {t(`enum.requestStatus.${change.toStatus}`)}{' '}
                      {change.reason ? `· ${change.reason}` : ''}
                    </List.Item>
                  ))}
                </List>
              )}
            </QueryState>
          </Paper>
        </Stack>
      )}
    </QueryState>
  );
}
