import { HandlingCode } from '../leads/lead-vocabulary';
import { NOTICE_TYPES } from '../notices/request-type';
import { SHARED_STATUSES } from '../targets/target-status';
import {
  ARRESTED_SQL,
  AT_LARGE_SQL,
  LEAD_STATUSES,
  LOCATED_SQL,
  OPEN_TASK_SQL,
  TARGET_STATUSES,
} from './result-figures';

/** Constants of the code, never input, so they may be written into SQL. */
const SHARED_TARGET = `(${SHARED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
const OPEN_HANDLING = `('${HandlingCode.H0}', '${HandlingCode.H1}')`;
const NOTICE_TYPE_LIST = `(${NOTICE_TYPES.map((type) => `'${type}'`).join(', ')})`;
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
 * The sets every figure is computed over, as CTEs. The whole operation: its targets not merged into
 * another, all its leads, tasks and notice requests. A country's view: the targets it wants or
 * nominated (that it may see), the leads its need-to-know rules show it about them, its own tasks,
 * and the requests it may see on those targets.
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
      SELECT l.id, l.target_id, l.reporting_country, l.status, l.created_at FROM leads l
      ${country ? 'JOIN targets lt ON lt.id = l.target_id' : ''}
      WHERE l.operation_id = $1 ${leadFilter}
    ),
    vk AS (
      SELECT k.id, k.target_id, k.assigned_country, k.status, k.due_at FROM tasks k
      WHERE k.operation_id = $1 ${taskFilter}
    ),
    vr AS (
      SELECT r.id, r.target_id, r.type, r.status, r.requesting_country, vt.wanted_by_country FROM notice_requests r
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
      CASE
        WHEN vt.status IN ${ARRESTED_SQL} THEN 'arrested'
        WHEN vt.status IN ${LOCATED_SQL} THEN 'located'
        WHEN vt.status IN ${AT_LARGE_SQL} THEN 'still_at_large'
        ELSE ''
      END AS result,
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

const leadStatusColumns = (alias: string) =>
  LEAD_STATUSES.map(
    (status) => `(count(*) FILTER (WHERE ${alias}.status = '${status}'))::int AS "leads_${status}"`,
  ).join(',\n        ');

/**
 * Per country: every participant of the operation plus any other country that appears in the
 * results, with the shared figure definitions. In a country's view, that country's row only.
 */
export function countryFiguresQuery(view: ResultsView): SqlQuery {
  const sql = `
    WITH ${scopedSets(view)},
    countries AS (
      SELECT country::text AS country, true AS participant FROM participants WHERE operation_id = $1
      UNION SELECT nominating_country, false FROM vt
      UNION SELECT wanted_by_country, false FROM vt
      UNION SELECT arrested_country, false FROM vt WHERE arrested_country IS NOT NULL
      UNION SELECT located_country, false FROM vt WHERE located_country IS NOT NULL
      UNION SELECT reporting_country, false FROM vl
      UNION SELECT assigned_country, false FROM vk
      UNION SELECT requesting_country, false FROM vr
    ),
    listed AS (
      SELECT country, bool_or(participant) AS participant FROM countries
      ${view.country ? 'WHERE country = $2' : ''}
      GROUP BY country
    ),
    nominated AS (SELECT nominating_country::text AS country, count(*)::int AS n FROM vt GROUP BY 1),
    wanted AS (
      SELECT wanted_by_country::text AS country, count(*)::int AS n,
        (count(*) FILTER (WHERE status IN ${AT_LARGE_SQL}))::int AS at_large
      FROM vt GROUP BY 1
    ),
    arrested AS (SELECT arrested_country::text AS country, count(*)::int AS n FROM vt WHERE status IN ${ARRESTED_SQL} GROUP BY 1),
    located AS (SELECT located_country::text AS country, count(*)::int AS n FROM vt WHERE status IN ${LOCATED_SQL} GROUP BY 1),
    lead_figures AS (
      SELECT vl.reporting_country::text AS country, count(*)::int AS reported,
        ${leadStatusColumns('vl')},
        (count(*) FILTER (WHERE vl.created_at > now() - interval '24 hours'))::int AS last_24h
      FROM vl GROUP BY 1
    ),
    task_figures AS (
      SELECT assigned_country::text AS country,
        (count(*) FILTER (WHERE status IN ${OPEN_TASK_SQL}))::int AS open,
        (count(*) FILTER (WHERE status IN ${OPEN_TASK_SQL} AND due_at < now()))::int AS overdue,
        (count(*) FILTER (WHERE status = 'done'))::int AS done
      FROM vk GROUP BY 1
    ),
    request_countries AS (
      SELECT DISTINCT vr.id, vr.type::text AS type, vr.status::text AS status, side.country
      FROM vr CROSS JOIN LATERAL (VALUES (vr.requesting_country::text), (vr.wanted_by_country::text)) AS side(country)
    ),
    request_counts AS (
      SELECT country, type, status, count(*)::int AS n FROM request_countries GROUP BY 1, 2, 3
    ),
    request_figures AS (
      SELECT country, jsonb_object_agg(type || ' ' || status, n) AS requests FROM request_counts GROUP BY 1
    )
    SELECT listed.country, listed.participant,
      COALESCE(nominated.n, 0) AS targets_nominated,
      COALESCE(wanted.n, 0) AS targets_wanted,
      COALESCE(arrested.n, 0) AS arrested,
      COALESCE(located.n, 0) AS located,
      COALESCE(wanted.at_large, 0) AS still_at_large,
      COALESCE(lead_figures.reported, 0) AS leads_reported,
      ${LEAD_STATUSES.map((status) => `COALESCE(lead_figures."leads_${status}", 0) AS "leads_${status}"`).join(',\n      ')},
      COALESCE(lead_figures.last_24h, 0) AS leads_last_24h,
      COALESCE(task_figures.open, 0) AS tasks_open,
      COALESCE(task_figures.overdue, 0) AS tasks_overdue,
      COALESCE(task_figures.done, 0) AS tasks_done,
      COALESCE(request_figures.requests, '{}'::jsonb) AS requests
    FROM listed
    LEFT JOIN nominated ON nominated.country = listed.country
    LEFT JOIN wanted ON wanted.country = listed.country
    LEFT JOIN arrested ON arrested.country = listed.country
    LEFT JOIN located ON located.country = listed.country
    LEFT JOIN lead_figures ON lead_figures.country = listed.country
    LEFT JOIN task_figures ON task_figures.country = listed.country
    LEFT JOIN request_figures ON request_figures.country = listed.country
    ORDER BY listed.country`;
  return { sql, parameters: parametersOf(view) };
}

/** The same figures without the country filter, the targets by status and the headline's K. */
export function totalsQuery(view: ResultsView): SqlQuery {
  const sql = `
    WITH ${scopedSets(view)}
    SELECT
      (SELECT count(*)::int FROM vt) AS targets,
      ${TARGET_STATUSES.map((status) => `(SELECT count(*)::int FROM vt WHERE status = '${status}') AS "targets_${status}"`).join(',\n      ')},
      (SELECT count(*)::int FROM vt WHERE status IN ${ARRESTED_SQL}) AS arrested,
      (SELECT count(*)::int FROM vt WHERE status IN ${LOCATED_SQL}) AS located,
      (SELECT count(*)::int FROM vt WHERE status IN ${AT_LARGE_SQL}) AS still_at_large,
      (SELECT count(DISTINCT country)::int FROM (
        SELECT arrested_country AS country FROM vt WHERE status IN ${ARRESTED_SQL} AND arrested_country IS NOT NULL
        UNION SELECT located_country FROM vt WHERE status IN ${LOCATED_SQL} AND located_country IS NOT NULL
      ) AS result_countries) AS result_countries,
      (SELECT count(*)::int FROM vl) AS leads_reported,
      ${LEAD_STATUSES.map((status) => `(SELECT count(*)::int FROM vl WHERE status = '${status}') AS "leads_${status}"`).join(',\n      ')},
      (SELECT count(*)::int FROM vl WHERE created_at > now() - interval '24 hours') AS leads_last_24h,
      (SELECT count(*)::int FROM vk WHERE status IN ${OPEN_TASK_SQL}) AS tasks_open,
      (SELECT count(*)::int FROM vk WHERE status IN ${OPEN_TASK_SQL} AND due_at < now()) AS tasks_overdue,
      (SELECT count(*)::int FROM vk WHERE status = 'done') AS tasks_done,
      (SELECT COALESCE(jsonb_object_agg(key, n), '{}'::jsonb) FROM (
        SELECT type::text || ' ' || status::text AS key, count(*)::int AS n FROM vr GROUP BY 1
      ) AS request_counts) AS requests`;
  return { sql, parameters: parametersOf(view) };
}
