import { Anchor, Badge, Button, Group, List, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import type { Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { formatDate } from '../../../lib/format';
import { useDuplicates, useTargetMutations } from '../api/targets';

type Pair = Schemas['DuplicatePairDto'];

/** Likely duplicate pairs, side by side with their score and reasons: dismiss, or merge into a survivor. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const duplicates = useDuplicates(operationId);
  return (
    <Stack>
      <PageHeader title={t('duplicates.title')} />
      <Text>{t('duplicates.intro')}</Text>
      <QueryState query={duplicates}>
        {(page) => (
          <Stack>
            {page.items.length === 0 && <Text c="dimmed">{t('duplicates.empty')}</Text>}
            {page.items.map((pair) => (
              <PairCard key={`${pair.first.id}:${pair.second.id}`} operationId={operationId} pair={pair} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function PairCard({ operationId, pair }: { operationId: string; pair: Pair }) {
  const { t } = useTranslation();
  const { merge, dismiss } = useTargetMutations(operationId);
  const [survivor, setSurvivor] = useState(pair.first.id);
  const other = survivor === pair.first.id ? pair.second : pair.first;
  const side = (target: Pair['first']) => (
    <Paper withBorder p="sm">
      <Radio value={target.id} label={t('duplicates.keep', { reference: target.reference })} mb="xs" />
      <Anchor component={Link} to={`/operations/${operationId}/targets/${target.id}`} fw={600}>
        {target.familyName.toUpperCase()}, {target.givenNames}
      </Anchor>
      <Text size="sm">
        {t('targets.born')}: {target.birthDate ? formatDate(target.birthDate) : (target.birthYear ?? '—')}
      </Text>
      <Text size="sm">
        {t('targets.nominatedBy')}: {countryName(target.nominatingCountry)}
      </Text>
    </Paper>
  );
  return (
    <Paper withBorder p="md" data-testid="duplicate-pair">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {pair.first.reference} ↔ {pair.second.reference}
        </Title>
        <Badge size="lg">{t('duplicates.score', { score: Math.round(pair.score * 100) })}</Badge>
      </Group>
      <Radio.Group value={survivor} onChange={setSurvivor} label={t('duplicates.survivor')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {side(pair.first)}
          {side(pair.second)}
        </SimpleGrid>
      </Radio.Group>
      <List size="sm" mt="sm">
        {pair.reasons.map((reason) => (
          <List.Item key={reason.code}>{reason.detail}</List.Item>
        ))}
      </List>
      <ErrorAlert error={merge.error ?? dismiss.error} />
      <Group mt="sm">
        <Button onClick={() => merge.mutate({ targetId: other.id, intoId: survivor })} loading={merge.isPending}>
          {t('duplicates.merge', { from: other.reference })}
        </Button>
        <Button
          variant="default"
          onClick={() => dismiss.mutate({ targetId: pair.first.id, otherId: pair.second.id })}
          loading={dismiss.isPending}
        >
          {t('duplicates.dismiss')}
        </Button>
      </Group>
    </Paper>
  );
}
