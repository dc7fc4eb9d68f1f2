import { Alert, Anchor, Badge, Group, List, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { countryName } from '../../../lib/countries';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useMapLeads, useMapTargets } from '../api/map-data';
import { GRADING_COLOURS } from '../grading-colours';
import { LeadMap } from './lead-map';

const PERIODS = { day: 1, week: 7, month: 30, all: null } as const;
type Period = keyof typeof PERIODS;
/** The earliest observation a period shows, counted from when it was chosen. */
const cutoff = (period: Period) => (PERIODS[period] === null ? 0 : Date.now() - PERIODS[period] * 86_400_000);

/** The operation's leads and targets' last known places on a world map that needs no internet. */
export function MapPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const leads = useMapLeads(operationId);
  const targets = useMapTargets(operationId);
  const [period, setPeriod] = useState<Period>('month');
  const [since, setSince] = useState(() => cutoff('month'));
  const shown = useMemo(
    () => (leads.data ?? []).filter((lead) => new Date(lead.observedAt).getTime() >= since),
    [leads.data, since],
  );

  return (
    <Stack>
      <PageHeader title={t('map.title')} level={2} />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('map.period')}
          value={period}
          onChange={(value) => {
            setPeriod(value as Period);
            setSince(cutoff(value as Period));
          }}
          data={(Object.keys(PERIODS) as Period[]).map((value) => ({ value, label: t(`map.periods.${value}`) }))}
        />
        <Group gap="xs" aria-label={t('map.legend')} role="group">
          {(Object.keys(GRADING_COLOURS) as (keyof typeof GRADING_COLOURS)[]).map((code) => (
            <Badge key={code} color={GRADING_COLOURS[code]} variant="dot" c="var(--mantine-color-text)">
              {t(`grading.source.${code}`)}
            </Badge>
          ))}
        </Group>
      </Group>
      <QueryState query={leads}>
        {() => (
          <>
            <LeadMap operationId={operationId} leads={shown} targets={targets.data ?? []} />
            <Paper withBorder p="sm" component="section" aria-labelledby="map-list">
              <Text id="map-list" fw={600} mb="xs">
                {t('map.listTitle', { count: shown.length, formatted: formatNumber(shown.length) })}
              </Text>
              {shown.length === 0 ? (
                <Alert color="gray">{t('map.empty')}</Alert>
              ) : (
                <List spacing={4} size="sm" data-testid="map-lead-list">
                  {shown.slice(0, 200).map((lead) => (
                    <List.Item key={lead.id}>
                      <Anchor component={Link} to={`/operations/${operationId}/leads/${lead.id}`}>
                        {lead.place}, {countryName(lead.country)}
                      </Anchor>{' '}
                      · {formatDateTime(lead.observedAt)} ·{' '}
                      {`${lead.sourceReliability}${lead.informationAssessment} ${lead.handlingCode}`}
                    </List.Item>
                  ))}
                </List>
              )}
            </Paper>
          </>
        )}
      </QueryState>
    </Stack>
  );
}
