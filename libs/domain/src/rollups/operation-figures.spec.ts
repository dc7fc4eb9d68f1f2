import { LeadStatus, SourceReliability } from '../leads';
import { TargetStatus } from '../targets';
import { assembleFigures, countryView, headlineText, LEAD_GRADINGS, type TargetCountRow } from './operation-figures';
import { ARRESTED_STATUSES, targetResultOf } from './target-results';

const target = (status: TargetStatus, overrides: Partial<TargetCountRow> = {}, count = 1): TargetCountRow => ({
  status,
  nominating_country: 'IT',
  wanted_by_country: 'IT',
  arrested_country: null,
  located_country: null,
  count,
  ...overrides,
});

const graded = (source: string, information: number) =>
  ({ source_reliability: source as SourceReliability, information_assessment: information }) as const;

describe('status roll-up figures', () => {
  const figures = assembleFigures({
    participants: ['IT', 'GR', 'DE'],
    targets: [
      target(TargetStatus.Accepted, {}, 3),
      target(TargetStatus.Nominated, { nominating_country: 'GR', wanted_by_country: 'FR' }),
      target(TargetStatus.Located, { located_country: 'GR' }, 2),
      target(TargetStatus.Arrested, { arrested_country: 'GR' }),
      target(TargetStatus.Extradited, { arrested_country: 'TR', wanted_by_country: 'DE', nominating_country: 'DE' }),
      target(TargetStatus.Released, { arrested_country: 'GR' }),
      target(TargetStatus.Deceased),
    ],
    leads: [
      { reporting_country: 'GR', status: LeadStatus.New, ...graded('B', 2), count: 3, recent: 1 },
      { reporting_country: 'GR', status: LeadStatus.New, ...graded('X', 4), count: 1, recent: 0 },
      { reporting_country: 'IT', status: LeadStatus.Confirmed, ...graded('B', 2), count: 2, recent: 0 },
    ],
    tasks: [{ assigned_country: 'GR', open: 5, overdue: 2, done: 1 }],
    requests: [
      { requesting_country: 'IT', type: 'red', status: 'published', count: 2 },
      { requesting_country: 'DE', type: 'red', status: 'draft', count: 1 },
    ],
  });
  const country = (code: string) => figures.countries.find((entry) => entry.country === code)!;

  it('counts arrested, located and still at large as disjoint sets', () => {
    expect(figures.totals).toMatchObject({ targets: 10, arrested: 3, located: 2, stillAtLarge: 3 });
    expect(figures.totals.targetsByStatus).toMatchObject({ accepted: 3, located: 2, arrested: 1, rejected: 0 });
    expect(Object.keys(figures.totals.targetsByStatus)).toHaveLength(10);
  });

  it('makes the headline from the countries of arrests and locations together', () => {
    expect(figures.headline).toEqual({
      arrested: 3,
      located: 2,
      countries: 2,
      text: '3 fugitives arrested and 2 located in 2 countries',
    });
    expect(headlineText(1, 0, 1)).toBe('1 fugitive arrested and 0 located in 1 country');
    expect(headlineText(26, 31, 12)).toBe('26 fugitives arrested and 31 located in 12 countries');
    expect(headlineText(0, 0, 0)).toBe('0 fugitives arrested and 0 located in 0 countries');
  });

  it('classifies every status once: arrested (whatever came after), located, still at large (accepted) or none', () => {
    expect([...ARRESTED_STATUSES].sort()).toEqual(
      [TargetStatus.Arrested, TargetStatus.Extradited, TargetStatus.Released, TargetStatus.Surrendered].sort(),
    );
    expect(Object.fromEntries(Object.values(TargetStatus).map((status) => [status, targetResultOf(status)]))).toEqual({
      nominated: null,
      rejected: null,
      accepted: 'still_at_large',
      located: 'located',
      arrested: 'arrested',
      extradited: 'arrested',
      surrendered: 'arrested',
      released: 'arrested',
      deceased: null,
      withdrawn: null,
    });
  });

  it("gives a country's view the headline and that country's row only, never the totals", () => {
    expect(countryView(figures, 'GR')).toEqual({
      headline: figures.headline,
      totals: null,
      countries: [country('GR')],
      networks: null,
    });
    expect(countryView(figures, 'ES')).toEqual({
      headline: figures.headline,
      totals: null,
      countries: [],
      networks: null,
    });
  });

  it('gives every participant a row, zeros included, and adds countries that appear only in the data', () => {
    expect(figures.countries.map((entry) => [entry.country, entry.participant])).toEqual([
      ['DE', true],
      ['FR', false],
      ['GR', true],
      ['IT', true],
      ['TR', false],
    ]);
    expect(country('GR')).toMatchObject({
      targetsNominated: 1,
      targetsWanted: 0,
      arrestedIn: 2,
      locatedIn: 2,
      leads: { total: 4, last24Hours: 1 },
      tasks: { open: 5, overdue: 2, done: 1 },
    });
    expect(country('IT')).toMatchObject({
      targetsWanted: 8,
      stillAtLargeWantedBy: 3,
      requests: { red: { published: 2 } },
    });
    expect(country('DE')).toMatchObject({ arrestedIn: 0, requests: { red: { draft: 1 } }, tasks: { open: 0 } });
    expect(country('TR').arrestedIn).toBe(1);
  });

  it('sums the countries into the totals', () => {
    expect(figures.totals.leads).toMatchObject({
      total: 6,
      last24Hours: 1,
      byStatus: { new: 4, confirmed: 2, closed: 0 },
    });
    expect(figures.totals.requests).toEqual({ red: { published: 2, draft: 1 } });
  });

  it('counts leads per grading, all sixteen present, per country and in the totals', () => {
    expect(LEAD_GRADINGS).toHaveLength(16);
    expect(Object.keys(figures.totals.leads.byGrading!).sort()).toEqual([...LEAD_GRADINGS].sort());
    expect(figures.totals.leads.byGrading).toMatchObject({ B2: 5, X4: 1, A1: 0, C3: 0 });
    expect(country('GR').leads.byGrading).toMatchObject({ B2: 3, X4: 1 });
    expect(country('IT').leads.byGrading).toMatchObject({ B2: 2, X4: 0 });
    expect(country('DE').leads.byGrading).toMatchObject({ B2: 0 });
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(figures.totals.leads.byGrading!)).toBe(figures.totals.leads.total);
    // An investigator's view carries its own country's gradings only.
    expect(countryView(figures, 'IT').countries.map((entry) => entry.leads.byGrading?.B2)).toEqual([2]);
  });
});
