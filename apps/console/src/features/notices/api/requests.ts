import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export function useRequest(requestId: string) {
  return useQuery({
    queryKey: queryKeys.request(requestId),
    queryFn: () => unwrap(api.GET('/api/requests/{id}', { params: { path: { id: requestId } } })),
  });
}

export function useRequestHistory(requestId: string) {
  return useQuery({
    queryKey: [...queryKeys.request(requestId), 'history'],
    queryFn: () => unwrap(api.GET('/api/requests/{id}/history', { params: { path: { id: requestId } } })),
  });
}

export function useRequestCompliance(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.request(requestId), 'compliance'],
    queryFn: () => unwrap(api.GET('/api/requests/{id}/compliance', { params: { path: { id: requestId } } })),
    enabled,
  });
}
