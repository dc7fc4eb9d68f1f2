import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../lib/countries';

/**
 * A country picker as the phone's own list (a native <select>): lighter than the searchable
 * CountrySelect (no Combobox code to download) and easier with a thumb; typing a name's first
 * letters still jumps to it.
 */
export function CountryNativeSelect({
  value,
  onChange,
  codes,
  ...props
}: Omit<NativeSelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
  codes?: readonly string[];
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      {...props}
      value={value ?? ''}
      onChange={(event) => onChange(event.currentTarget.value || null)}
      data={[{ value: '', label: t('field.form.choose') }, ...countryOptions(codes)]}
    />
  );
}
