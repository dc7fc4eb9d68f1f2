import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Operation = Schemas['OperationDto'];

export function useOperations(filters: { status?: Schemas['OperationStatus']; q?: string }) {
  return useQuery({
    queryKey: queryKeys.operations(filters),
    queryFn: () => unwrap(api.GET('/api/operations', { params: { query: { ...filters, limit: 500 } } })),
  });
}

export function useCreateOperation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateOperationDto']) => unwrap(api.POST('/api/operations', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.operations() }),
  });
}

/** Writes to an operation; each refreshes the operation, its lists and its figures. */
export function useOperationMutations(operationId: string) {
  const client = useQueryClient();
  const path = { params: { path: { id: operationId } } };
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.operation(operationId) }),
      client.invalidateQueries({ queryKey: queryKeys.operations() }),
    ]);
  return {
    update: useMutation({
      mutationFn: (body: Schemas['UpdateOperationDto']) => unwrap(api.PATCH('/api/operations/{id}', { ...path, body })),
      onSuccess: refresh,
    }),
    move: useMutation({
      mutationFn: (body: Schemas['ChangeOperationStatusDto']) =>
        unwrap(api.POST('/api/operations/{id}/status', { ...path, body })),
      onSettled: refresh,
    }),
    addParticipant: useMutation({
      mutationFn: (body: Schemas['CreateParticipantDto']) =>
        unwrap(api.POST('/api/operations/{id}/participants', { ...path, body })),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.participants(operationId) }),
    }),
    updateParticipant: useMutation({
      mutationFn: ({ country, ...body }: Schemas['UpdateParticipantDto'] & { country: string }) =>
        unwrap(
          api.PATCH('/api/operations/{id}/participants/{country}', {
            params: { path: { id: operationId, country } },
            body,
          }),
        ),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.participants(operationId) }),
    }),
    removeParticipant: useMutation({
      mutationFn: (country: string) =>
        unwrap(
          api.DELETE('/api/operations/{id}/participants/{country}', { params: { path: { id: operationId, country } } }),
        ),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.participants(operationId) }),
    }),
    addMember: useMutation({
      mutationFn: (userId: string) => unwrap(api.POST('/api/operations/{id}/members', { ...path, body: { userId } })),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(operationId) }),
    }),
    removeMember: useMutation({
      mutationFn: (userId: string) =>
        unwrap(api.DELETE('/api/operations/{id}/members/{userId}', { params: { path: { id: operationId, userId } } })),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.members(operationId) }),
    }),
  };
}

export function useMembers(operationId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.members(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}/members', { params: { path: { id: operationId } } })),
    enabled,
  });
}
