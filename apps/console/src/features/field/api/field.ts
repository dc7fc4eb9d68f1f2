import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Operation = Schemas['OperationDto'];
export type Task = Schemas['TaskDto'];
export type Target = Schemas['TargetDto'];

/** The operations the investigator's country takes part in (the API shows no other). */
export function useMyOperations() {
  return useQuery({
    queryKey: queryKeys.operations({ field: true }),
    queryFn: () => unwrap(api.GET('/api/operations', { params: { query: page(100) } })),
  });
}

/**
 * Paging: the API takes `limit` and `offset` on every list, but its OpenAPI document does not list
 * them yet (PageQueryDto has no Swagger decorators), so they go in untyped.
 */
export const page = (limit: number, offset = 0): object => ({ limit, offset });

const UNFINISHED: Task['status'][] = ['open', 'acknowledged', 'in_progress'];

/** Overdue first, then the soonest due, then those without a due date. */
export function byUrgency(a: Task, b: Task): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const due = (task: Task) => (task.dueAt ? new Date(task.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return due(a) - due(b);
}

/** The country's unfinished tasks in all its operations, most urgent first. */
export function useCountryTasks(operations: Operation[]) {
  const results = useQueries({
    queries: operations.map((operation) => ({
      queryKey: queryKeys.tasks(operation.id, { field: true }),
      queryFn: () =>
        unwrap(api.GET('/api/operations/{id}/tasks', { params: { path: { id: operation.id }, query: page(500) } })),
    })),
  });
  const tasks = results
    .flatMap((result) => result.data?.items ?? [])
    .filter((task) => UNFINISHED.includes(task.status))
    .sort(byUrgency);
  return {
    tasks,
    pending: results.some((result) => result.isPending),
    error: results.find((result) => result.error)?.error,
  };
}

/** The next step of a task's workflow, one tap each: acknowledge, start, done. */
export const NEXT_STEP: Partial<Record<Task['status'], Task['status']>> = {
  open: 'acknowledged',
  acknowledged: 'in_progress',
  in_progress: 'done',
};

export function useTaskStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (task: Task) =>
      unwrap(
        api.POST('/api/tasks/{id}/transitions', {
          params: { path: { id: task.id } },
          body: { to: NEXT_STEP[task.status]!, version: task.version },
        }),
      ),
    onSuccess: (task) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.tasks(task.operationId) }),
        client.invalidateQueries({ queryKey: queryKeys.task(task.id) }),
      ]),
  });
}

/**
 * The targets a country works on in one operation: those it wants, and those reported (by a lead)
 * in its country.
 */
export function useCountryTargets(operation: Operation, country: string) {
  return useQuery({
    queryKey: queryKeys.targets(operation.id, { field: country }),
    queryFn: async () => {
      const path = { id: operation.id };
      const [wanted, leads] = await Promise.all([
        unwrap(
          api.GET('/api/operations/{id}/targets', { params: { path, query: { wantedBy: country, ...page(100) } } }),
        ),
        unwrap(api.GET('/api/operations/{id}/leads', { params: { path, query: { country, ...page(100) } } })),
      ]);
      const known = new Set(wanted.items.map((target) => target.id));
      const reportedIds = [...new Set(leads.items.map((lead) => lead.targetId))]
        .filter((id) => !known.has(id))
        .slice(0, 20);
      const reported = await Promise.all(
        reportedIds.map((id) => unwrap(api.GET('/api/targets/{id}', { params: { path: { id } } }))),
      );
      return { wanted: wanted.items, wantedTotal: wanted.total, reported };
    },
  });
}

/** The target a lead is about (for the form's heading; the form works without it when offline). */
export function useFieldTarget(targetId: string) {
  return useQuery({
    queryKey: queryKeys.target(targetId),
    queryFn: () => unwrap(api.GET('/api/targets/{id}', { params: { path: { id: targetId } } })),
    retry: false,
  });
}
