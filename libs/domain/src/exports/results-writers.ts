import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { LEAD_STATUSES, TARGET_STATUSES } from '../results/result-figures';
import { TARGET_COLUMNS } from '../results/results-queries';
import type { OperationResults, RequestCounts, ResultFigures } from '../results/results.service';
import { escapeCell } from './cell-escaping';
import { ExportFormat, ExportScope } from './export-vocabulary';
import { XlsxStreamWriter, type XlsxSheetSpec, type XlsxSheetWriter } from './xlsx-stream';

/** One target's values in TARGET_COLUMNS order (fetched in array mode: no object per row). */
export type TargetRow = (string | number)[];

export interface FileHeader {
  operation: { code: string; name: string; status: string };
  /** The country view, or null for the whole operation. */
  country: string | null;
  scope: ExportScope;
  generatedAt: string;
}

/** Writes one results file to `out` as parts arrive: header and summary first, then target rows. */
export interface ResultsWriter {
  start(results: OperationResults): Promise<void>;
  /** A batch of target rows; resolves when the output can take more. */
  targets(rows: TargetRow[]): Promise<void>;
  finish(): Promise<void>;
}

export const SUMMARY_COLUMNS = [
  'country',
  'participant',
  'targets_nominated',
  'targets_wanted',
  'arrested',
  'located',
  'still_at_large',
  'leads_reported',
  ...LEAD_STATUSES.map((status) => `leads_${status}`),
  'leads_last_24h',
  'tasks_open',
  'tasks_overdue',
  'tasks_done',
  'notices_and_diffusions',
  'countries_with_results',
  'headline',
] as const;

export const TOTALS_ROW_COUNTRY = 'ALL';

