import { Button, Stack, Textarea, TextInput, Group } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError, type Schemas } from '../../../lib/api/client';
import { OFFENCES } from '../../../lib/enums';

export interface OperationFormValues {
  code: string;
  name: string;
  crimeFocus: Schemas['OffenceCategory'];
  description: string;
  nominationOpensOn: string;
  operationalStart: string;
  operationalEnd: string;
}

/** Create or edit an operation; the API's per-field problems show under their fields. */
export function OperationForm({
  initial,
  editing,
  onSubmit,
  pending,
  error,
}: {
  initial?: Partial<OperationFormValues>;
  editing?: boolean;
  onSubmit: (values: OperationFormValues) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<OperationFormValues>({
    initialValues: {
      code: '',
      name: '',
      crimeFocus: 'migrant_smuggling',
      description: '',
      nominationOpensOn: '',
      operationalStart: '',
      operationalEnd: '',
      ...initial,
    },
    validate: {
      code: (value) => (editing || /^[A-Z0-9][A-Z0-9-]{1,39}$/.test(value) ? null : t('operations.form.codeRule')),
      name: (value) => (value.trim() ? null : t('common.required')),
    },
  });
  const fieldErrors = error instanceof ApiError ? error.details : [];
  const fieldError = (field: string) => fieldErrors.find((detail) => detail.field === field)?.message;

  return (
    <form onSubmit={form.onSubmit(onSubmit)}>
      <Stack>
        <ErrorAlert error={error} />
        {!editing && (
          <TextInput
            label={t('operations.form.code')}
            description={t('operations.form.codeHint')}
            required
            {...form.getInputProps('code')}
            error={form.errors.code ?? fieldError('code')}
          />
        )}
        <TextInput
          label={t('operations.form.name')}
          required
          {...form.getInputProps('name')}
          error={form.errors.name ?? fieldError('name')}
        />
        <EnumSelect
          kind="offence"
          values={OFFENCES}
          label={t('operations.form.crimeFocus')}
          {...form.getInputProps('crimeFocus')}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('operations.form.nominationOpensOn')}
            {...form.getInputProps('nominationOpensOn')}
            error={fieldError('nominationOpensOn')}
          />
          <TextInput
            type="date"
            label={t('operations.form.operationalStart')}
            {...form.getInputProps('operationalStart')}
            error={fieldError('operationalStart')}
          />
          <TextInput
            type="date"
            label={t('operations.form.operationalEnd')}
            {...form.getInputProps('operationalEnd')}
            error={fieldError('operationalEnd')}
          />
        </Group>
        <Textarea
          label={t('operations.form.description')}
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <Button type="submit" loading={pending}>
          {editing ? t('common.save') : t('operations.create')}
        </Button>
      </Stack>
    </form>
  );
}

/** Empty date fields are sent as null (no date), not as an empty string the API would refuse. */
export function toOperationBody(values: OperationFormValues) {
  return {
    name: values.name,
    crimeFocus: values.crimeFocus,
    description: values.description,
    nominationOpensOn: values.nominationOpensOn || null,
    operationalStart: values.operationalStart || null,
    operationalEnd: values.operationalEnd || null,
  };
}
