import { Group, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { QueryState } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { useMe } from '../hooks/use-me';
import { useOperation } from '../hooks/use-operation';

/** An operation's pages under one heading, with tabs between them. */
export function OperationLayout() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const operation = useOperation(operationId);
  const role = useMe().data?.role;
  const location = useLocation();
  const navigate = useNavigate();
  const base = `/operations/${operationId}`;
  const tabs = [
    { value: 'board', label: t('operation.tabs.board') },
    { value: 'targets', label: t('operation.tabs.targets') },
    { value: 'map', label: t('operation.tabs.map') },
    ...(role === 'coordinator' || role === 'investigator'
      ? [{ value: 'tasks', label: t('operation.tabs.tasks') }]
      : []),
    { value: 'networks', label: t('operation.tabs.networks') },
    ...(role === 'coordinator' ? [{ value: 'duplicates', label: t('operation.tabs.duplicates') }] : []),
    ...(role === 'coordinator' || role === 'investigator'
      ? [{ value: 'import', label: t('operation.tabs.import') }]
      : []),
    ...(role === 'coordinator' || role === 'investigator'
      ? [{ value: 'exports', label: t('operation.tabs.exports') }]
      : []),
    { value: 'settings', label: t('operation.tabs.settings') },
  ];
  const section = location.pathname.slice(base.length + 1).split('/')[0] ?? '';
  const active = ['leads', 'notice-requests'].includes(section) ? null : section || 'board';

  return (
    <QueryState query={operation}>
      {(data) => (
        <>
          <Group gap="sm" mb="xs">
            <Text fw={600} c="dimmed">
              {data.code} · {data.name}
            </Text>
            <StatusBadge kind="operationStatus" value={data.status} />
          </Group>
          <Tabs
            value={active}
            onChange={(value) => navigate(value && value !== 'board' ? `${base}/${value}` : base)}
            mb="md"
          >
            <Tabs.List aria-label={t('operation.tabs.label')}>
              {tabs.map((tab) => (
                <Tabs.Tab key={tab.value} value={tab.value}>
                  {tab.label}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <Outlet />
        </>
      )}
    </QueryState>
  );
}
