import { Button, Group, NumberInput, SimpleGrid, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CountryMultiSelect, CountrySelect } from '../../../components/country-select';
import { EnumMultiSelect, EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { useMe } from '../../../hooks/use-me';
import { useParticipants } from '../../../hooks/use-operation';
import { ApiError, type Schemas } from '../../../lib/api/client';
import { OFFENCES, PRIORITIES, SEXES, SMUGGLING_ROLES } from '../../../lib/enums';
import { useTargetMutations } from '../api/targets';

interface Values {
  familyName: string;
  givenNames: string;
  aliases: string[];
  sex: Schemas['Sex'];
  birthDate: string;
  birthYear: number | string;
  nationalities: string[];
  nominatingCountry: string | null;
  wantedByCountry: string | null;
  offenceCategories: Schemas['OffenceCategory'][];
  smugglingRole: Schemas['SmugglingRole'] | null;
  priority: Schemas['Priority'];
  nominatingReference: string;
  networkName: string;
  documentType: string;
  documentNumber: string;
  documentIssuingCountry: string | null;
}

/** Nominates a target; the domain's rules come back per field (400 `details`) and show under each. */
export function NominateForm({ operationId, onDone }: { operationId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const participants = useParticipants(operationId).data?.map((participant) => participant.country);
  const { nominate } = useTargetMutations(operationId);
  const form = useForm<Values>({
    initialValues: {
      familyName: '',
      givenNames: '',
      aliases: [],
      sex: 'U',
      birthDate: '',
      birthYear: '',
      nationalities: [],
      nominatingCountry: me?.country ?? null,
      wantedByCountry: me?.country ?? null,
      offenceCategories: ['migrant_smuggling'],
      smugglingRole: null,
      priority: 'medium',
      nominatingReference: '',
      networkName: '',
      documentType: '',
      documentNumber: '',
      documentIssuingCountry: null,
    },
    validate: {
      familyName: (value) => (value.trim() ? null : t('common.required')),
      wantedByCountry: (value) => (value ? null : t('common.required')),
      nominatingCountry: (value) => (me?.role !== 'coordinator' || value ? null : t('common.required')),
      documentNumber: (value, values) =>
        values.documentType && !value ? t('targets.form.documentNumberRequired') : null,
    },
  });

  function submit(values: Values) {
    const body: Schemas['CreateTargetDto'] = {
      familyName: values.familyName.trim(),
      givenNames: values.givenNames.trim() || undefined,
      aliases: values.aliases,
      sex: values.sex,
      birthDate: values.birthDate || null,
      birthYear: values.birthYear === '' ? null : Number(values.birthYear),
      nationalities: values.nationalities,
      nominatingCountry: values.nominatingCountry ?? undefined,
      wantedByCountry: values.wantedByCountry ?? '',
      offenceCategories: values.offenceCategories,
      smugglingRole: values.smugglingRole,
      priority: values.priority,
      nominatingReference: values.nominatingReference || null,
      networkName: values.networkName || null,
      identityDocuments: values.documentType
        ? [{ type: values.documentType, number: values.documentNumber, issuingCountry: values.documentIssuingCountry }]
        : [],
    };
    nominate.mutate(body, {
      onSuccess: onDone,
      onError: (error) => {
        if (!(error instanceof ApiError)) return;
        // `identityDocuments.0.number` shows under the document number field, and so on.
        const fieldOf = (field: string) =>
          field.startsWith('identityDocuments')
            ? `document${field
                .split('.')
                .pop()!
                .replace(/^./, (letter) => letter.toUpperCase())}`
            : field;
        form.setErrors(Object.fromEntries(error.details.map((detail) => [fieldOf(detail.field), detail.message])));
      },
    });
  }

  const shownErrors = nominate.error instanceof ApiError && nominate.error.details.length > 0 ? null : nominate.error;
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <ErrorAlert error={shownErrors} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('targets.form.familyName')} required {...form.getInputProps('familyName')} />
          <TextInput label={t('targets.form.givenNames')} {...form.getInputProps('givenNames')} />
          <TagsInput
            label={t('targets.form.aliases')}
            description={t('targets.form.aliasesHint')}
            {...form.getInputProps('aliases')}
          />
          <EnumSelect kind="sex" values={SEXES} label={t('targets.form.sex')} {...form.getInputProps('sex')} />
          <TextInput type="date" label={t('targets.form.birthDate')} {...form.getInputProps('birthDate')} />
          <NumberInput label={t('targets.form.birthYear')} min={1900} max={2100} {...form.getInputProps('birthYear')} />
          <CountryMultiSelect label={t('targets.form.nationalities')} {...form.getInputProps('nationalities')} />
          {me?.role === 'coordinator' && (
            <CountrySelect
              label={t('targets.form.nominatingCountry')}
              codes={participants}
              required
              {...form.getInputProps('nominatingCountry')}
            />
          )}
          <CountrySelect label={t('targets.form.wantedBy')} required {...form.getInputProps('wantedByCountry')} />
          <EnumMultiSelect
            kind="offence"
            values={OFFENCES}
            label={t('targets.form.offences')}
            {...form.getInputProps('offenceCategories')}
          />
          <EnumSelect
            kind="smugglingRole"
            values={SMUGGLING_ROLES}
            label={t('targets.form.smugglingRole')}
            clearable
            {...form.getInputProps('smugglingRole')}
          />
          <EnumSelect
            kind="priority"
            values={PRIORITIES}
            label={t('targets.form.priority')}
            {...form.getInputProps('priority')}
          />
          <TextInput label={t('targets.form.nominatingReference')} {...form.getInputProps('nominatingReference')} />
          <TextInput label={t('targets.form.networkName')} {...form.getInputProps('networkName')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('targets.form.documentType')} {...form.getInputProps('documentType')} />
          <TextInput label={t('targets.form.documentNumber')} {...form.getInputProps('documentNumber')} />
          <CountrySelect
            label={t('targets.form.documentIssuingCountry')}
            {...form.getInputProps('documentIssuingCountry')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={nominate.isPending}>
            {t('targets.nominate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
