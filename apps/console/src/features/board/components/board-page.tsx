import { Anchor, Badge, Button, Card, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useRole } from '../../../hooks/use-me';
import { countryName } from '../../../lib/countries';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useFigures, useFiguresHistory, useRecentLeads, useRefreshFigures, type Figures } from '../api/figures';
import { useLiveFeed, type LiveEvent } from '../hooks/use-live-feed';
import { withLiveChanges } from '../live-figures';

const FiguresHistoryChart = lazy(() =>
  import('./figures-history-chart').then((module) => ({ default: module.FiguresHistoryChart })),
);

/** The coordinator's main screen: where the operation stands, per country, and what just happened. */
export function BoardPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const figures = useFigures(operationId);
  const refresh = useRefreshFigures(operationId);
  const feed = useLiveFeed(operationId);
  const coordinator = useRole() === 'coordinator';

  return (
    <Stack>
      <PageHeader
        title={t('board.title')}
        actions={
          coordinator && (
            <Button variant="light" onClick={() => refresh.mutate()} loading={refresh.isPending}>
              {t('board.refresh')}
            </Button>
          )
        }
      />
      <ErrorAlert error={refresh.error} />
      <QueryState query={figures}>
        {(data) => <FiguresView operationId={operationId} {...withLiveChanges(data, feed.events)} />}
      </QueryState>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <HistoryPanel operationId={operationId} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <LiveFeedPanel operationId={operationId} events={feed.events} state={feed.state} />
        </Grid.Col>
      </Grid>
      <RecentLeads operationId={operationId} />
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: number | undefined; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={`figure-${label}`}>
        {formatNumber(value ?? 0)}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function FiguresView({ operationId, figures, applied }: { operationId: string; figures: Figures; applied: number }) {
  const { t } = useTranslation();
  const totals = figures.totals;
  return (
    <Stack>
      <Paper withBorder p="md" bg="indigo.0">
        <Text fw={700} fz="lg" data-testid="headline">
          {t('board.headline', {
            arrested: t('board.headlineArrested', { count: figures.headline.arrested }),
            located: t('board.headlineLocated', { count: figures.headline.located }),
            countries: t('board.headlineCountries', { count: figures.headline.countries }),
          })}
        </Text>
        <Text size="sm" c="dimmed">
          {figures.final
            ? t('board.final', { at: formatDateTime(figures.computedAt) })
            : t('board.computedAt', { at: formatDateTime(figures.computedAt) })}
          {applied > 0 && ` · ${t('board.liveChanges', { count: applied })}`}
        </Text>
      </Paper>
      {totals && (
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="sm">
          <Figure label={t('board.targets')} value={totals.targets} />
          <Figure label={t('board.arrested')} value={totals.arrested} />
          <Figure label={t('board.located')} value={totals.located} />
          <Figure label={t('board.stillAtLarge')} value={totals.stillAtLarge} />
          <Figure
            label={t('board.leads')}
            value={totals.leads.total}
            hint={t('board.last24', { count: totals.leads.last24Hours })}
          />
          <Figure label={t('board.openTasks')} value={totals.tasks.open} />
          <Figure label={t('board.overdueTasks')} value={totals.tasks.overdue} />
          {figures.failedReminders !== undefined && (
            <Figure label={t('board.failedReminders')} value={figures.failedReminders} />
          )}
        </SimpleGrid>
      )}
      {/* Investigators see their own country's gradings: their row is their whole view. */}
      {(totals?.leads.byGrading ??
        (figures.countries.length === 1 ? figures.countries[0].leads.byGrading : undefined)) && (
        <GradingTable byGrading={(totals?.leads.byGrading ?? figures.countries[0].leads.byGrading)!} />
      )}
      {figures.countries.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm">
            {t('board.perCountry')}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table striped data-testid="per-country">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('board.country')}</Table.Th>
                  <Table.Th ta="end">{t('board.nominated')}</Table.Th>
                  <Table.Th ta="end">{t('board.wanted')}</Table.Th>
                  <Table.Th ta="end">{t('board.arrestedIn')}</Table.Th>
                  <Table.Th ta="end">{t('board.locatedIn')}</Table.Th>
                  <Table.Th ta="end">{t('board.stillAtLarge')}</Table.Th>
                  <Table.Th ta="end">{t('board.leadsReported')}</Table.Th>
                  <Table.Th>{t('board.byGrading')}</Table.Th>
                  <Table.Th ta="end">{t('board.openTasks')}</Table.Th>
                  <Table.Th ta="end">{t('board.overdueTasks')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.countries.map((country) => (
                  <Table.Tr key={country.country}>
                    <Table.Td>
                      <Anchor component={Link} to={`/operations/${operationId}/targets?wantedBy=${country.country}`}>
                        {countryName(country.country)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="end">{formatNumber(country.targetsNominated)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.targetsWanted)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.arrestedIn)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.locatedIn)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.stillAtLargeWantedBy)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.leads.total)}</Table.Td>
                    <Table.Td data-testid={`grading-${country.country}`}>
                      {gradingSummary(country.leads.byGrading) || t('board.gradingNone')}
                    </Table.Td>
                    <Table.Td ta="end">{formatNumber(country.tasks.open)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(country.tasks.overdue)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}

type Gradings = NonNullable<Figures['countries'][number]['leads']['byGrading']>;
const SOURCES = ['A', 'B', 'C', 'X'] as const;
const INFORMATION = ['1', '2', '3', '4'] as const;

/** A country's gradings in a cell: the gradings it has, most common first (`B2 12 · A1 3`). */
function gradingSummary(byGrading: Gradings | undefined): string {
  if (!byGrading) return '';
  return Object.entries(byGrading)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([grading, count]) => `${grading} ${formatNumber(count)}`)
    .join(' · ');
}

/** Europol's 4x4: leads per source reliability (rows) and information assessment (columns). */
function GradingTable({ byGrading }: { byGrading: Gradings }) {
  const { t } = useTranslation();
  const cell = (source: string, information: string) => byGrading[`${source}${information}` as keyof Gradings] ?? 0;
  const rowTotal = (source: string) => INFORMATION.reduce((sum, information) => sum + cell(source, information), 0);
  const columnTotal = (information: string) => SOURCES.reduce((sum, source) => sum + cell(source, information), 0);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('board.byGrading')}
      </Title>
      <Table.ScrollContainer minWidth={760}>
        <Table data-testid="leads-by-grading" withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('board.gradingSource')}</Table.Th>
              {INFORMATION.map((information) => (
                <Table.Th key={information} ta="end">
                  {t(`grading.information.${information}`)}
                </Table.Th>
              ))}
              <Table.Th ta="end">{t('board.gradingTotal')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SOURCES.map((source) => (
              <Table.Tr key={source}>
                <Table.Th scope="row" fw={500}>
                  {t(`grading.source.${source}`)}
                </Table.Th>
                {INFORMATION.map((information) => (
                  <Table.Td key={information} ta="end" data-testid={`grading-cell-${source}${information}`}>
                    {formatNumber(cell(source, information))}
                  </Table.Td>
                ))}
                <Table.Td ta="end" fw={600}>
                  {formatNumber(rowTotal(source))}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('board.gradingTotal')}</Table.Th>
              {INFORMATION.map((information) => (
                <Table.Td key={information} ta="end" fw={600}>
                  {formatNumber(columnTotal(information))}
                </Table.Td>
              ))}
              <Table.Td ta="end" fw={700}>
                {formatNumber(SOURCES.reduce((sum, source) => sum + rowTotal(source), 0))}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function HistoryPanel({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const history = useFiguresHistory(operationId);
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={2} size="h3" mb="sm">
        {t('board.history')}
      </Title>
      <QueryState query={history}>
        {(snapshots) =>
          snapshots.length < 2 ? (
            <Text c="dimmed">{t('board.historyEmpty')}</Text>
          ) : (
            <Suspense fallback={null}>
              <FiguresHistoryChart history={snapshots} />
            </Suspense>
          )
        }
      </QueryState>
    </Paper>
  );
}

function LiveFeedPanel({ operationId, events, state }: { operationId: string; events: LiveEvent[]; state: string }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {t('board.liveFeed')}
        </Title>
        <Badge color={state === 'open' ? 'green' : 'gray'} variant="dot">
          {t(`board.feedState.${state}`)}
        </Badge>
      </Group>
      <Stack gap={4} mah={260} style={{ overflow: 'auto' }} aria-live="polite" data-testid="live-feed">
        {events.length === 0 && <Text c="dimmed">{t('board.feedEmpty')}</Text>}
        {events.map((event) => (
          <Text key={event.id} size="sm">
            <Text span c="dimmed" size="xs">
              {formatDateTime(event.at)}
            </Text>{' '}
            <EventLink operationId={operationId} event={event} />
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

function EventLink({ operationId, event }: { operationId: string; event: LiveEvent }) {
  const { t } = useTranslation();
  const data = event.data;
  const base = `/operations/${operationId}`;
  const to = event.type.startsWith('lead.')
    ? `${base}/leads/${data.id}`
    : event.type.startsWith('task.')
      ? `${base}/tasks/${data.id}`
      : `${base}/targets/${data.id}`;
  return (
    <Anchor component={Link} to={to} size="sm">
      {t(`board.event.${event.type}`, {
        country: String(data.reportingCountry ?? data.assignedCountry ?? ''),
        place: String(data.place ?? ''),
        title: String(data.title ?? ''),
        reference: String(data.reference ?? ''),
        status: t(`enum.any.${String(data.status ?? '')}`, { defaultValue: String(data.status ?? '') }),
      })}
    </Anchor>
  );
}

function RecentLeads({ operationId }: { operationId: string }) {
  const { t } = useTranslation();
  const leads = useRecentLeads(operationId);
  if (leads.isError) return null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('board.recentLeads')}
      </Title>
      <QueryState query={leads}>
        {(page) => (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('leads.observedAt')}</Table.Th>
                  <Table.Th>{t('leads.place')}</Table.Th>
                  <Table.Th>{t('leads.reportingCountry')}</Table.Th>
                  <Table.Th>{t('leads.grading')}</Table.Th>
                  <Table.Th>{t('leads.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((lead) => (
                  <Table.Tr key={lead.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/operations/${operationId}/leads/${lead.id}`}>
                        {formatDateTime(lead.observedAt)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {lead.place}, {countryName(lead.country)}
                    </Table.Td>
                    <Table.Td>{countryName(lead.reportingCountry)}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline">{`${lead.sourceReliability}${lead.informationAssessment} ${lead.handlingCode}`}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge kind="leadStatus" value={lead.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {page.items.length === 0 && <Text c="dimmed">{t('board.noLeads')}</Text>}
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Paper>
  );
}
