import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { XlsxStreamWriter, type XlsxSheetSpec, type XlsxSheetWriter } from '@dragnet/platform';
import { LeadStatus } from '../leads';
import { TARGET_COLUMNS } from './results-queries';
import type { OperationResults } from './results.service';
import type { CountryFigures, LeadFigures, RequestFigures, TaskFigures } from '../rollups';
import { TargetStatus } from '../targets';
import { escapeCell } from './cell-escaping';
import { ExportFormat, ExportScope } from './export-vocabulary';

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

const LEAD_STATUSES = Object.values(LeadStatus);
const TARGET_STATUSES = Object.values(TargetStatus);

/**
 * The summary table: the roll-up's figures, one column per number. On a country's row, `arrested`
 * and `located` are the targets arrested or located in that country, and `still_at_large` those
 * still at large that it wants (the roll-up's arrestedIn, locatedIn, stillAtLargeWantedBy); on the
 * ALL row, the operation's totals.
 */
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

/** e.g. "blue_diffusion draft: 1; red draft: 1; red published: 2" */
const describeRequests = (requests: RequestFigures) =>
  Object.entries(requests)
    .flatMap(([type, byStatus]) => Object.entries(byStatus).map(([status, count]) => [`${type} ${status}`, count]))
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([key, count]) => `${key}: ${count}`)
    .join('; ');

interface RowFigures {
  targetsNominated: number;
  targetsWanted: number;
  arrested: number;
  located: number;
  stillAtLarge: number;
  leads: LeadFigures;
  tasks: TaskFigures;
  requests: RequestFigures;
}

function figureCells(figures: RowFigures): Record<string, string | number> {
  return {
    targets_nominated: figures.targetsNominated,
    targets_wanted: figures.targetsWanted,
    arrested: figures.arrested,
    located: figures.located,
    still_at_large: figures.stillAtLarge,
    leads_reported: figures.leads.total,
    ...Object.fromEntries(LEAD_STATUSES.map((status) => [`leads_${status}`, figures.leads.byStatus[status]])),
    leads_last_24h: figures.leads.last24Hours,
    tasks_open: figures.tasks.open,
    tasks_overdue: figures.tasks.overdue,
    tasks_done: figures.tasks.done,
    notices_and_diffusions: describeRequests(figures.requests),
  };
}

const countryCells = (country: CountryFigures) =>
  figureCells({
    ...country,
    arrested: country.arrestedIn,
    located: country.locatedIn,
    stillAtLarge: country.stillAtLargeWantedBy,
  });

/**
 * The per-country rows, then the operation-wide row (country ALL) carrying the headline. In a
 * country's view there are no operation-wide totals (as in the roll-up an investigator sees): its
 * ALL row holds the headline's figures only.
 */
export function summaryRows(results: OperationResults): Record<string, string | number>[] {
  const { totals, headline } = results;
  const totalCells = totals
    ? figureCells({ ...totals, targetsNominated: totals.targets, targetsWanted: totals.targets })
    : { arrested: headline.arrested, located: headline.located };
  return [
    ...results.countries.map((country) => ({
      country: country.country,
      participant: country.participant ? 'yes' : 'no',
      ...countryCells(country),
      countries_with_results: '',
      headline: '',
    })),
    {
      ...Object.fromEntries(SUMMARY_COLUMNS.map((column) => [column, ''])),
      country: TOTALS_ROW_COUNTRY,
      participant: '',
      ...totalCells,
      countries_with_results: headline.countries,
      headline: headline.text,
    },
  ];
}

/** The headline part as (figure, value) pairs; the operation-wide totals only in the whole operation's view. */
export function headlineRows(header: FileHeader, results: OperationResults): [string, string | number][] {
  const { totals } = results;
  return [
    ['operation', header.operation.code],
    ['operation_name', header.operation.name],
    ['operation_status', header.operation.status],
    ['view', header.country ?? 'all countries'],
    ['generated_at', header.generatedAt],
    ['figures_computed_at', results.computedAt.toISOString()],
    ['headline', results.headline.text],
    ['arrested', results.headline.arrested],
    ['located', results.headline.located],
    ['countries_with_results', results.headline.countries],
    ...(totals
      ? [
          ['still_at_large', totals.stillAtLarge] as [string, number],
          ['targets', totals.targets] as [string, number],
          ...TARGET_STATUSES.map((status): [string, number] => [`targets_${status}`, totals.targetsByStatus[status]]),
        ]
      : []),
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
 * XLSX through a small streaming writer (the platform's files/xlsx-stream.ts): one sheet per part, each with a frozen, bold
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
      // The roll-up's own shapes, as GET /operations/:id/status shows them to the same user.
      Object.assign(head, {
        figuresComputedAt: results.computedAt,
        headline: results.headline,
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
