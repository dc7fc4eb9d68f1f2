import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Lead = Schemas['LeadDto'];

export function useLead(leadId: string) {
  return useQuery({
    queryKey: queryKeys.lead(leadId),
    queryFn: () => unwrap(api.GET('/api/leads/{id}', { params: { path: { id: leadId } } })),
  });
}

export function useLeadHistory(leadId: string) {
  return useQuery({
    queryKey: [...queryKeys.lead(leadId), 'history'],
    queryFn: () => unwrap(api.GET('/api/leads/{id}/history', { params: { path: { id: leadId } } })),
  });
}

export function useLeadMutations(lead: Lead) {
  const client = useQueryClient();
  const path = { params: { path: { id: lead.id } } };
  return {
    move: useMutation({
      mutationFn: (body: Schemas['LeadTransitionDto']) =>
        unwrap(api.POST('/api/leads/{id}/transitions', { ...path, body })),
      onSuccess: () =>
        Promise.all([
          client.invalidateQueries({ queryKey: queryKeys.lead(lead.id) }),
          client.invalidateQueries({ queryKey: queryKeys.leads(lead.operationId) }),
        ]),
    }),
    routeToTask: useMutation({
      mutationFn: (body: Schemas['LeadTaskDto']) => unwrap(api.POST('/api/leads/{id}/tasks', { ...path, body })),
      onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.tasks(lead.operationId) }),
    }),
  };
}
