import { LeadStatus, SourceReliability } from '../leads';
import type { OperationResults } from './results.service';
import { assembleFigures, countryView } from '../rollups';
import { TargetStatus } from '../targets';
import { ExportScope } from './export-vocabulary';
import { headlineRows, SUMMARY_COLUMNS, summaryRows } from './results-writers';

describe('results summary rows', () => {
  const figures = assembleFigures({
    participants: ['IT', 'GR'],
    targets: [
      {
        status: TargetStatus.Arrested,
        nominating_country: 'IT',
        wanted_by_country: 'IT',
        arrested_country: 'GR',
        located_country: null,
        count: 2,
      },
      {
        status: TargetStatus.Accepted,
        nominating_country: 'GR',
        wanted_by_country: 'GR',
        arrested_country: null,
        located_country: null,
        count: 1,
      },
    ],
    leads: [
      {
        reporting_country: 'GR',
        status: LeadStatus.New,
        source_reliability: SourceReliability.B,
        information_assessment: 2,
        count: 3,
        recent: 1,
      },
    ],
    tasks: [{ assigned_country: 'IT', open: 2, overdue: 1, done: 4 }],
    requests: [
      { requesting_country: 'IT', type: 'red', status: 'published', count: 2 },
      { requesting_country: 'IT', type: 'blue_diffusion', status: 'circulated', count: 1 },
    ],
  });
  const computedAt = new Date('2016-06-01T00:00:00.000Z');
  const whole: OperationResults = { computedAt, ...figures, networks: [] };
  const italy: OperationResults = { computedAt, ...countryView(figures, 'IT') };
  const header = {
    operation: { code: 'HYDRA-2016', name: 'Hydra', status: 'closed' },
    country: null,
    scope: ExportScope.All,
    generatedAt: '2016-06-02T00:00:00.000Z',
  };

  it("writes each country's roll-up figures in the summary columns, then the totals with the headline", () => {
    const rows = summaryRows(whole);
    expect(rows.map((row) => row.country)).toEqual(['GR', 'IT', 'ALL']);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual([...SUMMARY_COLUMNS].sort());
    expect(rows[0]).toMatchObject({
      arrested: 2,
      still_at_large: 1,
      leads_reported: 3,
      leads_new: 3,
      leads_last_24h: 1,
    });
    expect(rows[1]).toMatchObject({
      targets_wanted: 2,
      arrested: 0,
      tasks_open: 2,
      tasks_overdue: 1,
      tasks_done: 4,
      notices_and_diffusions: 'blue_diffusion circulated: 1; red published: 2',
    });
    expect(rows[2]).toMatchObject({
      targets_nominated: 3,
      targets_wanted: 3,
      arrested: 2,
      still_at_large: 1,
      countries_with_results: 1,
      headline: '2 fugitives arrested and 0 located in 1 country',
    });
  });

  it("gives a country's view its own row and the headline only, as the roll-up shows an investigator", () => {
    const rows = summaryRows(italy);
    expect(rows.map((row) => row.country)).toEqual(['IT', 'ALL']);
    expect(rows[1]).toEqual({
      ...Object.fromEntries(SUMMARY_COLUMNS.map((column) => [column, ''])),
      country: 'ALL',
      arrested: 2,
      located: 0,
      countries_with_results: 1,
      headline: '2 fugitives arrested and 0 located in 1 country',
    });
    const figuresOf = (results: OperationResults) =>
      headlineRows({ ...header, country: results.totals ? null : 'IT' }, results).map(([figure]) => figure);
    expect(figuresOf(whole)).toEqual(expect.arrayContaining(['still_at_large', 'targets', 'targets_accepted']));
    expect(figuresOf(italy)).not.toEqual(expect.arrayContaining(['still_at_large']));
    expect(figuresOf(italy)).not.toContain('targets');
    expect(headlineRows(header, italy)).toContainEqual(['figures_computed_at', '2016-06-01T00:00:00.000Z']);
  });
});
