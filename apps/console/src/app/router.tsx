import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { matchRoutes, Navigate, useRoutes, type RouteObject } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { useMe } from '../hooks/use-me';
import { RequireAuth } from './require-auth';
import { Shell } from './shell';
import { NotFoundPage } from './not-found-page';

/** Each lazy page's element, with how to start loading its code (see {@link preloadRoute}). */
const preloads = new WeakMap<ReactElement, () => Promise<unknown>>();

/** A page loaded when first opened, so the sign-in page ships only what it needs. */
function page(load: () => Promise<Record<string, unknown>>, name: string) {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const start = () =>
    (loading ??= load().then(
      (module) => (loaded = module[name] as ComponentType),
      (error: unknown) => {
        loading = undefined; // asked again when next needed (e.g. back online)
        throw error;
      },
    ));
  // A thenable that answers at once when the code is already there (preloaded), so React draws
  // the page in its first pass instead of drawing the fallback and then drawing again.
  const Page = lazy(
    () =>
      ({
        then(resolve: (module: { default: ComponentType }) => void, reject: (error: unknown) => void) {
          if (loaded) resolve({ default: loaded });
          else start().then((component) => resolve({ default: component }), reject);
        },
      }) as Promise<{ default: ComponentType }>,
  );
  const element = (
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
  preloads.set(element, start);
  return element;
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

/**
 * Starts loading the code of the page at `pathname` (before the first render, from main.tsx), so
 * it comes in parallel with the rest of the start instead of after the shell is drawn. Resolves
 * when it is there; never rejects (the page's own load then reports the error).
 */
export function preloadRoute(pathname: string): Promise<unknown> {
  const loads = (matchRoutes(routes, pathname) ?? []).map((match) => preloads.get(match.route.element as ReactElement)?.());
  return Promise.all(loads).catch(() => undefined);
}

export function AppRoutes() {
  return useRoutes(routes);
}
