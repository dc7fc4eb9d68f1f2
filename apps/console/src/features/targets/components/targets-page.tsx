import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import type { ColumnDef, RowSelectionState } from '@tanstack/react-table';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CountrySelect } from '../../../components/country-select';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { StatusBadgeLabel, statusLabel } from '../../../components/status-badge';
import { VirtualTable, type TableSort, type VirtualColumnMeta } from '../../../components/virtual-table';
import { useMe } from '../../../hooks/use-me';
import { useOperation } from '../../../hooks/use-operation';
import type { Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { OFFENCES, PRIORITIES, TARGET_STATUSES } from '../../../lib/enums';
import { queryKeys } from '../../../lib/query-keys';
import { moveMany, useTargetPages, type Target, type TargetFilters } from '../api/targets';
import { NominateForm } from './nominate-form';

type FilterKey = Exclude<keyof TargetFilters, 'q'>;
type Sort = NonNullable<TargetFilters['sort']>;
const sortMeta = (sortKey: string): VirtualColumnMeta => ({ sortKey });

/** The `sort` of the URL as the table shows it (the API's default order, by reference, shows as such). */
function tableSort(sort: string | null): TableSort {
  if (!sort) return { key: 'reference', descending: false };
  return sort.startsWith('-') ? { key: sort.slice(1), descending: true } : { key: sort, descending: false };
}

export function TargetsPage() {
  const { t } = useTranslation();
  const { operationId = '' } = useParams();
  const me = useMe().data;
  const operation = useOperation(operationId).data;
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const filters: TargetFilters = useMemo(() => {
    const value = (key: string) => params.get(key) ?? undefined;
    const red = params.get('hasRedNoticeOrDiffusion');
    return {
      q: q.length >= 2 ? q : undefined,
      status: value('status') as Schemas['TargetStatus'] | undefined,
      priority: value('priority') as Schemas['Priority'] | undefined,
      offence: value('offence') as Schemas['OffenceCategory'] | undefined,
      wantedBy: value('wantedBy'),
      nominatingCountry: value('nominatingCountry'),
      nationality: value('nationality'),
      hasRedNoticeOrDiffusion: red === null ? undefined : red === 'true',
      sort: value('sort') as Sort | undefined,
    };
  }, [params, q]);
  // Kept in the URL with the filters, so a sorted, filtered list can be shared and survives a reload.
  // A search without a sort comes closest spelling first: no column is sorted then.
  const sort = useMemo(
    () => (params.get('sort') || !filters.q ? tableSort(params.get('sort')) : null),
    [params, filters.q],
  );
  const onSortChange = useCallback(
    ({ key, descending }: TableSort) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set('sort', `${descending ? '-' : ''}${key}`);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setFilter = useCallback(
    (key: FilterKey, value: string | null) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const pages = useTargetPages(operationId, filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total ?? 0;
  // isFetchingNextPage is not read: the page would render again (filters and all) as each fetch
  // starts and ends; with cancelRefetch false a call while a page is on its way does nothing.
  const { fetchNextPage, hasNextPage } = pages;
  const onNeedMore = useCallback(() => {
    if (hasNextPage) void fetchNextPage({ cancelRefetch: false });
  }, [fetchNextPage, hasNextPage]);

  const coordinator = me?.role === 'coordinator';
  const canNominate =
    (coordinator || me?.role === 'investigator') &&
    (operation?.status === 'planning' || operation?.status === 'nomination');
  const [selection, setSelection] = useState<RowSelectionState>({});
  const selected = rows.filter((row) => selection[row.id] && row.status === 'nominated');
  const [progress, setProgress] = useState<{
    done: number;
    of: number;
    failed: { target: Target; message: string }[];
  } | null>(null);
  const [nominating, nominateModal] = useDisclosure(false);

  async function bulk(status: 'accepted' | 'rejected') {
    setProgress({ done: 0, of: selected.length, failed: [] });
    const result = await moveMany(selected, status, (done) =>
      setProgress((previous) => previous && { ...previous, done }),
    );
    setProgress((previous) => previous && { ...previous, failed: result.failed });
    setSelection({});
    await client.invalidateQueries({ queryKey: queryKeys.targets(operationId) });
    await client.invalidateQueries({ queryKey: queryKeys.figures(operationId) });
  }

  const columns = useMemo<ColumnDef<Target, unknown>[]>(
    () => [
      ...(coordinator
        ? [
            {
              id: 'select',
              size: 40,
              header: () => null,
              cell: ({ row }) =>
                row.original.status === 'nominated' ? (
                  <Checkbox
                    aria-label={t('targets.select', { reference: row.original.reference })}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                  />
                ) : null,
            } satisfies ColumnDef<Target, unknown>,
          ]
        : []),
      {
        id: 'reference',
        header: t('targets.reference'),
        size: 150,
        meta: sortMeta('reference'),
        cell: ({ row }) => (
          <Anchor component={Link} to={`/operations/${operationId}/targets/${row.original.id}`}>
            {row.original.reference}
          </Anchor>
        ),
      },
      {
        id: 'name',
        header: t('targets.name'),
        size: 240,
        meta: sortMeta('name'),
        cell: ({ row }) => `${row.original.familyName.toUpperCase()}, ${row.original.givenNames ?? ''}`,
      },
      {
        id: 'born',
        header: t('targets.born'),
        size: 110,
        cell: ({ row }) => row.original.birthDate ?? row.original.birthYear ?? '',
      },
      {
        id: 'wantedBy',
        header: t('targets.wantedBy'),
        size: 140,
        meta: sortMeta('wantedBy'),
        cell: ({ row }) => countryName(row.original.wantedByCountry),
      },
      {
        id: 'nominatedBy',
        header: t('targets.nominatedBy'),
        size: 140,
        cell: ({ row }) => countryName(row.original.nominatingCountry),
      },
      {
        id: 'priority',
        header: t('targets.priority'),
        size: 100,
        cell: ({ row }) => {
          const priority = row.original.priority ?? 'medium';
          return <StatusBadgeLabel value={priority} label={statusLabel(t, 'priority', priority)} />;
        },
      },
      {
        id: 'status',
        header: t('targets.status'),
        size: 120,
        meta: sortMeta('status'),
        cell: ({ row }) => (
          <StatusBadgeLabel value={row.original.status} label={statusLabel(t, 'targetStatus', row.original.status)} />
        ),
      },
    ],
    [coordinator, operationId, t],
  );

  return (
    <Stack>
      <PageHeader
        title={t('targets.title')}
        actions={canNominate && <Button onClick={nominateModal.open}>{t('targets.nominate')}</Button>}
      />
      <TargetFiltersPanel params={params} search={search} onSearch={setSearch} onFilter={setFilter} />
      {coordinator && (
        <Group>
          <Text size="sm">{t('targets.selected', { count: selected.length })}</Text>
          <Button size="xs" disabled={selected.length === 0} onClick={() => void bulk('accepted')}>
            {t('targets.acceptSelected')}
          </Button>
          <Button size="xs" color="red" disabled={selected.length === 0} onClick={() => void bulk('rejected')}>
            {t('targets.rejectSelected')}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={rows.every((row) => row.status !== 'nominated')}
            onClick={() =>
              setSelection(
                Object.fromEntries(rows.filter((row) => row.status === 'nominated').map((row) => [row.id, true])),
              )
            }
          >
            {t('targets.selectAllNominated')}
          </Button>
        </Group>
      )}
      {progress && (
        <Stack gap={4}>
          <Progress value={(progress.done / Math.max(progress.of, 1)) * 100} aria-label={t('targets.bulkProgress')} />
          <Text size="sm" aria-live="polite">
            {t('targets.bulkDone', { done: progress.done, of: progress.of, failed: progress.failed.length })}
          </Text>
          {progress.failed.slice(0, 20).map((failure) => (
            <Text key={failure.target.id} size="sm" c="red">
              {failure.target.reference}: {failure.message}
            </Text>
          ))}
        </Stack>
      )}
      <ErrorAlert error={pages.error} />
      <VirtualTable
        label={t('targets.title')}
        rows={rows}
        columns={columns}
        total={total}
        getRowId={targetId}
        onNeedMore={onNeedMore}
        rowSelection={coordinator ? selection : undefined}
        onRowSelectionChange={coordinator ? setSelection : undefined}
        sort={sort}
        onSortChange={onSortChange}
        resetKey={JSON.stringify(filters)}
      />
      <Modal opened={nominating} onClose={nominateModal.close} title={t('targets.nominate')} size="xl">
        <NominateForm operationId={operationId} onDone={nominateModal.close} />
      </Modal>
    </Stack>
  );
}

const targetId = (target: Target) => target.id;

interface TargetFiltersPanelProps {
  params: URLSearchParams;
  search: string;
  onSearch: (search: string) => void;
  onFilter: (key: FilterKey, value: string | null) => void;
}

/** The search and filters: memoised, so a page of rows arriving does not render eight pickers again. */
const TargetFiltersPanel = memo(function TargetFiltersPanel({
  params,
  search,
  onSearch,
  onFilter,
}: TargetFiltersPanelProps) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs">
      <TextInput
        label={t('targets.search')}
        description={t('targets.searchHint')}
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
      />
      <EnumSelect
        kind="targetStatus"
        values={TARGET_STATUSES}
        label={t('targets.status')}
        clearable
        value={params.get('status')}
        onChange={(value) => onFilter('status', value)}
      />
      <EnumSelect
        kind="priority"
        values={PRIORITIES}
        label={t('targets.priority')}
        clearable
        value={params.get('priority')}
        onChange={(value) => onFilter('priority', value)}
      />
      <EnumSelect
        kind="offence"
        values={OFFENCES}
        label={t('targets.offence')}
        clearable
        value={params.get('offence')}
        onChange={(value) => onFilter('offence', value)}
      />
      <CountrySelect
        label={t('targets.wantedBy')}
        value={params.get('wantedBy')}
        onChange={(value) => onFilter('wantedBy', value)}
      />
      <CountrySelect
        label={t('targets.nominatedBy')}
        value={params.get('nominatingCountry')}
        onChange={(value) => onFilter('nominatingCountry', value)}
      />
      <CountrySelect
        label={t('targets.nationality')}
        value={params.get('nationality')}
        onChange={(value) => onFilter('nationality', value)}
      />
      <Select
        label={t('targets.redNotice')}
        clearable
        data={[
          { value: 'true', label: t('targets.redNoticeYes') },
          { value: 'false', label: t('targets.redNoticeNo') },
        ]}
        value={params.get('hasRedNoticeOrDiffusion')}
        onChange={(value) => onFilter('hasRedNoticeOrDiffusion', value)}
      />
    </SimpleGrid>
  );
});
