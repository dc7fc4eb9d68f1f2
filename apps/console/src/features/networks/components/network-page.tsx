import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useMe } from '../../../hooks/use-me';
import { useOperation } from '../../../hooks/use-operation';
import { ApiError, type Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { formatDate, formatNumber } from '../../../lib/format';
import {
  useLinkProposals,
  useNetwork,
  useNetworkGraph,
  useNetworkMembers,
  useNetworkMutations,
  useTargetSearch,
  type GraphNode,
  type LinkProposal,
  type Network,
  type NetworkGraph,
  type NetworkMember,
} from '../api/networks';
import {
  IDENTIFIER_COLOUR,
  LEG_COLOURS,
  LINK_TYPES,
  MEMBER_ROLES,
  NETWORK_COLOUR,
  STATUS_GROUP,
  STATUS_STYLE,
  type Leg,
  type StatusGroup,
} from '../vocabulary';
import { NetworkForm, toNetworkBody } from './network-form';
import type { RouteStop } from './route-map';

// Cytoscape and MapLibre are chunks of their own: only this page pays for them, and only once drawn.
const NetworkGraphView = lazy(async () => ({ default: (await import('./network-graph')).NetworkGraphView }));
const RouteMap = lazy(async () => ({ default: (await import('./route-map')).RouteMap }));

const loading = (
  <Center h={460}>
    <Loader />
  </Center>
);

function Section({
  title,
  id,
  children,
  actions,
}: {
  title: string;
  id: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm">
        <Title order={3} id={id} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** A swatch in the shape the graph draws (SVG, so the legend needs no image files). */
function Shape({ shape, colour }: { shape: string; colour: string }) {
  const paths: Record<string, ReactNode> = {
    ellipse: <circle cx="8" cy="8" r="7" />,
    diamond: <polygon points="8,1 15,8 8,15 1,8" />,
    'round-rectangle': <rect x="1" y="2" width="14" height="12" rx="3" />,
    triangle: <polygon points="8,1 15,15 1,15" />,
    hexagon: <polygon points="4,1 12,1 15,8 12,15 4,15 1,8" />,
    tag: <polygon points="1,3 10,3 15,8 10,13 1,13" />,
  };
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" fill={colour} aria-hidden="true" focusable="false">
      {paths[shape]}
    </svg>
  );
}

function Line({ colour, dash }: { colour: string; dash?: string }) {
  return (
    <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true" focusable="false">
      <line x1="1" y1="5" x2="27" y2="5" stroke={colour} strokeWidth="2.5" strokeDasharray={dash} />
    </svg>
  );
}

function GraphLegend() {
  const { t } = useTranslation();
  const item = (key: string, swatch: ReactNode, label: string) => (
    <Group key={key} gap={6} wrap="nowrap" component="li">
      {swatch}
      <Text size="sm">{label}</Text>
    </Group>
  );
  return (
    <Group
      gap="md"
      component="ul"
      role="list"
      aria-label={t('networks.graph.legend')}
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {item('network', <Shape shape="hexagon" colour={NETWORK_COLOUR} />, t('networks.graph.networkNode'))}
      {(Object.keys(STATUS_STYLE) as StatusGroup[]).map((group) =>
        item(
          group,
          <Shape shape={STATUS_STYLE[group].shape} colour={STATUS_STYLE[group].colour} />,
          t(`networks.statusGroup.${group}`),
        ),
      )}
      {item('identifier', <Shape shape="tag" colour={IDENTIFIER_COLOUR} />, t('networks.graph.identifierNode'))}
      {item('confirmed', <Line colour="#212529" />, t('networks.graph.confirmedLink'))}
      {item('proposed', <Line colour="#e67700" dash="5 3" />, t('networks.graph.proposedLink'))}
      {item('shared', <Line colour={IDENTIFIER_COLOUR} dash="1 3" />, t('networks.graph.sharedEdge'))}
    </Group>
  );
}

function routeOf(network: Network): RouteStop[] {
  return [
    ...network.originCountries.map((country) => ({ country, leg: 'origin' as const })),
    ...network.transitCountries.map((country) => ({ country, leg: 'transit' as const })),
    ...network.destinationCountries.map((country) => ({ country, leg: 'destination' as const })),
  ];
}

function Details({ network }: { network: Network }) {
  const { t } = useTranslation();
  const field = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {value || t('common.none')}
      </Text>
    </div>
  );
  const countries = (codes: string[]) => codes.map((code) => countryName(code)).join(' → ');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0} data-testid="network-details">
      {field(t('networks.form.aliases'), network.aliases.join(', '))}
      {field(t('networks.form.description'), network.description)}
      {field(t('networks.form.origin'), countries(network.originCountries))}
      {field(t('networks.form.transit'), countries(network.transitCountries))}
      {field(t('networks.form.destination'), countries(network.destinationCountries))}
      {field(
        t('networks.form.modiOperandi'),
        network.modiOperandi.length > 0 && (
          <Group gap={4} component="span">
            {network.modiOperandi.map((code) => (
              <Badge key={code} variant="light" c="var(--mantine-color-text)">
                {t(`enum.modusOperandi.${code}`)}
              </Badge>
            ))}
          </Group>
        ),
      )}
      {field(t('networks.form.modusOperandiNotes'), network.modusOperandiNotes)}
    </SimpleGrid>
  );
}

