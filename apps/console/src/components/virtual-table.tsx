import { Box, Table, Text } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

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
  height?: number;
}

const ROW_HEIGHT = 41;

/**
 * A long list as a table: only the rows in view are in the page (TanStack Virtual), so 100,000
 * rows scroll as smoothly as 100; the next page is asked for as the end comes into view.
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
  height = 560,
}: VirtualTableProps<T>) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const table = useReactTable({
    data: rows,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    state: { rowSelection: rowSelection ?? {} },
    enableRowSelection: onRowSelectionChange !== undefined,
    onRowSelectionChange: (updater) =>
      onRowSelectionChange?.(typeof updater === 'function' ? updater(rowSelection ?? {}) : updater),
  });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1);

  useEffect(() => {
    if (last && last.index >= tableRows.length - 20 && tableRows.length < total) onNeedMore?.();
  }, [last, tableRows.length, total, onNeedMore]);

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (last?.end ?? 0);
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
        <Table stickyHeader striped highlightOnHover aria-rowcount={total + 1}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} style={{ width: header.getSize() }}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {before > 0 && (
              <tr aria-hidden="true">
                <td style={{ height: before, padding: 0, border: 0 }} colSpan={columns.length} />
              </tr>
            )}
            {items.map((item) => {
              const row = tableRows[item.index];
              return (
                <Table.Tr key={row.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
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
