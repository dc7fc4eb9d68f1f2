import { Button, Group, Stack, Textarea, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CountryMultiSelect } from '../../../components/country-select';
import { EnumMultiSelect, EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { ApiError, type Schemas } from '../../../lib/api/client';
import type { Network } from '../api/networks';
import { MODI_OPERANDI, NETWORK_STATUSES } from '../vocabulary';

export interface NetworkFormValues {
  name: string;
  aliases: string[];
  description: string;
  originCountries: string[];
  transitCountries: string[];
  destinationCountries: string[];
  modiOperandi: Schemas['ModusOperandi'][];
  modusOperandiNotes: string;
  status: Schemas['NetworkStatus'];
}

export const networkFormValues = (network?: Network): NetworkFormValues => ({
  name: network?.name ?? '',
  aliases: network?.aliases ?? [],
  description: network?.description ?? '',
  originCountries: network?.originCountries ?? [],
  transitCountries: network?.transitCountries ?? [],
  destinationCountries: network?.destinationCountries ?? [],
  modiOperandi: network?.modiOperandi ?? [],
  modusOperandiNotes: network?.modusOperandiNotes ?? '',
  status: network?.status ?? 'suspected',
});

/** Empty texts are sent as null (nothing known), not as an empty string. */
export const toNetworkBody = (values: NetworkFormValues): Schemas['CreateNetworkDto'] => ({
  ...values,
  name: values.name.trim(),
  description: values.description.trim() || null,
  modusOperandiNotes: values.modusOperandiNotes.trim() || null,
});

/**
 * Create or edit a network (coordinators). The route's countries keep the order they are picked in;
 * the API's per-field problems show under their fields.
 */
export function NetworkForm({
  network,
  onSubmit,
  pending,
  error,
}: {
  network?: Network;
  onSubmit: (values: NetworkFormValues) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const form = useForm<NetworkFormValues>({
    initialValues: networkFormValues(network),
    validate: { name: (value) => (value.trim() ? null : t('common.required')) },
  });
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.details.find((detail) => detail.field.startsWith(field))?.message : undefined;

  return (
    <form onSubmit={form.onSubmit(onSubmit)}>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput
          label={t('networks.form.name')}
          required
          data-autofocus
          {...form.getInputProps('name')}
          error={form.errors.name ?? fieldError('name')}
        />
        <TagsInput
          label={t('networks.form.aliases')}
          description={t('networks.form.aliasesHint')}
          {...form.getInputProps('aliases')}
          error={fieldError('aliases')}
        />
        <EnumSelect
          kind="networkStatus"
          values={NETWORK_STATUSES}
          label={t('networks.form.status')}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <Textarea label={t('networks.form.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Group grow align="flex-start">
          <CountryMultiSelect
            label={t('networks.form.origin')}
            {...form.getInputProps('originCountries')}
            error={fieldError('originCountries')}
          />
          <CountryMultiSelect
            label={t('networks.form.transit')}
            {...form.getInputProps('transitCountries')}
            error={fieldError('transitCountries')}
          />
          <CountryMultiSelect
            label={t('networks.form.destination')}
            {...form.getInputProps('destinationCountries')}
            error={fieldError('destinationCountries')}
          />
        </Group>
        <EnumMultiSelect
          kind="modusOperandi"
          values={MODI_OPERANDI}
          label={t('networks.form.modiOperandi')}
          {...form.getInputProps('modiOperandi')}
          error={fieldError('modiOperandi')}
        />
        <Textarea
          label={t('networks.form.modusOperandiNotes')}
          autosize
          minRows={2}
          {...form.getInputProps('modusOperandiNotes')}
        />
        <Button type="submit" loading={pending}>
          {network ? t('common.save') : t('networks.create')}
        </Button>
      </Stack>
    </form>
  );
}