const describeRequests = (requests: RequestCounts) =>
  Object.entries(requests)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key}: ${count}`)
    .join('; ');

function figureCells(figures: ResultFigures): Record<string, string | number> {
  return {
    targets_nominated: figures.targetsNominated,
    targets_wanted: figures.targetsWanted,
    arrested: figures.arrested,
    located: figures.located,
    still_at_large: figures.stillAtLarge,
    leads_reported: figures.leadsReported,
    ...Object.fromEntries(LEAD_STATUSES.map((status) => [`leads_${status}`, figures.leadsByStatus[status]])),
    leads_last_24h: figures.leadsLast24h,
    tasks_open: figures.tasksOpen,
    tasks_overdue: figures.tasksOverdue,
    tasks_done: figures.tasksDone,
    notices_and_diffusions: describeRequests(figures.requests),
  };
}

/** The per-country rows, then the operation-wide row (country ALL) carrying the headline. */
export function summaryRows(results: OperationResults): Record<string, string | number>[] {
  return [
    ...results.countries.map((country) => ({
      country: country.country,
      participant: country.participant ? 'yes' : 'no',
      ...figureCells(country),
      countries_with_results: '',
      headline: '',
    })),
    {
      country: TOTALS_ROW_COUNTRY,
      participant: '',
      ...figureCells(results.totals),
      countries_with_results: results.headline.countries,
      headline: results.headline.text,
    },
  ];
}

/** The headline part as (figure, value) pairs. */
export function headlineRows(header: FileHeader, results: OperationResults): [string, string | number][] {
  return [
    ['operation', header.operation.code],
    ['operation_name', header.operation.name],
    ['operation_status', header.operation.status],
    ['view', header.country ?? 'all countries'],
    ['generated_at', header.generatedAt],
    ['headline', results.headline.text],
    ['arrested', results.headline.arrested],
    ['located', results.headline.located],
    ['countries_with_results', results.headline.countries],
    ['still_at_large', results.totals.stillAtLarge],
    ['targets', results.totals.targetsWanted],
    ...TARGET_STATUSES.map((status): [string, number] => [`targets_${status}`, results.targetsByStatus[status]]),
  ];
}

const includesTargets = (scope: ExportScope) => scope !== ExportScope.Summary;
const includesSummary = (scope: ExportScope) => scope !== ExportScope.Targets;

/** Writes to a Node stream, waiting for it to drain so memory stays flat. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180): formula-escaped text, quoted when needed; numbers as they are. */
function csvField(value: string | number | null | undefined): string {
  if (typeof value === 'number') return String(value);
  if (value === null || value === undefined) return '';
  const text = escapeCell(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (values: readonly (string | number | null | undefined)[]) => `${values.map(csvField).join(',')}\r\n`;

/**
 * CSV holds one table: the target rows (scope targets) or the summary rows (scope summary). Written
 * by hand, one string per batch, because a per-row stream object costs more than the database.
 */
class CsvResultsWriter implements ResultsWriter {
  private readonly done: Promise<unknown>;

  constructor(
    private readonly out: Writable,
    private readonly header: FileHeader,
  ) {
    this.done = once(out, 'finish');
  }

  async start(results: OperationResults): Promise<void> {
    const columns: readonly string[] = includesTargets(this.header.scope) ? TARGET_COLUMNS : SUMMARY_COLUMNS;
    // The BOM makes Excel read the file as UTF-8 (names in Arabic, Greek, Cyrillic...).
    let text = `\uFEFF${csvLine(columns)}`;
    if (!includesTargets(this.header.scope)) {
      for (const row of summaryRows(results)) text += csvLine(SUMMARY_COLUMNS.map((column) => row[column]));
    }
    await write(this.out, text);
  }

  async targets(rows: TargetRow[]): Promise<void> {
    let text = '';
    for (const row of rows) text += csvLine(row);
    await write(this.out, text);
  }

  async finish(): Promise<void> {
    this.out.end();
    await this.done;
  }
}

const TARGETS_SHEET = 'Targets';
const COUNTRIES_SHEET = 'Countries';
const HEADLINE_SHEET = 'Headline';

const escapeValue = (value: string | number) => (typeof value === 'string' ? escapeCell(value) : value);

/**
 * XLSX through a small streaming writer (xlsx-stream.ts): one sheet per part, each with a frozen, bold
 * header row. A zip entry is written whole before the next starts, so the Targets sheet streams
 * first, as rows arrive, and the small Countries and Headline sheets follow; the workbook still lists
 * them in the order Targets, Countries, Headline.
 */
class XlsxResultsWriter implements ResultsWriter {
  private readonly workbook: XlsxStreamWriter;
  private sheet: XlsxSheetWriter | undefined;
  private results: OperationResults | undefined;

  constructor(
    out: Writable,
    private readonly header: FileHeader,
  ) {
    const sheets: XlsxSheetSpec[] = [];
    if (includesTargets(header.scope)) {
      sheets.push({ name: TARGETS_SHEET, columnWidths: TARGET_COLUMNS.map((key) => (key === 'reference' ? 20 : 16)) });
    }
    if (includesSummary(header.scope)) {
      sheets.push({ name: COUNTRIES_SHEET, columnWidths: SUMMARY_COLUMNS.map(() => 14) });
      sheets.push({ name: HEADLINE_SHEET, columnWidths: [24, 60] });
    }
    this.workbook = new XlsxStreamWriter(out, sheets);
  }

  async start(results: OperationResults): Promise<void> {
    this.results = results;
    await this.workbook.start();
    if (includesTargets(this.header.scope)) this.sheet = await this.workbook.sheet(TARGETS_SHEET, TARGET_COLUMNS);
  }

  async targets(rows: TargetRow[]): Promise<void> {
    await this.sheet!.rows(rows.map((row) => row.map(escapeValue)));
  }

  async finish(): Promise<void> {
    await this.sheet?.close();
    const results = this.results!;
    if (includesSummary(this.header.scope)) {
      const countries = await this.workbook.sheet(COUNTRIES_SHEET, SUMMARY_COLUMNS);
      await countries.rows(
        summaryRows(results).map((row) => SUMMARY_COLUMNS.map((column) => escapeValue(row[column]))),
      );
      await countries.close();
      const headline = await this.workbook.sheet(HEADLINE_SHEET, ['figure', 'value']);
      await headline.rows(headlineRows(this.header, results).map(([figure, value]) => [figure, escapeValue(value)]));
      await headline.close();
    }
    await this.workbook.finish();
  }
}

/** One JSON document, written by hand so the target list streams instead of being built in memory. */
class JsonResultsWriter implements ResultsWriter {
  private first = true;
  private readonly done: Promise<unknown>;

  constructor(
    private readonly out: Writable,
    private readonly header: FileHeader,
  ) {
    this.done = once(out, 'finish');
  }

  async start(results: OperationResults): Promise<void> {
    const head: Record<string, unknown> = { ...this.header };
    if (includesSummary(this.header.scope)) {
      Object.assign(head, {
        headline: results.headline,
        targetsByStatus: results.targetsByStatus,
        totals: results.totals,
        countries: results.countries,
      });
    }
    const opening = JSON.stringify(head);
    // Reopen the object to append the streamed target array.
    await write(this.out, includesTargets(this.header.scope) ? `${opening.slice(0, -1)},"targets":[` : opening);
  }

  /** Rows come as one JSON object each, made by Postgres (targetJsonRowsQuery). */
  async targets(rows: TargetRow[]): Promise<void> {
    let text = '';
    for (const [json] of rows) {
      text += `${this.first ? '' : ','}\n${json}`;
      this.first = false;
    }
    await write(this.out, text);
  }

  async finish(): Promise<void> {
    if (includesTargets(this.header.scope)) await write(this.out, '\n]}\n');
    else await write(this.out, '\n');
    this.out.end();
    await this.done;
  }
}

export function resultsWriter(format: ExportFormat, out: Writable, header: FileHeader): ResultsWriter {
  switch (format) {
    case ExportFormat.Csv:
      return new CsvResultsWriter(out, header);
    case ExportFormat.Xlsx:
      return new XlsxResultsWriter(out, header);
    case ExportFormat.Json:
      return new JsonResultsWriter(out, header);
  }
}
