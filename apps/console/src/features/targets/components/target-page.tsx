import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CountrySelect } from '../../../components/country-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useMe } from '../../../hooks/use-me';
import { useOperation } from '../../../hooks/use-operation';
import { ApiError, type Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { TARGET_NEXT } from '../../../lib/enums';
import { formatDate, formatDateTime } from '../../../lib/format';
import {
  useCompliance,
  useTarget,
  useTargetDetails,
  useTargetMutations,
  useTargetTasks,
  type Target,
} from '../api/targets';

export function TargetPage() {
  const { targetId = '' } = useParams();
  const target = useTarget(targetId);
  return (
    <QueryState query={target}>
      {(data) => <TargetView target={data} onReload={() => void target.refetch()} />}
    </QueryState>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{children || '—'}</Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function TargetView({ target, onReload }: { target: Target; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const details = useTargetDetails(target);
  const tasks = useTargetTasks(target, me?.role === 'coordinator' || me?.role === 'investigator');
  const base = `/operations/${target.operationId}`;
  return (
    <Stack>
      <PageHeader
        title={`${target.reference} · ${target.familyName.toUpperCase()}, ${target.givenNames ?? ''}`}
        actions={
          <>
            <StatusBadge kind="targetStatus" value={target.status} />
            {me?.role === 'investigator' && <ReportLeadLink target={target} />}
          </>
        }
      />
      <StatusMove target={target} onReload={onReload} />
      <Section title={t('target.identity')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Field label={t('targets.form.familyName')}>{target.familyName}</Field>
          <Field label={t('targets.form.givenNames')}>{target.givenNames}</Field>
          <Field label={t('targets.form.aliases')}>{target.aliases?.join('; ')}</Field>
          <Field label={t('targets.form.sex')}>{target.sex ? t(`enum.sex.${target.sex}`) : ''}</Field>
          <Field label={t('targets.born')}>{target.birthDate ? formatDate(target.birthDate) : target.birthYear}</Field>
          <Field label={t('target.placeOfBirth')}>
            {[target.placeOfBirth, countryName(target.countryOfBirth)].filter(Boolean).join(', ')}
          </Field>
          <Field label={t('targets.form.nationalities')}>{target.nationalities?.map(countryName).join(', ')}</Field>
          <Field label={t('target.documents')}>
            {target.identityDocuments
              ?.map((document) => `${document.type} ${document.number} (${document.issuingCountry ?? ''})`)
              .join('; ')}
          </Field>
          <Field label={t('targets.wantedBy')}>{countryName(target.wantedByCountry)}</Field>
          <Field label={t('targets.nominatedBy')}>{countryName(target.nominatingCountry)}</Field>
          <Field label={t('targets.form.offences')}>
            {target.offenceCategories?.map((offence) => t(`enum.offence.${offence}`)).join(', ')}
          </Field>
          <Field label={t('targets.form.smugglingRole')}>
            {target.smugglingRole ? t(`enum.smugglingRole.${target.smugglingRole}`) : ''}
          </Field>
          <Field label={t('targets.form.networkName')}>{target.networkName}</Field>
          <Field label={t('target.believedIn')}>{target.believedIn?.map(countryName).join(', ')}</Field>
          <Field label={t('target.located')}>
            {target.locatedAt ? `${countryName(target.locatedCountry)}, ${formatDateTime(target.locatedAt)}` : ''}
          </Field>
          <Field label={t('target.arrested')}>
            {target.arrestedAt ? `${countryName(target.arrestedCountry)}, ${formatDateTime(target.arrestedAt)}` : ''}
          </Field>
        </SimpleGrid>
      </Section>
      <Section title={t('target.warrants')}>
        <QueryState query={details.warrants}>
          {(warrants) =>
            warrants.length === 0 ? (
              <Text c="dimmed">{t('target.noWarrants')}</Text>
            ) : (
              <List>
                {warrants.map((warrant) => (
                  <List.Item key={warrant.id}>
                    {countryName(warrant.issuingCountry)} · {warrant.reference ?? t('target.noReference')} ·{' '}
                    {t(`enum.wantedFor.${warrant.wantedFor}`)}
                    {warrant.maximumPenaltyMonths != null &&
                      ` · ${t('target.maxPenalty', { months: warrant.maximumPenaltyMonths })}`}
                    {warrant.charge && ` · ${warrant.charge}`}
                  </List.Item>
                ))}
              </List>
            )
          }
        </QueryState>
      </Section>
      <Section title={t('target.requests')}>
        <QueryState query={details.requests}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('target.noRequests')}</Text>
            ) : (
              <Stack>
                {page.items.map((request) => (
                  <RequestSummary key={request.id} request={request} base={base} />
                ))}
              </Stack>
            )
          }
        </QueryState>
      </Section>
      <Section title={t('target.leads')}>
        <QueryState query={details.leads}>
          {(page) =>
            page.items.length === 0 ? (
              <Text c="dimmed">{t('target.noLeads')}</Text>
            ) : (
              <List>
                {page.items.map((lead) => (
                  <List.Item key={lead.id}>
                    <Anchor component={Link} to={`${base}/leads/${lead.id}`}>
                      {formatDateTime(lead.observedAt)} · {lead.place}, {countryName(lead.country)}
                    </Anchor>{' '}
                    <Badge variant="outline">{`${lead.sourceReliability}${lead.informationAssessment} ${lead.handlingCode}`}</Badge>{' '}
                    <StatusBadge kind="leadStatus" value={lead.status} />
                  </List.Item>
                ))}
              </List>
            )
          }
        </QueryState>
      </Section>
      {(me?.role === 'coordinator' || me?.role === 'investigator') && (
        <Section title={t('target.tasks')}>
          <QueryState query={tasks}>
            {(page) =>
              page.items.length === 0 ? (
                <Text c="dimmed">{t('target.noTasks')}</Text>
              ) : (
                <List>
                  {page.items.map((task) => (
                    <List.Item key={task.id}>
                      <Anchor component={Link} to={`${base}/tasks/${task.id}`}>
                        {task.title}
                      </Anchor>{' '}
                      · {countryName(task.assignedCountry)} <StatusBadge kind="taskStatus" value={task.status} />
                    </List.Item>
                  ))}
                </List>
              )
            }
          </QueryState>
        </Section>
      )}
      <Section title={t('target.history')}>
        <QueryState query={details.history}>
          {(changes) => (
            <Table.ScrollContainer minWidth={560}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('target.when')}</Table.Th>
                    <Table.Th>{t('target.change')}</Table.Th>
                    <Table.Th>{t('target.where')}</Table.Th>
                    <Table.Th>{t('target.who')}</Table.Th>
                    <Table.Th>{t('target.note')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changes.map((change) => (
                    <Table.Tr key={change.id}>
                      <Table.Td>{formatDateTime(change.occurredAt)}</Table.Td>
                      <Table.Td>
                        {change.fromStatus ? `${t(`enum.targetStatus.${change.fromStatus}`)} → ` : ''}
                        {t(`enum.targetStatus.${change.toStatus}`)}
                      </Table.Td>
                      <Table.Td>{countryName(change.country)}</Table.Td>
                      <Table.Td>
                        {t(`enum.role.${change.actorRole}`, { defaultValue: change.actorRole })}{' '}
                        {change.actorCountry ?? ''}
                      </Table.Td>
                      <Table.Td>{change.note}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </Section>
    </Stack>
  );
}

function RequestSummary({ request, base }: { request: Schemas['NoticeRequestDto']; base: string }) {
  const { t } = useTranslation();
  const checkable = request.type === 'red' && ['draft', 'info_requested'].includes(request.status);
  const compliance = useCompliance(request.id, checkable);
  return (
    <div>
      <Group gap="xs">
        <Anchor component={Link} to={`${base}/notice-requests/${request.id}`}>
          {t(`enum.requestType.${request.type}`)} · {countryName(request.requestingCountry)}
        </Anchor>
        <StatusBadge kind="requestStatus" value={request.status} />
        {request.reference && <Text size="sm">{request.reference}</Text>}
      </Group>
      {checkable && compliance.data && (
        <Alert
          mt="xs"
          color={compliance.data.compliant ? 'green' : 'orange'}
          title={compliance.data.compliant ? t('notices.compliant') : t('notices.missing')}
        >
          {compliance.data.problems.length > 0 && (
            <List size="sm">
              {compliance.data.problems.map((problem) => (
                <List.Item key={`${problem.field}:${problem.message}`}>{problem.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </div>
  );
}

/** Moves the target along its workflow, sending the version read; a stale one explains and offers a reload. */
function StatusMove({ target, onReload }: { target: Target; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const { move } = useTargetMutations(target.operationId);
  const [status, setStatus] = useState<string | null>(null);
  // Where it happened: the investigator's own country, or where the target was located.
  const [chosenCountry, setCountry] = useState<string | null>(null);
  const country = chosenCountry ?? me?.country ?? target.locatedCountry ?? null;
  const [note, setNote] = useState('');
  const [place, setPlace] = useState('');
  const [at, setAt] = useState('');
  let moves = TARGET_NEXT[target.status];
  if (me?.role === 'investigator') moves = moves.filter((next) => next === 'located' || next === 'arrested');
  if (me?.role !== 'coordinator' && me?.role !== 'investigator') moves = [];
  if (moves.length === 0) return null;
  const needsCountry = status === 'located' || status === 'arrested';
  const stale =
    move.error instanceof ApiError && move.error.status === 409 && /version|changed/i.test(move.error.message);

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {t('target.move')}
      </Title>
      {stale ? (
        <Alert color="orange" role="alert" title={t('target.staleTitle')} mb="sm">
          <Text size="sm">{t('target.stale', { version: target.version })}</Text>
          <Button
            mt="xs"
            size="xs"
            onClick={() => {
              move.reset();
              setStatus(null);
              onReload();
            }}
          >
            {t('target.reload')}
          </Button>
        </Alert>
      ) : (
        <ErrorAlert error={move.error} />
      )}
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('target.newStatus')}
          data={moves.map((value) => ({ value, label: t(`enum.targetStatus.${value}`) }))}
          value={status}
          onChange={setStatus}
          allowDeselect={false}
        />
        {needsCountry && <CountrySelect label={t('target.where')} value={country} onChange={setCountry} />}
        {needsCountry && (
          <TextInput
            label={t('target.place')}
            value={place}
            onChange={(event) => setPlace(event.currentTarget.value)}
          />
        )}
        {needsCountry && (
          <TextInput
            type="datetime-local"
            label={t('target.at')}
            description={t('target.atHint')}
            value={at}
            onChange={(event) => setAt(event.currentTarget.value)}
          />
        )}
        <TextInput label={t('target.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
        <Button
          disabled={!status}
          loading={move.isPending}
          onClick={() =>
            move.mutate(
              {
                targetId: target.id,
                status: status as Schemas['TargetStatus'],
                version: target.version,
                country: needsCountry ? (country ?? undefined) : undefined,
                at: needsCountry && at ? new Date(at).toISOString() : undefined,
                // The status history has no place of its own: the place leads the note.
                note: [needsCountry ? place.trim() : '', note.trim()].filter(Boolean).join(' — ') || undefined,
              },
              { onSuccess: () => (setStatus(null), setNote(''), setPlace(''), setAt('')) },
            )
          }
        >
          {t('target.apply')}
        </Button>
      </Group>
    </Paper>
  );
}

/** An investigator reports a lead on this target from the field form (while the operation takes leads). */
function ReportLeadLink({ target }: { target: Target }) {
  const { t } = useTranslation();
  const status = useOperation(target.operationId).data?.status;
  if (status !== 'active' && status !== 'follow_up') return null;
  return (
    <Button component={Link} to={`/report/${target.operationId}/${target.id}`} size="sm">
      {t('target.reportLead')}
    </Button>
  );
}
