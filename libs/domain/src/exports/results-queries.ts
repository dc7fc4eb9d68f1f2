import { constantList } from '../common';
import { HandlingCode } from '../leads';
import { NOTICE_TYPES } from '../notices';
import { targetResultSql } from '../rollups';
import { SHARED_STATUSES } from '../targets';

/** Constants of the code, never input, so they may be written into SQL. */
const SHARED_TARGET = constantList(SHARED_STATUSES);
const OPEN_HANDLING = constantList([HandlingCode.H0, HandlingCode.H1]);
const NOTICE_TYPE_LIST = constantList(NOTICE_TYPES);
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS"Z"'`;

/** Whose results: the whole operation (coordinators), or one country's need-to-know view ($2). */
export interface ResultsView {
  operationId: string;
  country: string | null;
}

export interface SqlQuery {
  sql: string;
  parameters: unknown[];
}

const parametersOf = (view: ResultsView) => (view.country ? [view.operationId, view.country] : [view.operationId]);

/**
 * The sets the per-target rows are made of, as CTEs. The whole operation: its targets not merged
 * into another, all its leads, tasks and notice requests. A country's view: the targets it wants or
 * nominated (that it may see), the leads its need-to-know rules show it about them, its own tasks,
 * and the requests it may see on those targets. (The summary's figures are the roll-up's:
 * ResultsService.)
 */
function scopedSets(view: ResultsView): string {
  const country = view.country ? '$2' : null;
  const targetFilter = country
    ? `AND (t.wanted_by_country = ${country} OR t.nominating_country = ${country})
       AND (t.status IN ${SHARED_TARGET} OR t.nominating_country = ${country})`
    : '';
  // The need-to-know rule of leads (leadVisibleCondition), on any target the country may see.
  const leadFilter = country
    ? `AND (lt.status IN ${SHARED_TARGET} OR lt.nominating_country = ${country})
       AND (l.reporting_country = ${country}
         OR (l.handling_code IN ${OPEN_HANDLING} AND (l.country = ${country} OR lt.wanted_by_country = ${country})))`
    : '';
  const taskFilter = country ? `AND k.assigned_country = ${country}` : '';
  const requestFilter = country
    ? `AND (r.requesting_country = ${country}
         OR (r.submitted_at IS NOT NULL AND (r.type IN ${NOTICE_TYPE_LIST} OR r.recipients_all OR ${country} = ANY(r.recipients))))`
    : '';
  return `
    vt AS (
      SELECT t.* FROM targets t
      WHERE t.operation_id = $1 AND t.merged_into_id IS NULL ${targetFilter}
    ),
    vl AS (
      SELECT l.id, l.target_id FROM leads l
      ${country ? 'JOIN targets lt ON lt.id = l.target_id' : ''}
      WHERE l.operation_id = $1 ${leadFilter}
    ),
    vk AS (
      SELECT k.id, k.target_id, k.status FROM tasks k
      WHERE k.operation_id = $1 ${taskFilter}
    ),
    vr AS (
      SELECT r.id, r.target_id, r.type, r.status FROM notice_requests r
      JOIN vt ON vt.id = r.target_id
      WHERE r.operation_id = $1 ${requestFilter}
    )`;
}

/** The per-target columns, in file order; the CSV header and the XLSX sheet use these names. */
export const TARGET_COLUMNS = [
  'reference',
  'family_name',
  'given_names',
  'aliases',
  'wanted_by_country',
  'nominating_country',
  'final_status',
  'result',
  'arrested_country',
  'arrested_at',
  'located_country',
  'located_at',
  'notices_and_diffusions',
  'lead_count',
  'task_count',
  'tasks_done',
] as const;

/**
 * One row per target, in reference order, with exactly TARGET_COLUMNS. Set-based: leads, tasks and
 * requests are aggregated once per target and joined, so the cost is linear in the operation's size.
 * Lead narratives are not selected at all: nothing of an H2/H3 lead's content can reach a file.
 */
function targetRowsSelect(view: ResultsView): string {
  return `
    WITH ${scopedSets(view)},
    lead_counts AS (SELECT target_id, count(*)::int AS n FROM vl GROUP BY target_id),
    task_counts AS (
      SELECT target_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'done'))::int AS done
      FROM vk WHERE target_id IS NOT NULL GROUP BY target_id
    ),
    request_lists AS (
      SELECT target_id, string_agg(type::text || ' ' || status::text, '; ' ORDER BY type, status) AS list
      FROM vr GROUP BY target_id
    )
    SELECT
      vt.reference,
      vt.family_name,
      vt.given_names,
      array_to_string(vt.aliases, '; ') AS aliases,
      vt.wanted_by_country::text AS wanted_by_country,
      vt.nominating_country::text AS nominating_country,
      vt.status::text AS final_status,
      ${targetResultSql('vt.status')} AS result,
      COALESCE(vt.arrested_country::text, '') AS arrested_country,
      COALESCE(to_char(vt.arrested_at AT TIME ZONE 'UTC', ${ISO}), '') AS arrested_at,
      COALESCE(vt.located_country::text, '') AS located_country,
      COALESCE(to_char(vt.located_at AT TIME ZONE 'UTC', ${ISO}), '') AS located_at,
      COALESCE(request_lists.list, '') AS notices_and_diffusions,
      COALESCE(lead_counts.n, 0) AS lead_count,
      COALESCE(task_counts.n, 0) AS task_count,
      COALESCE(task_counts.done, 0) AS tasks_done
    FROM vt
    LEFT JOIN lead_counts ON lead_counts.target_id = vt.id
    LEFT JOIN task_counts ON task_counts.target_id = vt.id
    LEFT JOIN request_lists ON request_lists.target_id = vt.id`;
}

export function targetRowsQuery(view: ResultsView): SqlQuery {
  return { sql: `${targetRowsSelect(view)}\n    ORDER BY vt.reference`, parameters: parametersOf(view) };
}

/** The same rows, each as one JSON object (keys in TARGET_COLUMNS order) made by Postgres. */
export function targetJsonRowsQuery(view: ResultsView): SqlQuery {
  return {
    sql: `SELECT row_to_json(target_rows)::text AS json FROM (${targetRowsSelect(view)}) AS target_rows ORDER BY reference`,
    parameters: parametersOf(view),
  };
}

/** Text columns of the per-target rows (the others are counts). */
const TEXT_COLUMNS = TARGET_COLUMNS.filter((column) => !['lead_count', 'task_count', 'tasks_done'].includes(column));

/**
 * The per-target rows ready for COPY ... TO STDOUT (FORMAT csv): the same query, with the formula
 * escaping of cell-escaping.ts done by Postgres (a leading apostrophe before = + - @ tab CR), so the
 * CSV path streams Postgres' own CSV. COPY takes no parameters: the values are given as literals,
 * quoted by `quote` (the driver's escapeLiteral).
 */
export function targetCsvCopySql(view: ResultsView, quote: (value: string) => string): string {
  const columns = TARGET_COLUMNS.map((column) =>
    TEXT_COLUMNS.includes(column)
      ? `CASE WHEN left(${column}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${column} ELSE ${column} END AS ${column}`
      : column,
  ).join(',\n      ');
  const literal = (sql: string) =>
    sql.replace(/\$1\b/g, `${quote(view.operationId)}::uuid`).replace(/\$2\b/g, `${quote(view.country ?? '')}::text`);
  return `SELECT ${columns}\n    FROM (${literal(targetRowsSelect(view))}) AS target_rows\n    ORDER BY reference`;
}