function period(member: NetworkMember, t: TFunction): string {
  if (!member.periodFrom && !member.periodTo) return t('networks.members.openPeriod');
  return t('networks.members.period', {
    from: member.periodFrom ? formatDate(member.periodFrom) : '…',
    to: member.periodTo ? formatDate(member.periodTo) : '…',
  });
}

function MembersTable({
  operationId,
  members,
  canChange,
  onRemove,
}: {
  operationId: string;
  members: NetworkMember[];
  canChange: boolean;
  onRemove: (member: NetworkMember) => void;
}) {
  const { t } = useTranslation();
  if (members.length === 0) return <Alert color="gray">{t('networks.members.empty')}</Alert>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped data-testid="members-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('networks.members.target')}</Table.Th>
            <Table.Th scope="col">{t('networks.members.role')}</Table.Th>
            <Table.Th scope="col">{t('networks.members.periodColumn')}</Table.Th>
            <Table.Th scope="col">{t('networks.members.status')}</Table.Th>
            <Table.Th scope="col">{t('networks.members.source')}</Table.Th>
            {canChange && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const group = STATUS_GROUP[member.targetStatus];
            return (
              <Table.Tr key={member.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/operations/${operationId}/targets/${member.targetId}`}>
                    {member.reference}
                  </Anchor>{' '}
                  {`${member.givenNames} ${member.familyName}`.trim()}
                </Table.Td>
                <Table.Td>{t(`enum.memberRole.${member.role}`)}</Table.Td>
                <Table.Td>{period(member, t)}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Shape shape={STATUS_STYLE[group].shape} colour={STATUS_STYLE[group].colour} />
                    <StatusBadge kind="targetStatus" value={member.targetStatus} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  {member.sourceLeadId ? (
                    <Anchor component={Link} to={`/operations/${operationId}/leads/${member.sourceLeadId}`}>
                      {t('networks.members.fromLead')}
                    </Anchor>
                  ) : (
                    member.sourceNote
                  )}
                </Table.Td>
                {canChange && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onRemove(member)}
                      aria-label={t('networks.members.removeLabel', { reference: member.reference })}
                    >
                      {t('common.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AddMemberForm({ operationId, networkId }: { operationId: string; networkId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(search.trim(), 300);
  // Once picked, the input shows the pick's label: that is no search.
  const targets = useTargetSearch(operationId, q.length >= 2 && q !== picked?.label ? q : '');
  const targetId = picked?.value ?? null;
  const [role, setRole] = useState<string | null>(null);
  const [periodFrom, setPeriodFrom] = useState('');
  const [periodTo, setPeriodTo] = useState('');
  const [sourceNote, setSourceNote] = useState('');
  const { addMember } = useNetworkMutations(operationId, networkId);
  const fieldError = (field: string) =>
    addMember.error instanceof ApiError
      ? addMember.error.details.find((detail) => detail.field === field)?.message
      : undefined;
  const found = (targets.data?.items ?? []).map((target) => ({
    value: target.id,
    label: `${target.reference} · ${`${target.givenNames} ${target.familyName}`.trim()}`,
  }));
  const options = picked && !found.some((option) => option.value === picked.value) ? [picked, ...found] : found;

  return (
    <form
      aria-label={t('networks.members.add')}
      onSubmit={(event) => {
        event.preventDefault();
        if (!targetId || !role) return;
        addMember.mutate(
          {
            targetId,
            role: role as Schemas['MemberRole'],
            periodFrom: periodFrom || null,
            periodTo: periodTo || null,
            sourceNote: sourceNote.trim() || null,
          },
          {
            onSuccess: () => {
              setPicked(null);
              setSearch('');
              setRole(null);
              setPeriodFrom('');
              setPeriodTo('');
              setSourceNote('');
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('networks.members.add')}
        </Text>
        {addMember.error && <ErrorAlert error={addMember.error} />}
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('networks.members.target')}
            placeholder={t('networks.members.searchTarget')}
            searchable
            required
            data={options}
            value={targetId}
            onChange={(_value, option) => setPicked(option ?? null)}
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options: all }) => all}
            nothingFoundMessage={q.length >= 2 ? t('common.empty') : t('networks.members.typeToSearch')}
            error={fieldError('targetId')}
            miw={260}
          />
          <EnumSelect
            kind="memberRole"
            values={MEMBER_ROLES}
            label={t('networks.members.role')}
            required
            value={role}
            onChange={setRole}
            error={fieldError('role')}
            miw={180}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            type="date"
            label={t('networks.members.periodFrom')}
            value={periodFrom}
            onChange={(event) => setPeriodFrom(event.currentTarget.value)}
            error={fieldError('periodFrom')}
          />
          <TextInput
            type="date"
            label={t('networks.members.periodTo')}
            value={periodTo}
            onChange={(event) => setPeriodTo(event.currentTarget.value)}
            error={fieldError('periodTo')}
          />
          <TextInput
            label={t('networks.members.sourceNote')}
            description={t('networks.members.sourceNoteHint')}
            required
            value={sourceNote}
            onChange={(event) => setSourceNote(event.currentTarget.value)}
            error={fieldError('sourceNote')}
            miw={260}
          />
        </Group>
        <Group>
          <Button type="submit" loading={addMember.isPending} disabled={!targetId || !role}>
            {t('networks.members.addButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Who a graph node is, as text: the reference and name of a member. */
const describe = (node: GraphNode | undefined) => (node ? `${node.reference ?? ''} ${node.label}`.trim() : '');

/** The graph's links and shared identifiers as tables: its text alternative, and where links are decided. */
function LinksTables({
  operationId,
  networkId,
  graph,
  coordinator,
}: {
  operationId: string;
  networkId: string;
  graph: NetworkGraph;
  coordinator: boolean;
}) {
  const { t } = useTranslation();
  const { decideLink } = useNetworkMutations(operationId, networkId);
  const nodes = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph]);
  const links = graph.edges.filter((edge) => edge.kind === 'link');
  const shared = useMemo(() => {
    const holders = new Map<string, string[]>();
    for (const edge of graph.edges.filter((candidate) => candidate.kind === 'shared_identifier'))
      holders.set(edge.target, [...(holders.get(edge.target) ?? []), edge.source]);
    return [...holders.entries()];
  }, [graph]);

  return (
    <Stack>
      {decideLink.error && <ErrorAlert error={decideLink.error} />}
      {links.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('networks.links.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="links-table">
            <Table.Caption>{t('networks.links.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('networks.links.between')}</Table.Th>
                <Table.Th scope="col">{t('networks.links.type')}</Table.Th>
                <Table.Th scope="col">{t('networks.links.status')}</Table.Th>
                {coordinator && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {links.map((edge) => {
                const between = `${describe(nodes.get(edge.source))} – ${describe(nodes.get(edge.target))}`;
                const linkId = edge.id.replace(/^link:/, '');
                return (
                  <Table.Tr key={edge.id}>
                    <Table.Td>{between}</Table.Td>
                    <Table.Td>{edge.linkType && t(`enum.linkType.${edge.linkType}`)}</Table.Td>
                    <Table.Td>{edge.status && t(`enum.linkStatus.${edge.status}`)}</Table.Td>
                    {coordinator && (
                      <Table.Td>
                        {edge.status === 'proposed' && (
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="xs"
                              onClick={() => decideLink.mutate({ linkId, status: 'confirmed' })}
                              aria-label={t('networks.links.confirmLabel', { between })}
                              loading={decideLink.isPending && decideLink.variables?.linkId === linkId}
                            >
                              {t('networks.links.confirm')}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => decideLink.mutate({ linkId, status: 'dismissed' })}
                              aria-label={t('networks.links.dismissLabel', { between })}
                            >
                              {t('networks.links.dismiss')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {shared.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped data-testid="shared-identifiers-table">
            <Table.Caption>{t('networks.shared.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('networks.shared.identifier')}</Table.Th>
                <Table.Th scope="col">{t('networks.shared.heldBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shared.map(([identifierId, holders]) => {
                const identifier = nodes.get(identifierId);
                return (
                  <Table.Tr key={identifierId}>
                    <Table.Td>
                      {identifier?.identifierKind && t(`enum.identifierKind.${identifier.identifierKind}`)}:{' '}
                      {identifier?.value}
                    </Table.Td>
                    <Table.Td>{holders.map((holder) => describe(nodes.get(holder))).join(', ')}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Shared-identifier pairs touching this network's members; a coordinator links or dismisses them. */
function Proposals({
  operationId,
  networkId,
  memberIds,
}: {
  operationId: string;
  networkId: string;
  memberIds: Set<string>;
}) {
  const { t } = useTranslation();
  const proposals = useLinkProposals(operationId, true);
  const { link, dismissProposal } = useNetworkMutations(operationId, networkId);
  const [confirming, setConfirming] = useState<LinkProposal | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [reliability, setReliability] = useState<string | null>(null);
  const [assessment, setAssessment] = useState<string | null>(null);
  const name = (target: LinkProposal['first']) =>
    `${target.reference} ${target.givenNames} ${target.familyName}`.trim();

  return (
    <QueryState query={proposals}>
      {(page) => {
        const touching = page.items.filter((pair) => memberIds.has(pair.first.id) || memberIds.has(pair.second.id));
        return (
          <Stack>
            {dismissProposal.error && <ErrorAlert error={dismissProposal.error} />}
            {touching.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('networks.proposals.empty')}
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table striped data-testid="proposals-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('networks.proposals.pair')}</Table.Th>
                      <Table.Th scope="col">{t('networks.proposals.shared')}</Table.Th>
                      <Table.Th scope="col">{t('common.actions')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {touching.map((pair) => {
                      const between = `${name(pair.first)} – ${name(pair.second)}`;
                      return (
                        <Table.Tr key={`${pair.first.id}:${pair.second.id}`}>
                          <Table.Td>{between}</Table.Td>
                          <Table.Td>
                            {pair.shared
                              .map(
                                (identifier) => `${t(`enum.identifierKind.${identifier.kind}`)}: ${identifier.value}`,
                              )
                              .join(', ')}
                          </Table.Td>
                          <Table.Td>
                            <Group gap="xs" wrap="nowrap">
                              <Button
                                size="xs"
                                onClick={() => setConfirming(pair)}
                                aria-label={t('networks.proposals.linkLabel', { between })}
                              >
                                {t('networks.proposals.link')}
                              </Button>
                              <Button
                                size="xs"
                                variant="default"
                                aria-label={t('networks.proposals.dismissLabel', { between })}
                                onClick={() =>
                                  dismissProposal.mutate({ targetId: pair.first.id, otherId: pair.second.id })
                                }
                              >
                                {t('networks.links.dismiss')}
                              </Button>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Modal
              opened={confirming !== null}
              onClose={() => setConfirming(null)}
              title={t('networks.proposals.linkTitle')}
            >
              {confirming && (
                <form
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (!type || !reliability || !assessment) return;
                    link.mutate(
                      {
                        targetId: confirming.first.id,
                        otherTargetId: confirming.second.id,
                        type: type as Schemas['LinkType'],
                        sourceReliability: reliability as Schemas['CreateLinkDto']['sourceReliability'],
                        informationAssessment: Number(assessment) as Schemas['CreateLinkDto']['informationAssessment'],
                        note: t('networks.proposals.note', {
                          shared: confirming.shared.map((identifier) => identifier.value).join(', '),
                        }),
                      },
                      { onSuccess: () => setConfirming(null) },
                    );
                  }}
                >
                  <Stack>
                    <Text size="sm">{`${name(confirming.first)} – ${name(confirming.second)}`}</Text>
                    {link.error && <ErrorAlert error={link.error} />}
                    <EnumSelect
                      kind="linkType"
                      values={LINK_TYPES}
                      label={t('networks.links.type')}
                      required
                      value={type}
                      onChange={setType}
                    />
                    <Select
                      label={t('networks.proposals.reliability')}
                      required
                      value={reliability}
                      onChange={setReliability}
                      data={['A', 'B', 'C', 'X'].map((code) => ({ value: code, label: t(`grading.source.${code}`) }))}
                    />
                    <Select
                      label={t('networks.proposals.assessment')}
                      required
                      value={assessment}
                      onChange={setAssessment}
                      data={['1', '2', '3', '4'].map((code) => ({
                        value: code,
                        label: t(`grading.information.${code}`),
                      }))}
                    />
                    <Button type="submit" loading={link.isPending} disabled={!type || !reliability || !assessment}>
                      {t('networks.proposals.confirmLink')}
                    </Button>
                  </Stack>
                </form>
              )}
            </Modal>
          </Stack>
        );
      }}
    </QueryState>
  );
}

/** One network: what is known of it, its members, its picture and its route. */
export function NetworkPage() {
  const { t } = useTranslation();
  const { operationId = '', networkId = '' } = useParams();
  const role = useMe().data?.role;
  const operation = useOperation(operationId).data;
  const network = useNetwork(networkId);
  const members = useNetworkMembers(networkId, network.isSuccess);
  const graph = useNetworkGraph(networkId, network.isSuccess);
  const mutations = useNetworkMutations(operationId, networkId);
  const [editing, { open, close }] = useDisclosure(false);
  const [removing, setRemoving] = useState<NetworkMember | null>(null);
  const coordinator = role === 'coordinator';
  const canChange = coordinator && operation?.status !== 'closed';
  const memberIds = useMemo(() => new Set((members.data ?? []).map((member) => member.targetId)), [members.data]);

  if (network.isError && network.error instanceof ApiError && network.error.status === 404)
    return (
      <Alert color="gray" title={t('errors.notFound')} role="alert" data-testid="network-not-found">
        {t('networks.notFound')}
      </Alert>
    );
  return (
    <QueryState query={network}>
      {(data) => {
        const stops = routeOf(data);
        const targetCount = graph.data?.nodes.filter((node) => node.kind === 'target').length ?? 0;
        const linkCount = graph.data?.edges.filter((edge) => edge.kind === 'link').length ?? 0;
        const sharedCount = graph.data?.nodes.filter((node) => node.kind === 'identifier').length ?? 0;
        return (
          <Stack>
            <Anchor component={Link} to={`/operations/${operationId}/networks`} size="sm">
              {t('networks.back')}
            </Anchor>
            <PageHeader
              title={data.name}
              level={2}
              actions={
                <>
                  <StatusBadge kind="networkStatus" value={data.status} />
                  {canChange && (
                    <Button variant="default" onClick={open}>
                      {t('networks.edit')}
                    </Button>
                  )}
                </>
              }
            />
            <Section title={t('networks.details')} id="network-details">
              <Details network={data} />
            </Section>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <Section title={t('networks.graph.title')} id="network-graph-title">
                <Stack gap="xs">
                  <QueryState query={graph}>
                    {(picture) => (
                      <figure style={{ margin: 0 }} aria-labelledby="network-graph-summary">
                        <Suspense fallback={loading}>
                          <NetworkGraphView graph={picture} operationId={operationId} />
                        </Suspense>
                        <Text component="figcaption" id="network-graph-summary" size="sm" c="dimmed" mt="xs">
                          {t('networks.graph.summary', {
                            members: formatNumber(targetCount),
                            links: formatNumber(linkCount),
                            shared: formatNumber(sharedCount),
                          })}
                        </Text>
                      </figure>
                    )}
                  </QueryState>
                  <GraphLegend />
                </Stack>
              </Section>
              <Section title={t('networks.route.title')} id="network-route-title">
                <Stack gap="xs">
                  {stops.length === 0 ? (
                    <Alert color="gray">{t('networks.route.empty')}</Alert>
                  ) : (
                    <figure style={{ margin: 0 }} aria-labelledby="network-route-text">
                      <Suspense fallback={loading}>
                        <RouteMap stops={stops} />
                      </Suspense>
                      <Text component="figcaption" id="network-route-text" size="sm" mt="xs" data-testid="route-text">
                        {t('networks.route.text', {
                          route: stops
                            .map((stop) => `${countryName(stop.country)} (${t(`networks.route.${stop.leg}`)})`)
                            .join(' → '),
                        })}
                      </Text>
                    </figure>
                  )}
                  <Group
                    gap="md"
                    component="ul"
                    role="list"
                    aria-label={t('networks.route.legend')}
                    style={{ listStyle: 'none', padding: 0, margin: 0 }}
                  >
                    {(Object.keys(LEG_COLOURS) as Leg[]).map((leg) => (
                      <Group key={leg} gap={6} component="li" wrap="nowrap">
                        <Shape shape="ellipse" colour={LEG_COLOURS[leg]} />
                        <Text size="sm">{t(`networks.route.${leg}`)}</Text>
                      </Group>
                    ))}
                  </Group>
                </Stack>
              </Section>
            </SimpleGrid>
            <Section title={t('networks.members.title')} id="network-members-title">
              <Stack>
                {mutations.removeMember.error && <ErrorAlert error={mutations.removeMember.error} />}
                <QueryState query={members}>
                  {(list) => (
                    <MembersTable
                      operationId={operationId}
                      members={list}
                      canChange={canChange}
                      onRemove={setRemoving}
                    />
                  )}
                </QueryState>
                {canChange && <AddMemberForm operationId={operationId} networkId={networkId} />}
              </Stack>
            </Section>
            <Section title={t('networks.links.title')} id="network-links-title">
              <QueryState query={graph}>
                {(picture) => (
                  <LinksTables
                    operationId={operationId}
                    networkId={networkId}
                    graph={picture}
                    coordinator={canChange}
                  />
                )}
              </QueryState>
            </Section>
            {canChange && (
              <Section title={t('networks.proposals.title')} id="network-proposals-title">
                <Proposals operationId={operationId} networkId={networkId} memberIds={memberIds} />
              </Section>
            )}
            <Modal opened={editing} onClose={close} title={t('networks.edit')} size="xl">
              <NetworkForm
                network={data}
                pending={mutations.update.isPending}
                error={mutations.update.error}
                onSubmit={(values) =>
                  mutations.update.mutate({ ...toNetworkBody(values), version: data.version }, { onSuccess: close })
                }
              />
            </Modal>
            <Modal
              opened={removing !== null}
              onClose={() => setRemoving(null)}
              title={t('networks.members.removeTitle')}
            >
              <Stack>
                <Text>{removing && t('networks.members.removeText', { reference: removing.reference })}</Text>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setRemoving(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button
                    color="red"
                    loading={mutations.removeMember.isPending}
                    onClick={() =>
                      removing && mutations.removeMember.mutate(removing.id, { onSuccess: () => setRemoving(null) })
                    }
                  >
                    {t('common.remove')}
                  </Button>
                </Group>
              </Stack>
            </Modal>
          </Stack>
        );
      }}
    </QueryState>
  );
}
