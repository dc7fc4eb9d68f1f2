import { Alert, Button, Radio, Stack, Text, Textarea, TextInput, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountryMultiSelect, CountrySelect } from '../../../components/country-select';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { useParticipants } from '../../../hooks/use-operation';
import type { Schemas } from '../../../lib/api/client';
import { PRIORITIES, TASK_TYPES } from '../../../lib/enums';
import { formatNumber } from '../../../lib/format';
import { useAcceptedTargetCount, useTaskMutations } from '../api/tasks';

interface Common {
  type: Schemas['TaskType'];
  title: string;
  details: string;
  priority: Schemas['Priority'];
  dueAt: string;
}

function CommonFields({ value, onChange }: { value: Common; onChange: (value: Common) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <EnumSelect
        kind="taskType"
        values={TASK_TYPES}
        label={t('tasks.type')}
        value={value.type}
        onChange={(type) => onChange({ ...value, type: (type ?? 'other') as Schemas['TaskType'] })}
      />
      <TextInput
        label={t('tasks.taskTitle')}
        required
        value={value.title}
        onChange={(event) => onChange({ ...value, title: event.currentTarget.value })}
      />
      <Textarea
        label={t('tasks.details')}
        value={value.details}
        onChange={(event) => onChange({ ...value, details: event.currentTarget.value })}
      />
      <Group grow>
        <EnumSelect
          kind="priority"
          values={PRIORITIES}
          label={t('tasks.priority')}
          value={value.priority}
          onChange={(priority) => onChange({ ...value, priority: (priority ?? 'medium') as Schemas['Priority'] })}
        />
        <TextInput
          type="datetime-local"
          label={t('tasks.due')}
          value={value.dueAt}
          onChange={(event) => onChange({ ...value, dueAt: event.currentTarget.value })}
        />
      </Group>
    </>
  );
}

const emptyCommon: Common = { type: 'check_records', title: '', details: '', priority: 'medium', dueAt: '' };
const dueAt = (value: string) => (value ? new Date(value).toISOString() : null);

export function CreateTaskForm({ operationId, onDone }: { operationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const participants = useParticipants(operationId).data?.map((participant) => participant.country);
  const { create } = useTaskMutations(operationId);
  const [common, setCommon] = useState(emptyCommon);
  const [country, setCountry] = useState<string | null>(null);
  return (
    <Stack>
      <ErrorAlert error={create.error} />
      <CountrySelect label={t('tasks.country')} codes={participants} required value={country} onChange={setCountry} />
      <CommonFields value={common} onChange={setCommon} />
      <Button
        loading={create.isPending}
        onClick={() =>
          create.mutate(
            { ...common, dueAt: dueAt(common.dueAt), assignedCountry: country ?? '' },
            { onSuccess: onDone },
          )
        }
      >
        {t('tasks.create')}
      </Button>
    </Stack>
  );
}

/** Many countries × many targets in one request, with the number of tasks stated before sending. */
export function BulkTaskForm({ operationId, onDone }: { operationId: string; onDone: (created: number) => void }) {
  const { t } = useTranslation();
  const participants = useParticipants(operationId).data?.map((participant) => participant.country) ?? [];
  const { bulk } = useTaskMutations(operationId);
  const [common, setCommon] = useState(emptyCommon);
  const [countryMode, setCountryMode] = useState<'all' | 'some'>('all');
  const [countries, setCountries] = useState<string[]>([]);
  const [targetMode, setTargetMode] = useState<'all-accepted' | 'none'>('all-accepted');
  const accepted = useAcceptedTargetCount(operationId, targetMode === 'all-accepted');
  const countryCount = countryMode === 'all' ? participants.length : countries.length;
  const count = countryCount * (targetMode === 'all-accepted' ? (accepted.data ?? 0) : 1);

  return (
    <Stack>
      <ErrorAlert error={bulk.error} />
      <Radio.Group
        label={t('tasks.bulkCountries')}
        value={countryMode}
        onChange={(value) => setCountryMode(value as 'all' | 'some')}
      >
        <Group mt={4}>
          <Radio value="all" label={t('tasks.allCountries', { count: participants.length })} />
          <Radio value="some" label={t('tasks.someCountries')} />
        </Group>
      </Radio.Group>
      {countryMode === 'some' && (
        <CountryMultiSelect
          label={t('tasks.countries')}
          codes={participants}
          value={countries}
          onChange={setCountries}
        />
      )}
      <Radio.Group
        label={t('tasks.bulkTargets')}
        value={targetMode}
        onChange={(value) => setTargetMode(value as 'all-accepted' | 'none')}
      >
        <Group mt={4}>
          <Radio value="all-accepted" label={t('tasks.allAccepted', { count: accepted.data ?? 0 })} />
          <Radio value="none" label={t('tasks.noTarget')} />
        </Group>
      </Radio.Group>
      <CommonFields value={common} onChange={setCommon} />
      <Alert color="blue" data-testid="bulk-count">
        <Text>{t('tasks.bulkCount', { count, tasks: formatNumber(count), countries: countryCount })}</Text>
      </Alert>
      <Button
        loading={bulk.isPending}
        disabled={count === 0}
        onClick={() =>
          bulk.mutate(
            {
              ...common,
              dueAt: dueAt(common.dueAt),
              countries: countryMode === 'all' ? 'all' : countries,
              targetIds: targetMode === 'all-accepted' ? 'all-accepted' : undefined,
            },
            { onSuccess: (result) => onDone(result.created) },
          )
        }
      >
        {t('tasks.bulkSend', { count })}
      </Button>
    </Stack>
  );
}
