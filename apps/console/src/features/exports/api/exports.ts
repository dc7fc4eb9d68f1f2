import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Export = Schemas['ExportDto'];
const building = (status: Export['status']) => status === 'queued' || status === 'running';

export function useExports(operationId: string) {
  return useQuery({
    queryKey: queryKeys.exports(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}/exports', { params: { path: { id: operationId } } })),
    refetchInterval: (query) => (query.state.data?.items.some((item) => building(item.status)) ? 1_000 : false),
  });
}

/** One export, polled every second while the worker builds it. */
export function useExport(exportId: string) {
  return useQuery({
    queryKey: queryKeys.export(exportId),
    queryFn: () => unwrap(api.GET('/api/exports/{id}', { params: { path: { id: exportId } } })),
    refetchInterval: (query) => (query.state.data && building(query.state.data.status) ? 1_000 : false),
  });
}

export function useRequestExport(operationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateExportDto']) =>
      unwrap(api.POST('/api/operations/{id}/exports', { params: { path: { id: operationId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.exports(operationId) }),
  });
}
