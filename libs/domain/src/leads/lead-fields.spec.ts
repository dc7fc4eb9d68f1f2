import { InvalidInputError } from '@dragnet/platform';
import { checkLeadFields, NewLead } from './lead-fields';
import { HandlingCode, LeadType, SourceReliability } from './lead-vocabulary';

const now = new Date('2016-05-10T12:00:00Z');
const lead = (overrides: Partial<NewLead> = {}): NewLead => ({
  country: 'GR',
  place: ' Patras, port area ',
  observedAt: new Date('2016-05-10T08:00:00Z'),
  type: LeadType.Sighting,
  narrative: ' Seen boarding a ferry ',
  sourceReliability: SourceReliability.B,
  informationAssessment: 2,
  handlingCode: HandlingCode.H1,
  ...overrides,
});

const problemsOf = (input: NewLead) => {
  try {
    checkLeadFields(input, now);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).details ?? [];
  }
};

describe('lead fields', () => {
  it('trims text and stores missing coordinates and restriction as null', () => {
    expect(checkLeadFields(lead(), now)).toMatchObject({
      place: 'Patras, port area',
      narrative: 'Seen boarding a ferry',
      latitude: null,
      longitude: null,
      handlingRestriction: null,
    });
  });

  it('takes coordinates in pairs', () => {
    expect(checkLeadFields(lead({ latitude: 38.25, longitude: 21.73 }), now)).toMatchObject({
      latitude: 38.25,
      longitude: 21.73,
    });
    expect(problemsOf(lead({ latitude: 38.25 }))).toEqual([
      { field: 'longitude', message: 'give both latitude and longitude, or neither' },
    ]);
    expect(problemsOf(lead({ longitude: 0 }))[0].field).toBe('latitude');
  });

  it('needs a stated restriction with H3, and only with H3', () => {
    expect(problemsOf(lead({ handlingCode: HandlingCode.H3, handlingRestriction: '  ' }))[0].field).toBe(
      'handlingRestriction',
    );
    expect(
      checkLeadFields(lead({ handlingCode: HandlingCode.H3, handlingRestriction: ' Not for Interpol ' }), now)
        .handlingRestriction,
    ).toBe('Not for Interpol');
    expect(problemsOf(lead({ handlingCode: HandlingCode.H2, handlingRestriction: 'x' }))[0].field).toBe(
      'handlingRestriction',
    );
  });

  it('refuses observations in the future beyond clock skew, and blank text', () => {
    expect(problemsOf(lead({ observedAt: new Date('2016-05-10T12:04:00Z') }))).toEqual([]);
    expect(problemsOf(lead({ observedAt: new Date('2016-05-10T12:06:00Z') }))[0].field).toBe('observedAt');
    expect(problemsOf(lead({ place: ' ', narrative: '' })).map((problem) => problem.field)).toEqual([
      'place',
      'narrative',
    ]);
  });
});
