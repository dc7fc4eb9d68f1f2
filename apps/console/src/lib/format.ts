import { i18n } from './i18n';

const locale = () => i18n.language || 'en';

export function formatNumber(value: number | null | undefined): string {
  return value == null ? '' : new Intl.NumberFormat(locale()).format(value);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(value));
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

export function formatBytes(value: number | null | undefined): string {
  if (value == null) return '';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let size = value;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  // Bytes spelled out ("326 bytes": the short form is "326 byte"), larger units short ("1.2 MB").
  return new Intl.NumberFormat(locale(), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(size);
}
