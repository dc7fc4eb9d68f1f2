import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A picker over one of the API's enumerations, with translated labels (`enum.<kind>.<value>`). */
export function EnumSelect({
  kind,
  values,
  ...props
}: Omit<SelectProps, 'data'> & { kind: string; values: readonly string[] }) {
  const { t } = useTranslation();
  return <Select data={values.map((value) => ({ value, label: t(`enum.${kind}.${value}`) }))} {...props} />;
}

export function EnumMultiSelect({
  kind,
  values,
  ...props
}: Omit<MultiSelectProps, 'data'> & { kind: string; values: readonly string[] }) {
  const { t } = useTranslation();
  return <MultiSelect data={values.map((value) => ({ value, label: t(`enum.${kind}.${value}`) }))} {...props} />;
}
