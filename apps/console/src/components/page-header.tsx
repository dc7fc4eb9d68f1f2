import { Group, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** The page's one h1, its actions, and the browser tab's title. */
export function PageHeader({ title, actions, level = 1 }: { title: string; actions?: ReactNode; level?: 1 | 2 }) {
  useEffect(() => {
    if (level === 1) document.title = `${title} · Dragnet`;
  }, [title, level]);
  return (
    <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
      <Title order={level}>{title}</Title>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
