import type { Figures } from './api/figures';
import type { LiveEvent } from './hooks/use-live-feed';

/**
 * The roll-up plus what the live feed reported after it was computed (new leads, new and finished
 * tasks), so the figures move the moment something happens, before the worker's next roll-up
 * replaces them with the counted truth.
 */
export function withLiveChanges(figures: Figures, events: LiveEvent[]): { figures: Figures; applied: number } {
  const since = Date.parse(figures.computedAt);
  const fresh = events.filter((event) => Date.parse(event.at) > since);
  if (fresh.length === 0 || figures.final) return { figures, applied: 0 };
  const next: Figures = structuredClone(figures);
  let applied = 0;
  for (const event of fresh) {
    const country = (code: unknown) => next.countries.find((entry) => entry.country === code);
    if (event.type === 'lead.created') {
      for (const leads of [next.totals?.leads, country(event.data.reportingCountry)?.leads]) {
        if (!leads) continue;
        leads.total += 1;
        leads.last24Hours += 1;
        const byStatus = leads.byStatus as Record<string, number>;
        byStatus.new = (byStatus.new ?? 0) + 1;
        const grading = `${String(event.data.sourceReliability)}${String(event.data.informationAssessment)}`;
        const byGrading = leads.byGrading as Record<string, number> | undefined;
        if (byGrading && grading in byGrading) byGrading[grading] += 1;
      }
      applied += 1;
    } else if (event.type === 'task.created') {
      for (const tasks of [next.totals?.tasks, country(event.data.assignedCountry)?.tasks]) if (tasks) tasks.open += 1;
      applied += 1;
    } else if (event.type === 'task.status' && (event.data.status === 'done' || event.data.status === 'cancelled')) {
      for (const tasks of [next.totals?.tasks, country(event.data.assignedCountry)?.tasks]) {
        if (!tasks) continue;
        tasks.open = Math.max(0, tasks.open - 1);
        if (event.data.status === 'done') tasks.done += 1;
      }
      applied += 1;
    }
  }
  return { figures: next, applied };
}
