import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type User = Schemas['UserDto'];
export type AuditFilters = {
  from?: string;
  to?: string;
  userId?: string;
  country?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
};

export function useUsers(filters: { role?: Schemas['Role']; q?: string; active?: boolean }) {
  return useQuery({
    queryKey: queryKeys.users(filters),
    queryFn: () => unwrap(api.GET('/api/users', { params: { query: { ...filters, limit: 500 } } })),
  });
}

export function useUserMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.users() });
  return {
    create: useMutation({
      mutationFn: (body: Schemas['CreateUserDto']) => unwrap(api.POST('/api/users', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: Schemas['UpdateUserDto'] & { id: string }) =>
        unwrap(api.PATCH('/api/users/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function useAuditPages(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(filters),
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/audit', { params: { query: { ...filters, limit: 200, offset: pageParam } } })),
    getNextPageParam: (last) =>
      last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => unwrap(api.GET('/api/audit/verify')) });
}

/** Where Bull Board is mounted (outside the API's routes; it takes the cookie the session endpoint sets). */
export const QUEUE_DASHBOARD_URL = '/api/admin/queues/';

/**
 * Opens the queue dashboard in a new tab. A link cannot send the bearer token and a token must
 * never be in a URL, so the API first sets a short-lived HttpOnly cookie for the dashboard's path.
 * The tab is opened before the request, while the click still allows a new window.
 */
export function useOpenQueueDashboard() {
  return useMutation({
    mutationFn: async () => {
      const tab = window.open('about:blank', '_blank');
      try {
        const { url } = await unwrap(api.POST('/api/queue-dashboard/session'));
        if (tab) {
          tab.opener = null;
          tab.location.href = url;
        } else window.location.assign(url);
      } catch (error) {
        tab?.close();
        throw error;
      }
    },
  });
}
