import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../../lib/api/client';
import { queryKeys } from '../../../lib/query-keys';

export type Network = Schemas['NetworkDto'];
export type NetworkMember = Schemas['NetworkMemberDto'];
export type NetworkGraph = Schemas['NetworkGraphDto'];
export type GraphNode = Schemas['GraphNodeDto'];
export type GraphEdge = Schemas['GraphEdgeDto'];
export type NetworkFigures = Schemas['NetworkFiguresDto'];
export type LinkProposal = Schemas['LinkProposalDto'];

/** This feature's cache keys, under the operation's so an operation-wide refresh reaches them. */
const keys = {
  networks: (operationId: string) => [...queryKeys.operation(operationId), 'networks'] as const,
  proposals: (operationId: string) => [...queryKeys.operation(operationId), 'link-proposals'] as const,
  network: (networkId: string) => ['network', networkId] as const,
  members: (networkId: string) => ['network', networkId, 'members'] as const,
  graph: (networkId: string) => ['network', networkId, 'graph'] as const,
};

/**
 * The API takes `limit` and `offset` on every list (PageQueryDto), but its OpenAPI document leaves
 * them out where a controller takes PageQueryDto itself (libs/platform is outside the Swagger plugin).
 */
const firstPage = (limit: number) => ({ limit, offset: 0 }) as never;

/** The operation's networks the user may see (an operation has tens, not thousands: one page of 200). */
export function useNetworks(operationId: string) {
  return useQuery({
    queryKey: keys.networks(operationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/operations/{id}/networks', {
          params: { path: { id: operationId }, query: firstPage(200) },
        }),
      ),
  });
}

/** The roll-up's per-network figures (null for investigators, whose roll-up has none). */
export function useNetworkFigures(operationId: string) {
  return useQuery({
    queryKey: queryKeys.figures(operationId),
    queryFn: () => unwrap(api.GET('/api/operations/{id}/status', { params: { path: { id: operationId } } })),
    select: (figures) => figures.networks,
    refetchInterval: 15_000,
  });
}

export function useNetwork(networkId: string) {
  return useQuery({
    queryKey: keys.network(networkId),
    queryFn: () => unwrap(api.GET('/api/networks/{id}', { params: { path: { id: networkId } } })),
    retry: false,
  });
}

export function useNetworkMembers(networkId: string, enabled = true) {
  return useQuery({
    queryKey: keys.members(networkId),
    queryFn: () => unwrap(api.GET('/api/networks/{id}/members', { params: { path: { id: networkId } } })),
    enabled,
  });
}

export function useNetworkGraph(networkId: string, enabled = true) {
  return useQuery({
    queryKey: keys.graph(networkId),
    queryFn: () => unwrap(api.GET('/api/networks/{id}/graph', { params: { path: { id: networkId } } })),
    enabled,
  });
}

/** Pairs of targets sharing identifiers (coordinators only). */
export function useLinkProposals(operationId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.proposals(operationId),
    queryFn: () =>
      unwrap(
        api.GET('/api/operations/{id}/links/proposals', {
          params: { path: { id: operationId }, query: firstPage(200) },
        }),
      ),
    enabled,
  });
}

/** Targets to pick a new member from, by name or reference. */
export function useTargetSearch(operationId: string, q: string) {
  return useQuery({
    queryKey: queryKeys.targets(operationId, { q, purpose: 'network-member' }),
    queryFn: () =>
      unwrap(
        api.GET('/api/operations/{id}/targets', {
          params: { path: { id: operationId }, query: { q: q || undefined, limit: 20 } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useNetworkMutations(operationId: string, networkId?: string) {
  const client = useQueryClient();
  const refreshNetwork = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.networks(operationId) }),
      client.invalidateQueries({ queryKey: queryKeys.figures(operationId) }),
      ...(networkId ? [client.invalidateQueries({ queryKey: ['network', networkId] })] : []),
    ]);
  const refreshLinks = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.proposals(operationId) }),
      ...(networkId ? [client.invalidateQueries({ queryKey: keys.graph(networkId) })] : []),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: Schemas['CreateNetworkDto']) =>
        unwrap(api.POST('/api/operations/{id}/networks', { params: { path: { id: operationId } }, body })),
      onSuccess: refreshNetwork,
    }),
    update: useMutation({
      mutationFn: (body: Schemas['UpdateNetworkDto']) =>
        unwrap(api.PATCH('/api/networks/{id}', { params: { path: { id: networkId! } }, body })),
      onSuccess: refreshNetwork,
    }),
    addMember: useMutation({
      mutationFn: (body: Schemas['CreateNetworkMemberDto']) =>
        unwrap(api.POST('/api/networks/{id}/members', { params: { path: { id: networkId! } }, body })),
      onSuccess: refreshNetwork,
    }),
    removeMember: useMutation({
      mutationFn: (memberId: string) =>
        unwrap(api.DELETE('/api/networks/{id}/members/{memberId}', { params: { path: { id: networkId!, memberId } } })),
      onSuccess: refreshNetwork,
    }),
    decideLink: useMutation({
      mutationFn: ({ linkId, status }: { linkId: string; status: Schemas['LinkDecisionDto']['status'] }) =>
        unwrap(api.POST('/api/links/{id}/decision', { params: { path: { id: linkId } }, body: { status } })),
      onSuccess: refreshLinks,
    }),
    /** A coordinator's link is confirmed at once: how a shared-identifier proposal is confirmed. */
    link: useMutation({
      mutationFn: ({ targetId, ...body }: Schemas['CreateLinkDto'] & { targetId: string }) =>
        unwrap(api.POST('/api/targets/{id}/links', { params: { path: { id: targetId } }, body })),
      onSuccess: refreshLinks,
    }),
    dismissProposal: useMutation({
      mutationFn: (body: Schemas['DismissProposalDto']) =>
        unwrap(
          api.POST('/api/operations/{id}/links/proposals/dismiss', { params: { path: { id: operationId } }, body }),
        ),
      onSuccess: refreshLinks,
    }),
  };
}
