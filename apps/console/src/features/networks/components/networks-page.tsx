import { Alert, Anchor, Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import { useMe } from '../../../hooks/use-me';
import { useOperation } from '../../../hooks/use-operation';
import { formatNumber } from '../../../lib/format';
import { useNetworkFigures, useNetworkMutations, useNetworks, type NetworkFigures } from '../api/networks';
import { NetworkForm, toNetworkBody } from './network-form';

export const TAKEDOWN_COLOURS: Record<NetworkFigures['takedown'], string> = {
  not_disrupted: 'gray',
  disrupted: 'yellow',
  dismantled: 'green',
};

/**
 * The operation's networks the user may see, with the roll-up's per-network figures (coordinators
 * and observers; an investigator's roll-up has none, as its members include other countries').
 */
export function NetworksPage() {
  const { t, i18n } = useTranslation();
  const percent = (share: number) => new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(share);
  const { operationId = '' } = useParams();
  const navigate = useNavigate();
  const role = useMe().data?.role;
  const operation = useOperation(operationId).data;
  const networks = useNetworks(operationId);
  const figures = useNetworkFigures(operationId);
  const mutations = useNetworkMutations(operationId);
  const [creating, { open, close }] = useDisclosure(false);
  const canCreate = role === 'coordinator' && operation?.status !== 'closed';
  const byNetwork = new Map((figures.data ?? []).map((figure) => [figure.networkId, figure]));
  const withFigures = figures.data != null;

  return (
    <Stack>
      <PageHeader
        title={t('networks.title')}
        level={2}
        actions={canCreate && <Button onClick={open}>{t('networks.create')}</Button>}
      />
      <Text c="dimmed" size="sm">
        {withFigures ? t('networks.intro') : t('networks.introNoFigures')}
      </Text>
      <QueryState query={networks}>
        {(page) =>
          page.items.length === 0 ? (
            <Alert color="gray">{t('networks.empty')}</Alert>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover data-testid="networks-table">
                <Table.Caption>{t('networks.caption', { formatted: formatNumber(page.total) })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('networks.columns.name')}</Table.Th>
                    <Table.Th scope="col">{t('networks.columns.status')}</Table.Th>
                    {withFigures && (
                      <>
                        <Table.Th scope="col">{t('networks.figures.members')}</Table.Th>
                        <Table.Th scope="col">{t('networks.figures.arrested')}</Table.Th>
                        <Table.Th scope="col">{t('networks.figures.located')}</Table.Th>
                        <Table.Th scope="col">{t('networks.figures.atLarge')}</Table.Th>
                        <Table.Th scope="col">{t('networks.figures.leadersArrested')}</Table.Th>
                        <Table.Th scope="col">{t('networks.figures.takedown')}</Table.Th>
                      </>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((network) => {
                    const figure = byNetwork.get(network.id);
                    return (
                      <Table.Tr key={network.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/operations/${operationId}/networks/${network.id}`} fw={600}>
                            {network.name}
                          </Anchor>
                          {network.aliases.length > 0 && (
                            <Text size="xs" c="dimmed">
                              {t('networks.aka', { aliases: network.aliases.join(', ') })}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <StatusBadge kind="networkStatus" value={network.status} />
                        </Table.Td>
                        {withFigures &&
                          (figure ? (
                            <>
                              <Table.Td>{formatNumber(figure.members)}</Table.Td>
                              <Table.Td>{formatNumber(figure.arrested)}</Table.Td>
                              <Table.Td>{formatNumber(figure.located)}</Table.Td>
                              <Table.Td>
                                {formatNumber(figure.stillAtLarge)} ({percent(figure.shareAtLarge)})
                              </Table.Td>
                              <Table.Td>
                                {t('networks.ofTotal', {
                                  part: formatNumber(figure.leadersAndOrganisersArrested),
                                  total: formatNumber(figure.leadersAndOrganisers),
                                })}
                              </Table.Td>
                              <Table.Td>
                                <Badge
                                  color={TAKEDOWN_COLOURS[figure.takedown]}
                                  variant="light"
                                  c="var(--mantine-color-text)"
                                >
                                  {t(`enum.takedown.${figure.takedown}`)}
                                </Badge>
                              </Table.Td>
                            </>
                          ) : (
                            <Table.Td colSpan={6}>
                              <Text size="sm" c="dimmed">
                                {t('networks.figuresPending')}
                              </Text>
                            </Table.Td>
                          ))}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <Text size="xs" c="dimmed">
        {t('networks.takedownRule')}
      </Text>
      <Modal opened={creating} onClose={close} title={t('networks.create')} size="xl">
        <NetworkForm
          pending={mutations.create.isPending}
          error={mutations.create.error}
          onSubmit={(values) =>
            mutations.create.mutate(toNetworkBody(values), {
              onSuccess: (network) => {
                close();
                void navigate(`/operations/${operationId}/networks/${network.id}`);
              },
            })
          }
        />
      </Modal>
    </Stack>
  );
}
