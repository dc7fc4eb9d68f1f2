import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LeadStatus } from '../leads/lead-status';
import { TargetStatus } from '../targets/target-status';
import type { Headline } from '../status/operation-figures';
import { headlineText, LEAD_STATUSES, TARGET_STATUSES } from './result-figures';
import { countryFiguresQuery, ResultsView, totalsQuery } from './results-queries';

/** "type status" → count, e.g. { "red published": 2, "blue_diffusion circulated": 1 }. */
export type RequestCounts = Record<string, number>;

export interface ResultFigures {
  targetsNominated: number;
  targetsWanted: number;
  arrested: number;
  located: number;
  stillAtLarge: number;
  leadsReported: number;
  leadsByStatus: Record<LeadStatus, number>;
  leadsLast24h: number;
  tasksOpen: number;
  tasksOverdue: number;
  tasksDone: number;
  requests: RequestCounts;
}

export interface CountryResult extends ResultFigures {
  country: string;
  /** False for a country that appears in the results without taking part (e.g. arrested there). */
  participant: boolean;
}

export interface OperationResults {
  headline: Headline;
  targetsByStatus: Record<TargetStatus, number>;
  totals: ResultFigures;
  countries: CountryResult[];
}

type Row = Record<string, unknown>;
const count = (row: Row, column: string) => Number(row[column] ?? 0);
const byStatus = <S extends string>(row: Row, prefix: string, statuses: readonly S[]) =>
  Object.fromEntries(statuses.map((status) => [status, count(row, `${prefix}${status}`)])) as Record<S, number>;

function figures(row: Row, nominatedColumn: string, wantedColumn: string): ResultFigures {
  return {
    targetsNominated: count(row, nominatedColumn),
    targetsWanted: count(row, wantedColumn),
    arrested: count(row, 'arrested'),
    located: count(row, 'located'),
    stillAtLarge: count(row, 'still_at_large'),
    leadsReported: count(row, 'leads_reported'),
    leadsByStatus: byStatus(row, 'leads_', LEAD_STATUSES),
    leadsLast24h: count(row, 'leads_last_24h'),
    tasksOpen: count(row, 'tasks_open'),
    tasksOverdue: count(row, 'tasks_overdue'),
    tasksDone: count(row, 'tasks_done'),
    requests: (row.requests ?? {}) as RequestCounts,
  };
}

/**
 * The end-of-operation results (headline, totals, per country) under the shared figure definitions;
 * the per-target rows are streamed by the exports. Run inside one snapshot (REPEATABLE READ) so all
 * parts of a file agree.
 */
@Injectable()
export class ResultsService {
  async compute(manager: EntityManager, view: ResultsView): Promise<OperationResults> {
    const totalsSql = totalsQuery(view);
    const countriesSql = countryFiguresQuery(view);
    const [totalsRow] = (await manager.query(totalsSql.sql, totalsSql.parameters)) as Row[];
    const countryRows = (await manager.query(countriesSql.sql, countriesSql.parameters)) as Row[];
    const arrested = count(totalsRow, 'arrested');
    const located = count(totalsRow, 'located');
    const countries = count(totalsRow, 'result_countries');
    return {
      headline: { arrested, located, countries, text: headlineText(arrested, located, countries) },
      targetsByStatus: byStatus(totalsRow, 'targets_', TARGET_STATUSES),
      totals: figures(totalsRow, 'targets', 'targets'),
      countries: countryRows.map((row) => ({
        country: String(row.country),
        participant: Boolean(row.participant),
        ...figures(row, 'targets_nominated', 'targets_wanted'),
      })),
    };
  }
}
