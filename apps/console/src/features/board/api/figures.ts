import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Figures = Schemas['OperationStatusDto'];
export type TotalFigures = Schemas['TotalFiguresDto'];
export type CountryFigures = Schemas['CountryFiguresDto'];

/** The latest roll-up; re-read now and then, since the worker rolls up shortly after changes. */
export function useFigures(operationId: string) {
  return useQuery({
    queryKey: queryKeys.figures(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}/status', { params: { path: { id: operationId } } })),
    refetchInterval: 15_000,
  });
}

export function useFiguresHistory(operationId: string) {
  return useQuery({
    queryKey: queryKeys.figuresHistory(operationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/operations/{id}/status/history', {
          params: { path: { id: operationId }, query: { limit: 200 } },
        }),
      ),
  });
}

export function useRefreshFigures(operationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/operations/{id}/status/refresh', { params: { path: { id: operationId } } })),
    onSuccess: (figures) => {
      client.setQueryData(queryKeys.figures(operationId), figures);
      return client.invalidateQueries({ queryKey: queryKeys.figuresHistory(operationId) });
    },
  });
}

/** The newest leads, for the board's running picture of the field. */
export function useRecentLeads(operationId: string) {
  return useQuery({
    queryKey: queryKeys.leads(operationId, { recent: true }),
    queryFn: () =>
      unwrap(api.GET('/api/operations/{id}/leads', { params: { path: { id: operationId } } })).then((page) => ({
        ...page,
        items: page.items.slice(0, 10),
      })),
  });
}
