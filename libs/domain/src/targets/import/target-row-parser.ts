import { InvalidInputError } from '@dragnet/platform';
import { isCountryCode } from '../../common';
import { OffenceCategory } from '../../operations';
import { nameKeys, searchNames } from '../name-folding';
import { IdentityDocument, Priority, Sex, SmugglingRole } from '../target-vocabulary';
import { LIST_SEPARATOR, TARGET_IMPORT_COLUMNS, TargetImportColumnName } from './target-import-columns';

/** A problem with one cell (or row) of an import; `row` is the CSV line number, the header being line 1. */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** One valid row, in the shape it is stored. */
export interface ImportedTarget {
  line: number;
  nominatingCountry: string;
  nominatingReference: string;
  familyName: string;
  givenNames: string;
  aliases: string[];
  sex: Sex;
  birthDate: string | null;
  birthYear: number | null;
  placeOfBirth: string | null;
  countryOfBirth: string | null;
  nationalities: string[];
  languages: string[];
  identityDocuments: IdentityDocument[];
  heightCm: number | null;
  weightKg: number | null;
  eyeColour: string | null;
  hairColour: string | null;
  distinguishingMarks: string | null;
  wantedByCountry: string;
  offenceCategories: OffenceCategory[];
  smugglingRole: SmugglingRole | null;
  networkName: string | null;
  priority: Priority;
  believedIn: string[];
  publicAppeal: boolean;
  /** Derived as TargetsService derives them, for the name search. */
  searchNames: string;
  nameKeys: string[];
}

export type ParsedRow = { target: ImportedTarget; errors: null } | { target: null; errors: ImportRowError[] };

export interface TargetRowParserOptions {
  /** An investigator's country: its rows nominate for it alone. Null for coordinators, who name it on each row. */
  ownCountry: string | null;
}

type ColumnPositions = Partial<Record<TargetImportColumnName, number>>;
/** Codes and vocabulary are taken in any letter case: spreadsheets and people vary. */
type LetterCase = 'upper' | 'lower';

const changeCase = (value: string, letterCase?: LetterCase) =>
  letterCase === 'upper' ? value.toUpperCase() : letterCase === 'lower' ? value.toLowerCase() : value;

const KNOWN_COLUMNS = new Set<string>(TARGET_IMPORT_COLUMNS.map((column) => column.name));
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code';
const SEXES = Object.values(Sex) as string[];
const PRIORITIES = Object.values(Priority) as string[];
const SMUGGLING_ROLES = Object.values(SmugglingRole) as string[];
const OFFENCE_CATEGORIES = Object.values(OffenceCategory) as string[];
const BOOLEANS = new Map([
  ['', false],
  ['yes', true],
  ['true', true],
  ['no', false],
  ['false', false],
]);

/**
 * Cells a spreadsheet would run as a formula when the data is exported again (CSV injection):
 * a leading =, +, @, tab or carriage return, or a - that does not start a number.
 */
export function looksLikeFormula(value: string): boolean {
  switch (value.charCodeAt(0)) {
    case 61: // =
    case 43: // +
    case 64: // @
    case 9: // tab
    case 13: // carriage return
      return true;
    case 45: {
      // -
      const next = value.charCodeAt(1);
      return !(next >= 48 && next <= 57);
    }
    default:
      return false;
  }
}

function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Turns CSV rows into targets, with the rules of CreateTargetDto written out by hand: class-validator
 * on every row is too slow for files of 100,000 rows. Pure apart from remembering the keys it has
 * seen, so that a key repeated within one file is reported.
 */
