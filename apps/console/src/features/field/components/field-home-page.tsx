import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useMe } from '../../../hooks/use-me';
import { countryName } from '../../../lib/countries';
import { formatDateTime } from '../../../lib/format';
import {
  NEXT_STEP,
  useCountryTargets,
  useCountryTasks,
  useMyOperations,
  useTaskStep,
  type Operation,
  type Target,
  type Task,
} from '../api/field';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** An investigator's start page: its country's operations, urgent tasks and targets, on a phone. */
export function FieldHomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const operations = useMyOperations();
  const country = me?.country ?? '';
  return (
    <Stack gap="lg" maw={720}>
      <PageHeader title={t('field.home.title', { country: countryName(country) })} />
      <QueryState query={operations}>
        {(page) => (
          <>
            <TaskSection operations={page.items} />
            <Section title={t('field.home.operations')}>
              {page.items.length === 0 && <Text c="dimmed">{t('field.home.noOperations')}</Text>}
              {page.items.map((operation) => (
                <Paper key={operation.id} withBorder p="sm">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Anchor component={Link} to={`/operations/${operation.id}`} fw={600}>
                      {operation.code} · {operation.name}
                    </Anchor>
                    <StatusBadge kind="operationStatus" value={operation.status} />
                  </Group>
                </Paper>
              ))}
            </Section>
            {page.items.map((operation) => (
              <TargetSection key={operation.id} operation={operation} country={country} />
            ))}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function TaskSection({ operations }: { operations: Operation[] }) {
  const { t } = useTranslation();
  const { tasks, pending, error } = useCountryTasks(operations);
  const step = useTaskStep();
  const codes = new Map(operations.map((operation) => [operation.id, operation.code]));
  return (
    <Section title={t('field.home.tasks')}>
      <ErrorAlert error={error ?? step.error} />
      {!pending && tasks.length === 0 && <Text c="dimmed">{t('field.home.noTasks')}</Text>}
      {tasks.map((task) => (
        <TaskCard
          key={task.id}
          task={task}
          code={codes.get(task.operationId) ?? ''}
          onStep={() => step.mutate(task)}
          stepping={step.isPending && step.variables?.id === task.id}
        />
      ))}
    </Section>
  );
}

function TaskCard({
  task,
  code,
  onStep,
  stepping,
}: {
  task: Task;
  code: string;
  onStep: () => void;
  stepping: boolean;
}) {
  const { t } = useTranslation();
  const next = NEXT_STEP[task.status];
  return (
    <Paper withBorder p="sm" data-testid="field-task">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to={`/operations/${task.operationId}/tasks/${task.id}`} fw={600}>
          {task.title}
        </Anchor>
        <Group gap={4}>
          {task.overdue && (
            <Badge color="red" variant="filled">
              {t('enum.any.overdue')}
            </Badge>
          )}
          <StatusBadge kind="taskStatus" value={task.status} />
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {code} · {t(`enum.taskType.${task.type}`)}
        {task.dueAt && ` · ${t('field.home.due', { at: formatDateTime(task.dueAt) })}`}
      </Text>
      {next && (
        <Button
          mt="xs"
          size="sm"
          onClick={onStep}
          loading={stepping}
          aria-label={t(`field.step.${next}Named`, { title: task.title })}
        >
          {t(`field.step.${next}`)}
        </Button>
      )}
    </Paper>
  );
}

function TargetSection({ operation, country }: { operation: Operation; country: string }) {
  const { t } = useTranslation();
  const targets = useCountryTargets(operation, country);
  const reporting = operation.status === 'active' || operation.status === 'follow_up';
  const card = (target: Target) => (
    <Paper key={target.id} withBorder p="sm" data-testid="field-target">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor component={Link} to={`/operations/${operation.id}/targets/${target.id}`} fw={600}>
          {target.reference} · {target.familyName.toUpperCase()} {target.givenNames ?? ''}
        </Anchor>
        <StatusBadge kind="targetStatus" value={target.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('field.home.wantedBy', { country: countryName(target.wantedByCountry) })}
      </Text>
      {reporting && (
        <Button
          component={Link}
          to={`/report/${operation.id}/${target.id}`}
          mt="xs"
          size="sm"
          variant="light"
          aria-label={t('field.home.reportOn', { reference: target.reference })}
        >
          {t('field.home.report')}
        </Button>
      )}
    </Paper>
  );
  return (
    <Section title={t('field.home.targets', { code: operation.code })}>
      <QueryState query={targets}>
        {({ wanted, wantedTotal, reported }) => (
          <>
            <Title order={3} size="h5">
              {t('field.home.wanted', { count: wantedTotal })}
            </Title>
            {wanted.length === 0 && <Text c="dimmed">{t('field.home.noTargets')}</Text>}
            {wanted.map(card)}
            {reported.length > 0 && (
              <>
                <Title order={3} size="h5">
                  {t('field.home.reportedHere')}
                </Title>
                {reported.map(card)}
              </>
            )}
          </>
        )}
      </QueryState>
    </Section>
  );
}
