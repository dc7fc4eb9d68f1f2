import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, useRoutes, type RouteObject } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { useMe } from '../hooks/use-me';
import { RequireAuth } from './require-auth';
import { Shell } from './shell';
import { NotFoundPage } from './not-found-page';

/** A page loaded when first opened, so the sign-in page ships only what it needs. */
function page(load: () => Promise<Record<string, unknown>>, name: string) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType }));
  return (
    <Suspense
      fallback={
        <Center p="xl">
          <Loader />
        </Center>
      }
    >
      <Page />
    </Suspense>
  );
}

function Home() {
  const me = useMe();
  if (me.isPending) return null;
  const start = { admin: '/admin/users', investigator: '/field' } as Record<string, string>;
  return <Navigate to={start[me.data?.role ?? ''] ?? '/operations'} replace />;
}

/**
 * The console's pages. Declarative routing (`<BrowserRouter>` with `useRoutes`), not a data router:
 * the console uses no loaders, actions or fetchers, and the data router's code would be ~10 kB more
 * gzipped JavaScript on every page, the phone's lead form included.
 */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'field', element: page(() => import('../features/field/components/field-home-page'), 'FieldHomePage') },
      { path: 'outbox', element: page(() => import('../features/field/components/outbox-page'), 'OutboxPage') },
      {
        path: 'report/:operationId/:targetId',
        element: page(() => import('../features/field/components/report-lead-page'), 'ReportLeadPage'),
      },
      { path: 'account', element: page(() => import('../features/auth/components/account-page'), 'AccountPage') },
      {
        path: 'operations',
        element: page(() => import('../features/operations/components/operations-page'), 'OperationsPage'),
      },
      {
        path: 'operations/:operationId',
        element: page(() => import('./operation-layout'), 'OperationLayout'),
        children: [
          { index: true, element: page(() => import('../features/board/components/board-page'), 'BoardPage') },
          {
            path: 'settings',
            element: page(
              () => import('../features/operations/components/operation-settings-page'),
              'OperationSettingsPage',
            ),
          },
          {
            path: 'targets',
            element: page(() => import('../features/targets/components/targets-page'), 'TargetsPage'),
          },
          {
            path: 'targets/:targetId',
            element: page(() => import('../features/targets/components/target-page'), 'TargetPage'),
          },
          { path: 'map', element: page(() => import('../features/map/components/map-page'), 'MapPage') },
          {
            path: 'networks',
            element: page(() => import('../features/networks/components/networks-page'), 'NetworksPage'),
          },
          {
            path: 'networks/:networkId',
            element: page(() => import('../features/networks/components/network-page'), 'NetworkPage'),
          },
          { path: 'import', element: page(() => import('../features/targets/components/import-page'), 'ImportPage') },
          {
            path: 'duplicates',
            element: page(() => import('../features/targets/components/duplicates-page'), 'DuplicatesPage'),
          },
          { path: 'tasks', element: page(() => import('../features/tasks/components/tasks-page'), 'TasksPage') },
          { path: 'tasks/:taskId', element: page(() => import('../features/tasks/components/task-page'), 'TaskPage') },
          { path: 'leads/:leadId', element: page(() => import('../features/leads/components/lead-page'), 'LeadPage') },
          {
            path: 'notice-requests/:requestId',
            element: page(() => import('../features/notices/components/request-page'), 'RequestPage'),
          },
          {
            path: 'exports',
            element: page(() => import('../features/exports/components/exports-page'), 'ExportsPage'),
          },
          {
            path: 'exports/:exportId',
            element: page(() => import('../features/exports/components/export-page'), 'ExportPage'),
          },
        ],
      },
      { path: 'admin/users', element: page(() => import('../features/admin/components/users-page'), 'UsersPage') },
      { path: 'admin/audit', element: page(() => import('../features/admin/components/audit-page'), 'AuditPage') },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function AppRoutes() {
  return useRoutes(routes);
}