export class TargetRowParser {
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly positions: ColumnPositions,
    private readonly options: TargetRowParserOptions,
  ) {}

  /** Reads the header row; unknown, repeated or missing columns answer 400, naming them. */
  static fromHeader(header: string[], options: TargetRowParserOptions): TargetRowParser {
    const names = header.map((name) => name.trim().toLowerCase());
    const unknown = names.filter((name) => !KNOWN_COLUMNS.has(name));
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    const required: string[] = TARGET_IMPORT_COLUMNS.filter((column) => column.required).map((column) => column.name);
    // A coordinator names the nominating country on every row, so the column must be there.
    if (!options.ownCountry) required.push('nominating_country');
    const missing = required.filter((name) => !names.includes(name));
    const details = [
      ...unknown.map((name) => ({ field: name || '(empty)', message: 'unknown column' })),
      ...[...new Set(repeated)].map((name) => ({ field: name, message: 'column appears more than once' })),
      ...missing.map((name) => ({ field: name, message: 'required column is missing' })),
    ];
    if (details.length > 0) {
      const parts = [
        unknown.length ? `unknown ${unknown.length === 1 ? 'column' : 'columns'}: ${unknown.join(', ')}` : '',
        repeated.length ? `repeated: ${[...new Set(repeated)].join(', ')}` : '',
        missing.length ? `missing required: ${missing.join(', ')}` : '',
      ];
      throw new InvalidInputError(`Bad header row (${parts.filter(Boolean).join('; ')})`, details);
    }
    const positions: ColumnPositions = {};
    names.forEach((name, index) => (positions[name as TargetImportColumnName] = index));
    return new TargetRowParser(positions, options);
  }

  parse(cells: string[], line: number): ParsedRow {
    const row = new RowReader(cells, this.positions, line);
    const nominatingReference = row.required('nominating_reference', 100);
    const familyName = row.required('family_name', 200);
    const givenNames = row.text('given_names', 200) ?? '';
    const aliases = row.list('aliases', 50, (alias) => (alias.length > 200 ? 'must be at most 200 characters' : null));
    const sex = (row.oneOf('sex', SEXES, 'upper') ?? Sex.Unknown) as Sex;
    const birthDate = row.date('birth_date');
    const givenYear = row.integer('birth_year', 1900, 2100);
    const dateYear = birthDate ? Number(birthDate.slice(0, 4)) : null;
    if (dateYear !== null && (dateYear < 1900 || dateYear > 2100))
      row.fail('birth_date', 'birth_date must be in the years 1900 to 2100');
    if (dateYear !== null && givenYear !== null && givenYear !== dateYear)
      row.fail('birth_year', 'birth_year does not match birth_date');
    const placeOfBirth = row.text('place_of_birth', 200);
    const countryOfBirth = row.country('country_of_birth');
    const nationalities = row.countries('nationalities', 10);
    const languages = row.list('languages', 20, (language) =>
      language.length > 50 ? 'must be at most 50 characters' : null,
    );
    const identityDocuments = this.document(row);
    const heightCm = row.integer('height_cm', 50, 250);
    const weightKg = row.integer('weight_kg', 20, 400);
    const eyeColour = row.text('eye_colour', 50);
    const hairColour = row.text('hair_colour', 50);
    const distinguishingMarks = row.text('distinguishing_marks', 1000);
    const nominatingCountry = this.nominatingCountry(row);
    const wantedByCountry = row.country('wanted_by_country');
    if (wantedByCountry === null && !row.failed('wanted_by_country'))
      row.fail('wanted_by_country', 'wanted_by_country is required');
    const offenceCategories = row.list(
      'offence_categories',
      OFFENCE_CATEGORIES.length,
      (category) => (OFFENCE_CATEGORIES.includes(category) ? null : `must be one of: ${OFFENCE_CATEGORIES.join(', ')}`),
      'lower',
    ) as OffenceCategory[];
    const smugglingRole = row.oneOf('smuggling_role', SMUGGLING_ROLES, 'lower') as SmugglingRole | null;
    const networkName = row.text('network_name', 200);
    const priority = (row.oneOf('priority', PRIORITIES, 'lower') ?? Priority.Medium) as Priority;
    const believedIn = row.countries('believed_in', 50);
    const publicAppeal = row.boolean('public_appeal');

    if (nominatingCountry && nominatingReference) {
      const key = `${nominatingCountry}\u0000${nominatingReference}`;
      const first = this.seen.get(key);
      if (first === undefined) this.seen.set(key, line);
      else
        row.fail(
          'nominating_reference',
          `${nominatingCountry} reference ${nominatingReference} appears more than once (first on row ${first})`,
        );
    }
    if (row.errors.length > 0) return { target: null, errors: row.errors };
    return {
      errors: null,
      target: {
        line,
        nominatingCountry: nominatingCountry!,
        nominatingReference: nominatingReference!,
        familyName: familyName!,
        givenNames,
        aliases,
        sex,
        birthDate,
        birthYear: dateYear ?? givenYear,
        placeOfBirth,
        countryOfBirth,
        nationalities,
        languages,
        identityDocuments,
        heightCm,
        weightKg,
        eyeColour,
        hairColour,
        distinguishingMarks,
        wantedByCountry: wantedByCountry!,
        offenceCategories,
        smugglingRole,
        networkName,
        priority,
        believedIn,
        publicAppeal,
        searchNames: searchNames(familyName!, givenNames, aliases),
        nameKeys: nameKeys(familyName!, givenNames, aliases),
      },
    };
  }

  private nominatingCountry(row: RowReader): string | null {
    const given = row.country('nominating_country');
    const own = this.options.ownCountry;
    if (own) {
      if (given && given !== own)
        row.fail('nominating_country', `an investigator imports for its own country (${own}) only`);
      return own;
    }
    if (given === null && !row.failed('nominating_country'))
      row.fail('nominating_country', 'nominating_country is required');
    return given;
  }

  private document(row: RowReader): IdentityDocument[] {
    const type = row.text('document_type', 50);
    const number = row.text('document_number', 50);
    const issuingCountry = row.country('document_issuing_country');
    if (type && number) return [{ type, number, issuingCountry }];
    if (type && !row.failed('document_number'))
      row.fail('document_number', 'document_number is required with document_type');
    if (number && !row.failed('document_type'))
      row.fail('document_type', 'document_type is required with document_number');
    if (!type && !number && issuingCountry)
      row.fail('document_issuing_country', 'document_type and document_number are required with an issuing country');
    return [];
  }
}

