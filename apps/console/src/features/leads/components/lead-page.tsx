import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useRole } from '../../../hooks/use-me';
import type { Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { LEAD_NEXT, TASK_TYPES } from '../../../lib/enums';
import { formatDateTime } from '../../../lib/format';
import { useLead, useLeadHistory, useLeadMutations, type Lead } from '../api/leads';

export function LeadPage() {
  const { leadId = '' } = useParams();
  const lead = useLead(leadId);
  return <QueryState query={lead}>{(data) => <LeadView lead={data} />}</QueryState>;
}

function LeadView({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const coordinator = useRole() === 'coordinator';
  const history = useLeadHistory(lead.id);
  const { move, routeToTask } = useLeadMutations(lead);
  const [note, setNote] = useState('');
  const [taskType, setTaskType] = useState<Schemas['TaskType']>('verify_lead');
  const base = `/operations/${lead.operationId}`;
  return (
    <Stack>
      <PageHeader
        title={t('leads.title', { type: t(`enum.leadType.${lead.type}`), place: lead.place })}
        actions={<StatusBadge kind="leadStatus" value={lead.status} />}
      />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <Text>
            {t('leads.place')}: {lead.place}, {countryName(lead.country)}
            {lead.latitude != null && ` (${lead.latitude}, ${lead.longitude})`}
          </Text>
          <Text>
            {t('leads.observedAt')}: {formatDateTime(lead.observedAt)}
          </Text>
          <Text>
            {t('leads.reportingCountry')}: {countryName(lead.reportingCountry)}
          </Text>
          <Anchor component={Link} to={`${base}/targets/${lead.targetId}`}>
            {t('leads.target')}
          </Anchor>
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Badge variant="outline">{t(`grading.source.${lead.sourceReliability}`)}</Badge>
          <Badge variant="outline">{t(`grading.information.${lead.informationAssessment}`)}</Badge>
          <Badge variant="outline">{t(`grading.handling.${lead.handlingCode}`)}</Badge>
        </Group>
        {lead.handlingRestriction && (
          <Alert mt="sm" color="orange" title={t('leads.restriction')}>
            {lead.handlingRestriction}
          </Alert>
        )}
        <Text mt="sm">{lead.narrative}</Text>
      </Paper>
      {coordinator && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm">
            {t('leads.assess')}
          </Title>
          <ErrorAlert error={move.error} />
          <Group align="flex-end">
            <TextInput label={t('target.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
            {LEAD_NEXT[lead.status].map((next) => (
              <Button
                key={next}
                variant="light"
                loading={move.isPending}
                onClick={() => move.mutate({ to: next, version: lead.version, note: note || undefined })}
              >
                {t(`enum.leadStatus.${next}`)}
              </Button>
            ))}
          </Group>
          <Title order={3} size="h4" mt="md" mb="xs">
            {t('leads.routeToTask')}
          </Title>
          <ErrorAlert error={routeToTask.error} />
          {routeToTask.data && (
            <Alert color="green" role="status" mb="xs">
              <Anchor component={Link} to={`${base}/tasks/${routeToTask.data.id}`}>
                {t('leads.taskCreated', { country: countryName(routeToTask.data.assignedCountry) })}
              </Anchor>
            </Alert>
          )}
          <Group align="flex-end">
            <EnumSelect
              kind="taskType"
              values={TASK_TYPES}
              label={t('tasks.type')}
              value={taskType}
              onChange={(value) => setTaskType((value ?? 'verify_lead') as Schemas['TaskType'])}
            />
            <Button loading={routeToTask.isPending} onClick={() => routeToTask.mutate({ type: taskType })}>
              {t('leads.routeTo', { country: countryName(lead.country) })}
            </Button>
          </Group>
        </Paper>
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
                  {formatDateTime(change.at)} ·{' '}
                  {change.fromStatus ? `${t(`enum.leadStatus.${change.fromStatus}`)} → ` : ''}
                  {t(`enum.leadStatus.${change.toStatus}`)} {change.note ? `· ${change.note}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </QueryState>
      </Paper>
    </Stack>
  );
}
