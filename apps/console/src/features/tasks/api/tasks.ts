import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Task = Schemas['TaskDto'];
export type TaskFilters = { country?: string; status?: Schemas['TaskStatus']; overdue?: boolean };

export function useTaskPages(operationId: string, filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.tasks(operationId, filters),
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/operations/{id}/tasks', {
          params: { path: { id: operationId }, query: { ...filters, limit: 200, offset: pageParam } },
        }),
      ),
    getNextPageParam: (last) =>
      last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined,
  });
}

/** How many accepted targets a bulk tasking would cover (for the count shown before sending). */
export function useAcceptedTargetCount(operationId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.targets(operationId, { status: 'accepted', count: true }),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/operations/{id}/targets', {
            params: { path: { id: operationId }, query: { status: 'accepted', limit: 1 } },
          }),
        )
      ).total,
    enabled,
  });
}

export function useTask(taskId: string) {
  return useQuery({
    queryKey: queryKeys.task(taskId),
    queryFn: () => unwrap(api.GET('/api/tasks/{id}', { params: { path: { id: taskId } } })),
  });
}

export function useTaskHistory(taskId: string) {
  return useQuery({
    queryKey: [...queryKeys.task(taskId), 'history'],
    queryFn: () => unwrap(api.GET('/api/tasks/{id}/history', { params: { path: { id: taskId } } })),
  });
}

export function useTaskMutations(operationId: string) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.tasks(operationId) }),
      client.invalidateQueries({ queryKey: queryKeys.figures(operationId) }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: Schemas['CreateTaskDto']) =>
        unwrap(api.POST('/api/operations/{id}/tasks', { params: { path: { id: operationId } }, body })),
      onSuccess: refresh,
    }),
    bulk: useMutation({
      mutationFn: (body: Schemas['BulkTaskDto']) =>
        unwrap(api.POST('/api/operations/{id}/tasks/bulk', { params: { path: { id: operationId } }, body })),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: ({ taskId, ...body }: Schemas['TaskTransitionDto'] & { taskId: string }) =>
        unwrap(api.POST('/api/tasks/{id}/transitions', { params: { path: { id: taskId } }, body })),
      onSuccess: (task) => Promise.all([refresh(), client.invalidateQueries({ queryKey: queryKeys.task(task.id) })]),
    }),
  };
}
