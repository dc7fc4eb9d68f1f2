import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Lead = Schemas['LeadDto'];
export type Target = Schemas['TargetDto'];

const PAGE = 500;
/** `limit` and `offset`, which the API takes but its OpenAPI document does not list yet. */
const pageOf = (limit: number, offset = 0): object => ({ limit, offset });
const MAX_LEADS = 5_000;

/** Every lead of the operation the user may read (the API decides which), newest first. */
export function useMapLeads(operationId: string) {
  return useQuery({
    queryKey: queryKeys.leads(operationId, { map: true }),
    queryFn: async () => {
      const leads: Lead[] = [];
      for (let offset = 0; offset < MAX_LEADS; offset += PAGE) {
        const page = await unwrap(
          api.GET('/api/operations/{id}/leads', { params: { path: { id: operationId }, query: pageOf(PAGE, offset) } }),
        );
        leads.push(...page.items);
        if (offset + page.items.length >= page.total) break;
      }
      return leads;
    },
  });
}

/** Names of the targets the leads are about, for the last-known-place markers. */
export function useMapTargets(operationId: string) {
  return useQuery({
    queryKey: queryKeys.targets(operationId, { map: true }),
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/operations/{id}/targets', { params: { path: { id: operationId }, query: pageOf(PAGE) } }),
        )
      ).items,
  });
}
