import { DomainError } from '@dragnet/platform';
import { TARGET_IMPORT_COLUMNS, targetImportTemplate } from './target-import-columns';
import { looksLikeFormula, TargetRowParser } from './target-row-parser';

const ALL_COLUMNS = TARGET_IMPORT_COLUMNS.map((column) => column.name);
const EXAMPLE = Object.fromEntries(TARGET_IMPORT_COLUMNS.map((column) => [column.name, column.example]));

const coordinator = () => TargetRowParser.fromHeader(ALL_COLUMNS, { ownCountry: null });

/** The example row with some cells changed, as cells in header order. */
function row(changes: Record<string, string> = {}): string[] {
  const values: Record<string, string> = { ...EXAMPLE, ...changes };
  return ALL_COLUMNS.map((name) => values[name]);
}

function problems(changes: Record<string, string>, parser = coordinator()) {
  const parsed = parser.parse(row(changes), 2);
  return parsed.errors ?? [];
}

function headerError(header: string[], ownCountry: string | null = null): DomainError {
  try {
    TargetRowParser.fromHeader(header, { ownCountry });
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('header accepted');
}

describe('TargetRowParser', () => {
  it('turns the template example into a target, with derived fields', () => {
    const parsed = coordinator().parse(row(), 2);
    expect(parsed.errors).toBeNull();
    expect(parsed.target).toEqual({
      line: 2,
      nominatingCountry: 'IT',
      nominatingReference: 'IT-SCO-2016-0042',
      familyName: 'Al Masri',
      givenNames: 'Mohammed',
      aliases: ['Abu Yusuf', 'Mohamed Almasri'],
      sex: 'M',
      birthDate: '1979-03-14',
      birthYear: 1979,
      placeOfBirth: 'Alexandria',
      countryOfBirth: 'EG',
      nationalities: ['EG', 'LY'],
      languages: ['Arabic', 'English'],
      identityDocuments: [{ type: 'passport', number: 'A1234567', issuingCountry: 'EG' }],
      heightCm: 178,
      weightKg: 80,
      eyeColour: 'brown',
      hairColour: 'black',
      distinguishingMarks: 'scar above the left eyebrow',
      wantedByCountry: 'IT',
      offenceCategories: ['migrant_smuggling', 'organised_crime'],
      smugglingRole: 'organiser',
      networkName: 'Zuwara network',
      network: 'Zuwara network',
      priority: 'high',
      believedIn: ['LY', 'TR'],
      publicAppeal: false,
      searchNames: expect.stringContaining('mohammed al masri'),
      nameKeys: expect.arrayContaining(['mhmd', 'msr']),
    });
  });

  it('the template parses back to its own header and example', () => {
    const [header, example] = targetImportTemplate().trimEnd().split('\r\n');
    expect(header.split(',')).toEqual(ALL_COLUMNS);
    expect(example).toContain('Abu Yusuf;Mohamed Almasri');
  });

  it('takes only the required columns, with defaults for the rest', () => {
    const parser = TargetRowParser.fromHeader(
      ['Nominating_Reference', ' family_name', 'wanted_by_country', 'nominating_country'],
      { ownCountry: null },
    );
    const parsed = parser.parse(['R-1', 'Haddad', 'gr', 'it'], 3);
    expect(parsed.target).toMatchObject({
      nominatingCountry: 'IT',
      wantedByCountry: 'GR',
      givenNames: '',
      aliases: [],
      sex: 'U',
      birthDate: null,
      birthYear: null,
      priority: 'medium',
      publicAppeal: false,
      identityDocuments: [],
    });
  });

  it('names unknown, repeated and missing columns in the header', () => {
    const error = headerError(['family_name', 'surname', 'family_name', '']);
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('unknown columns: surname, ');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { field: 'surname', message: 'unknown column' },
        { field: '(empty)', message: 'unknown column' },
        { field: 'family_name', message: 'column appears more than once' },
        { field: 'nominating_reference', message: 'required column is missing' },
        { field: 'wanted_by_country', message: 'required column is missing' },
        { field: 'nominating_country', message: 'required column is missing' },
      ]),
    );
    // An investigator may leave nominating_country out: its rows are its own country's.
    const investigator = headerError(['family_name', 'wanted_by_country'], 'IT');
    expect(investigator.details).toEqual([{ field: 'nominating_reference', message: 'required column is missing' }]);
  });

  it.each([
    ['nominating_reference', { nominating_reference: '' }, 'nominating_reference is required'],
    ['nominating_reference', { nominating_reference: 'x'.repeat(101) }, 'at most 100 characters'],
    ['family_name', { family_name: ' ' }, 'family_name is required'],
    ['family_name', { family_name: 'x'.repeat(201) }, 'at most 200 characters'],
    ['aliases', { aliases: `ok;${'x'.repeat(201)}` }, 'must be at most 200 characters'],
    ['sex', { sex: 'X' }, 'sex must be one of: M, F, U'],
    ['birth_date', { birth_date: '1979-02-30', birth_year: '' }, 'real date'],
    ['birth_date', { birth_date: '14/03/1979', birth_year: '' }, 'real date'],
    ['birth_date', { birth_date: '1850-01-01', birth_year: '' }, '1900 to 2100'],
    ['birth_year', { birth_year: '1980' }, 'birth_year does not match birth_date'],
    ['birth_year', { birth_date: '', birth_year: '79' }, 'from 1900 to 2100'],
    ['country_of_birth', { country_of_birth: 'XX' }, 'ISO 3166-1 alpha-2'],
    ['nationalities', { nationalities: 'EG;ZZ' }, 'got "ZZ"'],
    ['nationalities', { nationalities: 'AT;BE;BG;HR;CY;CZ;DK;EE;FI;FR;DE' }, 'at most 10 items'],
    ['document_number', { document_number: '' }, 'document_number is required with document_type'],
    ['document_type', { document_type: '' }, 'document_type is required with document_number'],
    ['document_issuing_country', { document_issuing_country: 'EGY' }, 'ISO 3166-1 alpha-2'],
    ['height_cm', { height_cm: '1.78' }, 'whole number from 50 to 250'],
    ['height_cm', { height_cm: '300' }, 'whole number from 50 to 250'],
    ['weight_kg', { weight_kg: 'heavy' }, 'whole number from 20 to 400'],
    ['eye_colour', { eye_colour: 'x'.repeat(51) }, 'at most 50 characters'],
    ['distinguishing_marks', { distinguishing_marks: 'x'.repeat(1001) }, 'at most 1000 characters'],
    ['nominating_country', { nominating_country: '' }, 'nominating_country is required'],
    ['wanted_by_country', { wanted_by_country: '' }, 'wanted_by_country is required'],
    ['wanted_by_country', { wanted_by_country: 'Italy' }, 'ISO 3166-1 alpha-2'],
    ['offence_categories', { offence_categories: 'migrant_smuggling;piracy' }, 'got "piracy"'],
    ['smuggling_role', { smuggling_role: 'boss' }, 'smuggling_role must be one of'],
    ['priority', { priority: 'urgent' }, 'priority must be one of: high, medium, low'],
    ['believed_in', { believed_in: 'LY;Libya' }, 'got "Libya"'],
    ['public_appeal', { public_appeal: 'maybe' }, 'yes, no, true, false or empty'],
  ])('rejects a bad %s (case %#)', (field, changes, message) => {
    const found = problems(changes);
    expect(found).toEqual([{ row: 2, field, message: expect.stringContaining(message) }]);
  });

  it('reports every bad cell of a row, not only the first', () => {
    const fields = problems({ family_name: '', sex: 'X', wanted_by_country: 'XX', height_cm: '-1' }).map(
      (error) => error.field,
    );
    expect(fields).toEqual(['family_name', 'sex', 'height_cm', 'wanted_by_country']);
  });

  it('is lenient on letter case and spacing of codes, and drops repeated list items', () => {
    const parsed = coordinator().parse(
      row({
        sex: 'f',
        priority: 'LOW',
        nationalities: ' eg ; EG;ly ',
        aliases: 'Abu Yusuf;;Abu Yusuf ',
        public_appeal: 'Yes',
        smuggling_role: 'Organiser',
        offence_categories: 'Migrant_Smuggling;migrant_smuggling',
      }),
      2,
    );
    expect(parsed.target).toMatchObject({
      sex: 'F',
      priority: 'low',
      nationalities: ['EG', 'LY'],
      aliases: ['Abu Yusuf'],
      publicAppeal: true,
      smugglingRole: 'organiser',
      offenceCategories: ['migrant_smuggling'],
    });
  });

  it('takes a birth year alone', () => {
    expect(coordinator().parse(row({ birth_date: '', birth_year: '1979' }), 2).target).toMatchObject({
      birthDate: null,
      birthYear: 1979,
    });
  });

  it('rejects cells a spreadsheet would run as formulas, naming the field', () => {
    for (const value of ['=HYPERLINK("http://evil")', '+1+2', '@SUM(A1)', '\tTab', '\rCR', '-cmd', ' =1+1']) {
      expect(problems({ given_names: value })).toEqual([
        { row: 2, field: 'given_names', message: expect.stringContaining('formula') },
      ]);
    }
    expect(problems({ aliases: 'Abu Yusuf; =cmd|calc' })).toEqual([
      { row: 2, field: 'aliases', message: expect.stringContaining('formula') },
    ]);
    expect(looksLikeFormula('-12')).toBe(false);
    expect(looksLikeFormula('Jean-Luc')).toBe(false);
    expect(looksLikeFormula('a=b')).toBe(false);
  });

  it('reports a nominating reference repeated within the file', () => {
    const parser = coordinator();
    expect(parser.parse(row(), 2).errors).toBeNull();
    expect(parser.parse(row({ nominating_country: 'GR' }), 3).errors).toBeNull();
    expect(parser.parse(row({ nominating_country: 'it' }), 4).errors).toEqual([
      {
        row: 4,
        field: 'nominating_reference',
        message: 'IT reference IT-SCO-2016-0042 appears more than once (first on row 2)',
      },
    ]);
  });

  it('lets an investigator import for its own country only', () => {
    const parser = TargetRowParser.fromHeader(ALL_COLUMNS, { ownCountry: 'IT' });
    expect(parser.parse(row({ nominating_country: '' }), 2).target?.nominatingCountry).toBe('IT');
    expect(parser.parse(row({ nominating_country: 'it', nominating_reference: 'R-2' }), 3).errors).toBeNull();
    expect(parser.parse(row({ nominating_country: 'GR', nominating_reference: 'R-3' }), 4).errors).toEqual([
      { row: 4, field: 'nominating_country', message: 'an investigator imports for its own country (IT) only' },
    ]);
  });
});
