import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OperationStatus } from '../operations';
import {
  computeOperationFigures,
  type CountryFigures,
  countryView,
  type Headline,
  type TotalFigures,
} from '../rollups';
import type { ResultsView } from './results-queries';

/**
 * The summary parts of a results file: the status roll-up's figures (one definition for both),
 * as the view may see them.
 */
export interface OperationResults {
  /** The moment the figures describe ("overdue", "last 24 hours"): for a closed operation, its close. */
  computedAt: Date;
  headline: Headline;
  /** Operation-wide totals; null in a country's view, as in the roll-up an investigator sees. */
  totals: TotalFigures | null;
  /** Every country (coordinators), or the view's own country only. */
  countries: CountryFigures[];
}

/**
 * The end-of-operation results' headline, totals and per-country summary, computed by the roll-up's
 * own code (computeOperationFigures) in the caller's transaction; the exports run it inside the
 * REPEATABLE READ snapshot they stream the per-target rows from, so rows and summary agree. A closed
 * operation's figures are computed as of its final roll-up's time: it is read-only, so they are the
 * final roll-up's figures, number for number.
 */
@Injectable()
export class ResultsService {
  async compute(manager: EntityManager, view: ResultsView): Promise<OperationResults> {
    const [row]: { status: OperationStatus; final_at: Date | null }[] = await manager.query(
      `SELECT o.status,
              (SELECT s.computed_at FROM operation_status_snapshots s WHERE s.operation_id = o.id AND s.final) AS final_at
         FROM operations o WHERE o.id = $1`,
      [view.operationId],
    );
    const computedAt = (row?.status === OperationStatus.Closed && row.final_at) || new Date();
    const figures = await computeOperationFigures(manager, view.operationId, computedAt);
    return { computedAt, ...(view.country ? countryView(figures, view.country) : figures) };
  }
}
