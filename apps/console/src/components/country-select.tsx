import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { countryOptions } from '../lib/countries';

/** A searchable country picker (ISO 3166-1 alpha-2 codes), optionally limited to some countries. */
export function CountrySelect({ codes, ...props }: Omit<SelectProps, 'data'> & { codes?: readonly string[] }) {
  return <Select searchable clearable data={countryOptions(codes)} {...props} />;
}

export function CountryMultiSelect({
  codes,
  ...props
}: Omit<MultiSelectProps, 'data'> & { codes?: readonly string[] }) {
  return <MultiSelect searchable clearable data={countryOptions(codes)} {...props} />;
}
