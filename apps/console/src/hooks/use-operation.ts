import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../lib/api/client';
import { queryKeys } from '../lib/query-keys';

/** One operation, shared by the operation's pages (its status decides what they offer). */
export function useOperation(operationId: string) {
  return useQuery({
    queryKey: queryKeys.operation(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}', { params: { path: { id: operationId } } })),
  });
}

export function useParticipants(operationId: string) {
  return useQuery({
    queryKey: queryKeys.participants(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}/participants', { params: { path: { id: operationId } } })),
  });
}
