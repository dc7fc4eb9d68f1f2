import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const COLOURS: Record<string, string> = {
  planning: 'gray',
  nomination: 'blue',
  active: 'green',
  follow_up: 'yellow',
  closed: 'dark',
  nominated: 'blue',
  accepted: 'cyan',
  rejected: 'gray',
  located: 'orange',
  arrested: 'green',
  open: 'blue',
  acknowledged: 'cyan',
  in_progress: 'yellow',
  done: 'green',
  cancelled: 'gray',
  new: 'blue',
  queued: 'gray',
  running: 'yellow',
  ready: 'green',
  failed: 'red',
  expired: 'gray',
  high: 'red',
  medium: 'yellow',
  low: 'gray',
};

/** A workflow state, translated (`enum.<kind>.<value>`) and coloured the same way everywhere. */
export function StatusBadge({ kind, value }: { kind: string; value: string }) {
  const { t } = useTranslation();
  return <StatusBadgeLabel value={value} label={statusLabel(t, kind, value)} />;
}

/** A workflow state's name in the user's language (`enum.<kind>.<value>`), the value itself if none. */
export function statusLabel(t: TFunction, kind: string, value: string): string {
  return t(`enum.${kind}.${value}`, { defaultValue: value });
}

/**
 * The badge with a label translated by the caller: for long lists, whose rows would otherwise each
 * subscribe to the language (useTranslation in every badge was a large part of a scroll step).
 */
export function StatusBadgeLabel({ value, label }: { value: string; label: string }) {
  return (
    <Badge color={COLOURS[value] ?? 'gray'} variant="dot">
      {label}
    </Badge>
  );
}
