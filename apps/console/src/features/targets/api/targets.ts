import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Target = Schemas['TargetDto'];
export type TargetFilters = {
  q?: string;
  status?: Schemas['TargetStatus'];
  priority?: Schemas['Priority'];
  offence?: Schemas['OffenceCategory'];
  wantedBy?: string;
  nominatingCountry?: string;
  nationality?: string;
  hasRedNoticeOrDiffusion?: boolean;
  sort?: Schemas['TargetSort'];
};

const PAGE = 200;

/** The target list, a page of 200 at a time as the table scrolls. */
export function useTargetPages(operationId: string, filters: TargetFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.targets(operationId, filters),
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/operations/{id}/targets', {
          params: { path: { id: operationId }, query: { ...filters, limit: PAGE, offset: pageParam } },
        }),
      ),
    getNextPageParam: (last) =>
      last.offset + last.items.length < last.total ? last.offset + last.items.length : undefined,
  });
}

export function useTarget(targetId: string) {
  return useQuery({
    queryKey: queryKeys.target(targetId),
    queryFn: () => unwrap(api.GET('/api/targets/{id}', { params: { path: { id: targetId } } })),
  });
}

export function useTargetDetails(target: Target) {
  const path = { params: { path: { id: target.id } } };
  const key = queryKeys.target(target.id);
  return {
    warrants: useQuery({
      queryKey: [...key, 'warrants'],
      queryFn: () => unwrap(api.GET('/api/targets/{id}/warrants', path)),
    }),
    history: useQuery({
      queryKey: [...key, 'history'],
      queryFn: () => unwrap(api.GET('/api/targets/{id}/history', path)),
    }),
    requests: useQuery({
      queryKey: [...key, 'requests'],
      queryFn: () => unwrap(api.GET('/api/targets/{id}/requests', path)),
    }),
    leads: useQuery({
      queryKey: [...queryKeys.leads(target.operationId, { targetId: target.id })],
      queryFn: () => unwrap(api.GET('/api/targets/{id}/leads', path)),
    }),
  };
}

export function useTargetTasks(target: Target, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.tasks(target.operationId, { targetId: target.id }),
    queryFn: () =>
      unwrap(
        api.GET('/api/operations/{id}/tasks', {
          params: { path: { id: target.operationId }, query: { targetId: target.id, limit: 100 } },
        }),
      ),
    enabled,
  });
}

export function useCompliance(requestId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.request(requestId), 'compliance'],
    queryFn: () => unwrap(api.GET('/api/requests/{id}/compliance', { params: { path: { id: requestId } } })),
    enabled,
  });
}

export function useTargetMutations(operationId: string) {
  const client = useQueryClient();
  const refresh = (target?: Target) =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.targets(operationId) }),
      client.invalidateQueries({ queryKey: queryKeys.figures(operationId) }),
      target ? client.invalidateQueries({ queryKey: queryKeys.target(target.id) }) : null,
    ]);
  return {
    nominate: useMutation({
      mutationFn: (body: Schemas['CreateTargetDto']) =>
        unwrap(api.POST('/api/operations/{id}/targets', { params: { path: { id: operationId } }, body })),
      onSuccess: (target) => refresh(target),
    }),
    move: useMutation({
      mutationFn: ({ targetId, ...body }: Schemas['ChangeTargetStatusDto'] & { targetId: string }) =>
        unwrap(api.POST('/api/targets/{id}/status', { params: { path: { id: targetId } }, body })),
      onSuccess: (target) => refresh(target),
    }),
    merge: useMutation({
      mutationFn: ({ targetId, intoId }: { targetId: string; intoId: string }) =>
        unwrap(api.POST('/api/targets/{id}/merge', { params: { path: { id: targetId } }, body: { intoId } })),
      onSuccess: (target) =>
        Promise.all([refresh(target), client.invalidateQueries({ queryKey: queryKeys.duplicates(operationId) })]),
    }),
    dismiss: useMutation({
      mutationFn: (body: Schemas['DismissDuplicateDto']) =>
        unwrap(
          api.POST('/api/operations/{id}/targets/duplicates/dismiss', { params: { path: { id: operationId } }, body }),
        ),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.duplicates(operationId) }),
    }),
  };
}

/** Accepts or rejects many nominations, one status move each (with its version), and reports each refusal. */
export async function moveMany(
  targets: Target[],
  status: 'accepted' | 'rejected',
  onProgress: (done: number) => void,
): Promise<{ failed: { target: Target; message: string }[] }> {
  const failed: { target: Target; message: string }[] = [];
  let done = 0;
  const queue = [...targets];
  const worker = async () => {
    for (let target = queue.shift(); target; target = queue.shift()) {
      try {
        await unwrap(
          api.POST('/api/targets/{id}/status', {
            params: { path: { id: target.id } },
            body: { status, version: target.version },
          }),
        );
      } catch (error) {
        failed.push({ target, message: error instanceof Error ? error.message : String(error) });
      }
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return { failed };
}

export function useDuplicates(operationId: string) {
  return useQuery({
    queryKey: queryKeys.duplicates(operationId),
    queryFn: () =>
      unwrap(api.GET('/api/operations/{id}/targets/duplicates', { params: { path: { id: operationId } } })),
  });
}