/** The cells of one row, read by column name; each reader records what is wrong with its cell. */
class RowReader {
  readonly errors: ImportRowError[] = [];

  constructor(
    private readonly cells: string[],
    private readonly positions: ColumnPositions,
    private readonly line: number,
  ) {}

  fail(field: string, message: string): null {
    this.errors.push({ row: this.line, field, message });
    return null;
  }

  failed(field: string): boolean {
    return this.errors.some((error) => error.field === field);
  }

  /** The trimmed cell ('' when empty or the column is absent), or null for a formula. */
  cell(field: TargetImportColumnName): string | null {
    const position = this.positions[field];
    const value = position === undefined ? '' : (this.cells[position] ?? '');
    if (value === '') return '';
    const trimmed = value.trim();
    // Checked before and after trimming: what is stored is trimmed and may be exported again.
    if (looksLikeFormula(value) || looksLikeFormula(trimmed)) return this.formula(field);
    return trimmed;
  }

  text(field: TargetImportColumnName, max: number): string | null {
    const value = this.cell(field);
    if (!value) return null;
    return value.length > max ? this.fail(field, `${field} must be at most ${max} characters`) : value;
  }

  required(field: TargetImportColumnName, max: number): string | null {
    const value = this.text(field, max);
    if (value === null && !this.failed(field)) this.fail(field, `${field} is required`);
    return value;
  }

  /** A `;`-separated list, trimmed, without empty or repeated items. */
  list(
    field: TargetImportColumnName,
    maxItems: number,
    check: (item: string) => string | null,
    letterCase?: LetterCase,
  ): string[] {
    const value = this.cell(field);
    if (!value) return [];
    const given = value
      .split(LIST_SEPARATOR)
      .map((item) => item.trim())
      .filter(Boolean);
    const items = [...new Set(given.map((item) => changeCase(item, letterCase)))];
    if (items.length > maxItems) {
      this.fail(field, `${field} may list at most ${maxItems} items`);
      return [];
    }
    for (const item of given) {
      if (looksLikeFormula(item)) return (this.formula(field), []);
      const problem = check(changeCase(item, letterCase));
      if (problem) return (this.fail(field, `each of ${field} ${problem} (got "${item}")`), []);
    }
    return items;
  }

  country(field: TargetImportColumnName): string | null {
    const value = this.cell(field);
    if (!value) return null;
    const code = value.toUpperCase();
    return isCountryCode(code) ? code : this.fail(field, `${field} ${COUNTRY_MESSAGE}`);
  }

  countries(field: TargetImportColumnName, maxItems: number): string[] {
    return this.list(field, maxItems, (code) => (isCountryCode(code) ? null : COUNTRY_MESSAGE), 'upper');
  }

  integer(field: TargetImportColumnName, min: number, max: number): number | null {
    const value = this.cell(field);
    if (!value) return null;
    const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    return number >= min && number <= max
      ? number
      : this.fail(field, `${field} must be a whole number from ${min} to ${max}`);
  }

  oneOf(field: TargetImportColumnName, values: string[], letterCase: LetterCase): string | null {
    const value = this.cell(field);
    if (!value) return null;
    const normalised = changeCase(value, letterCase);
    return values.includes(normalised) ? normalised : this.fail(field, `${field} must be one of: ${values.join(', ')}`);
  }

  boolean(field: TargetImportColumnName): boolean {
    const value = this.cell(field);
    if (value === null) return false;
    const parsed = BOOLEANS.get(value.toLowerCase());
    if (parsed === undefined) this.fail(field, `${field} must be yes, no, true, false or empty`);
    return parsed ?? false;
  }

  date(field: TargetImportColumnName): string | null {
    const value = this.cell(field);
    if (!value) return null;
    return isRealDate(value) ? value : this.fail(field, `${field} must be a real date (YYYY-MM-DD)`);
  }

  private formula(field: string): null {
    return this.fail(
      field,
      `${field} starts with =, +, -, @, a tab or a carriage return, which spreadsheets run as a formula`,
    );
  }
}
