import { Box, Table, Text, UnstyledButton } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type HeaderGroup,
  type Row,
  type RowSelectionState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A sortable column names its sort key (the API's) in its meta. */
export interface VirtualColumnMeta {
  sortKey?: string;
}

/** The list's order: an API sort key, ascending or descending. */
export interface TableSort {
  key: string;
  descending: boolean;
}

interface VirtualTableProps<T> {
  label: string;
  rows: T[];
  columns: ColumnDef<T, unknown>[];
  /** Rows the server has in all (rows are fetched page by page as the list scrolls). */
  total: number;
  getRowId: (row: T) => string;
  onNeedMore?: () => void;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (selection: RowSelectionState) => void;
  /** With onSortChange, columns whose meta has a sortKey get a header button and aria-sort. */
  sort?: TableSort | null;
  onSortChange?: (sort: TableSort) => void;
  /** When it changes (another filter or order), the list starts again from its top. */
  resetKey?: string;
  height?: number;
}

const ROW_HEIGHT = 41;
const ROW_CLASS = `${Table.classes.tr} mantine-Table-tr`;
const CELL_CLASS = `${Table.classes.td} mantine-Table-td`;
const CELL_STYLE = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
/** Rows rendered beyond the viewport on each side: enough for a wheel step, few enough to stay cheap. */
const OVERSCAN = 6;

/**
 * A long list as a table: only the rows in view are in the page (TanStack Virtual), so 100,000
 * rows scroll as smoothly as 100; the next page is asked for as the end comes into view.
 *
 * What keeps scrolling smooth (measured by bench/console-load.bench.js): TanStack Table builds its
 * row model for the rows in view only (building it for every loaded row cost a frame per loaded
 * page, growing with the list), rows are memoised so a scroll step renders only the rows that came
 * into view, those render in a deferred render that yields to the browser, rows and cells are plain
 * elements, and the table's layout is fixed, so a new row never makes the browser re-measure the
 * columns of every row.
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  total,
  getRowId,
  onNeedMore,
  rowSelection,
  onRowSelectionChange,
  sort,
  onSortChange,
  resetKey,
  height = 560,
}: VirtualTableProps<T>) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);
  // The rows in the page follow the scroll position a render behind: the scroll event's own render
  // (TanStack Virtual's flushSync) changes nothing, and the rows that came into view render in a
  // deferred, interruptible render (React yields to the browser every few milliseconds), so a wheel
  // step never holds a frame for the whole new screen of rows (that was a 40-200 ms task per step).
  // Both deferred values change together, in the same background render.
  const first = useDeferredValue(items[0]?.index ?? 0);
  const end = useDeferredValue(last ? last.index + 1 : 0);
  const visible = useMemo(() => rows.slice(first, end), [rows, first, end]);

  const table = useReactTable({
    data: visible,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    state: { rowSelection: rowSelection ?? {} },
    enableRowSelection: onRowSelectionChange !== undefined,
    onRowSelectionChange: (updater) =>
      onRowSelectionChange?.(typeof updater === 'function' ? updater(rowSelection ?? {}) : updater),
  });
  const tableRows = table.getRowModel().rows;

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  useEffect(() => {
    if (last && last.index >= rows.length - 20 && rows.length < total) onNeedMore?.();
  }, [last, rows.length, total, onNeedMore]);

  // Fixed-height rows: the spacers above and below the rows in the page.
  const before = first * ROW_HEIGHT;
  const after = Math.max(0, virtualizer.getTotalSize() - (first + visible.length) * ROW_HEIGHT);
  return (
    <Box>
      <Box
        ref={scroller}
        style={{ height, overflow: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={label}
        data-testid="virtual-scroller"
      >
        <Table stickyHeader striped highlightOnHover layout="fixed" aria-rowcount={total + 1}>
          <VirtualHead headerGroups={table.getHeaderGroups()} sort={sort} onSortChange={onSortChange} />
          <Table.Tbody>
            {before > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: before, padding: 0, border: 0 }} colSpan={columns.length} />
              </tr>
            )}
            {tableRows.map((row, offset) => (
              <VirtualRow
                key={row.id}
                row={row}
                index={first + offset}
                selected={row.getIsSelected()}
                columns={columns}
              />
            ))}
            {after > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: after, padding: 0, border: 0 }} colSpan={columns.length} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
        {rows.length === 0 && (
          <Text c="dimmed" p="md">
            {t('common.empty')}
          </Text>
        )}
      </Box>
      <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
        {t('common.showingOf', { shown: rows.length, total })}
      </Text>
    </Box>
  );
}

interface VirtualRowProps<T> {
  row: Row<T>;
  index: number;
  selected: boolean;
  /** Only compared: new columns (another language, another role) render the row again. */
  columns: ColumnDef<T, unknown>[];
}

/**
 * One row. The row model is rebuilt as the window moves, so Row objects are new on every scroll
 * step; what the row shows depends only on its record, its place, its selection and the columns.
 */
const VirtualRow = memo(
  function VirtualRow<T>({ row, index }: VirtualRowProps<T>) {
    // Plain elements with Mantine's table classes and attributes (as Table.Tr and Table.Td of a
    // striped, hovered table with row borders render them): their components cost more than the cells.
    return (
      <tr
        className={ROW_CLASS}
        data-with-row-border
        data-striped="odd"
        data-hover
        aria-rowindex={index + 2}
        style={{ height: ROW_HEIGHT }}
      >
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className={CELL_CLASS} style={CELL_STYLE}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </tr>
    );
  },
  (previous, next) =>
    previous.row.original === next.row.original &&
    previous.index === next.index &&
    previous.selected === next.selected &&
    previous.columns === next.columns,
) as <T>(props: VirtualRowProps<T>) => React.ReactElement;

interface VirtualHeadProps<T> {
  headerGroups: HeaderGroup<T>[];
  sort?: TableSort | null;
  onSortChange?: (sort: TableSort) => void;
}

/** The header, rendered again only when its columns or the order change, not on every scroll step. */
const VirtualHead = memo(function VirtualHead<T>({ headerGroups, sort, onSortChange }: VirtualHeadProps<T>) {
  return (
    <Table.Thead>
      {headerGroups.map((group) => (
        <Table.Tr key={group.id}>
          {group.headers.map((header) => {
            const sortKey = (header.column.columnDef.meta as VirtualColumnMeta | undefined)?.sortKey;
            const content = flexRender(header.column.columnDef.header, header.getContext());
            const sortable = sortKey !== undefined && onSortChange !== undefined;
            const sorted = sortable && sort?.key === sortKey ? (sort.descending ? 'descending' : 'ascending') : null;
            return (
              <Table.Th
                key={header.id}
                style={{ width: header.getSize() }}
                aria-sort={sortable ? (sorted ?? 'none') : undefined}
              >
                {sortable ? (
                  <UnstyledButton
                    fw={700}
                    fz="sm"
                    onClick={() => onSortChange({ key: sortKey, descending: sorted === 'ascending' })}
                  >
                    {content}
                    <span aria-hidden="true">
                      {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ' ↕'}
                    </span>
                  </UnstyledButton>
                ) : (
                  content
                )}
              </Table.Th>
            );
          })}
        </Table.Tr>
      ))}
    </Table.Thead>
  );
}) as <T>(props: VirtualHeadProps<T>) => React.ReactElement;
