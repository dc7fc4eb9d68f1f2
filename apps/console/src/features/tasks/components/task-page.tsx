import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useMe } from '../../../hooks/use-me';
import { countryName } from '../../../lib/countries';
import { TASK_NEXT } from '../../../lib/enums';
import { formatDateTime } from '../../../lib/format';
import { useTask, useTaskHistory, useTaskMutations, type Task } from '../api/tasks';

export function TaskPage() {
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  return <QueryState query={task}>{(data) => <TaskView task={data} />}</QueryState>;
}

function TaskView({ task }: { task: Task }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const history = useTaskHistory(task.id);
  const { move } = useTaskMutations(task.operationId);
  const [note, setNote] = useState('');
  const base = `/operations/${task.operationId}`;
  // The assigned country works the task; coordinators may cancel it.
  const moves = TASK_NEXT[task.status].filter((next) =>
    me?.role === 'coordinator'
      ? next === 'cancelled'
      : me?.role === 'investigator' && me.country === task.assignedCountry,
  );
  return (
    <Stack>
      <PageHeader title={task.title} actions={<StatusBadge kind="taskStatus" value={task.status} />} />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Text>
            {t('tasks.type')}: {t(`enum.taskType.${task.type}`)}
          </Text>
          <Text>
            {t('tasks.country')}: {countryName(task.assignedCountry)}
          </Text>
          <Text>
            {t('tasks.due')}: {formatDateTime(task.dueAt) || '—'}{' '}
            {task.overdue && <StatusBadge kind="any" value="overdue" />}
          </Text>
          <Text>
            {t('tasks.priority')}: {t(`enum.priority.${task.priority}`)}
          </Text>
          {task.targetId && (
            <Anchor component={Link} to={`${base}/targets/${task.targetId}`}>
              {t('tasks.target')}
            </Anchor>
          )}
          {task.leadId && (
            <Anchor component={Link} to={`${base}/leads/${task.leadId}`}>
              {t('tasks.lead')}
            </Anchor>
          )}
        </SimpleGrid>
        {task.details && <Text mt="sm">{task.details}</Text>}
      </Paper>
      {moves.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm">
            {t('tasks.move')}
          </Title>
          <ErrorAlert error={move.error} />
          <Group align="flex-end">
            <TextInput label={t('target.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
            {moves.map((next) => (
              <Button
                key={next}
                color={next === 'cancelled' ? 'red' : undefined}
                loading={move.isPending}
                onClick={() =>
                  move.mutate({ taskId: task.id, to: next, version: task.version, note: note || undefined })
                }
              >
                {t(`enum.taskStatus.${next}`)}
              </Button>
            ))}
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
                  {change.fromStatus ? `${t(`enum.taskStatus.${change.fromStatus}`)} → ` : ''}
                  {t(`enum.taskStatus.${change.toStatus}`)} {change.note ? `· ${change.note}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </QueryState>
      </Paper>
    </Stack>
  );
}
