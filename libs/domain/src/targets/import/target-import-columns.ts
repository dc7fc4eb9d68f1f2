/** One column of the target import CSV; the template, the parser and docs/targets.md all read this list. */
export interface TargetImportColumn {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

/** Separates the items of list cells (aliases, nationalities, ...): commas already separate cells. */
export const LIST_SEPARATOR = ';';

export const TARGET_IMPORT_COLUMNS = [
  {
    name: 'nominating_reference',
    required: true,
    description:
      "The nominating country's own case reference (at most 100 characters). A row whose nominating country and reference are already in the operation updates that target while it is nominated: the row's cells replace the imported fields, and an empty cell clears one.",
    example: 'IT-SCO-2016-0042',
  },
  { name: 'family_name', required: true, description: 'Family name (1 to 200 characters).', example: 'Al Masri' },
  { name: 'given_names', required: false, description: 'Given names (at most 200 characters).', example: 'Mohammed' },
  {
    name: 'aliases',
    required: false,
    description: 'Other names, `;`-separated (at most 50, each at most 200 characters).',
    example: 'Abu Yusuf;Mohamed Almasri',
  },
  { name: 'sex', required: false, description: '`M`, `F` or `U` (unknown, the default).', example: 'M' },
  { name: 'birth_date', required: false, description: 'Full date of birth, `YYYY-MM-DD`.', example: '1979-03-14' },
  {
    name: 'birth_year',
    required: false,
    description:
      "Year of birth (1900 to 2100) when only the year is known; must match birth_date's year if both are given.",
    example: '1979',
  },
  { name: 'place_of_birth', required: false, description: 'At most 200 characters.', example: 'Alexandria' },
  { name: 'country_of_birth', required: false, description: 'ISO 3166-1 alpha-2 code.', example: 'EG' },
  {
    name: 'nationalities',
    required: false,
    description: 'ISO 3166-1 alpha-2 codes, `;`-separated (at most 10).',
    example: 'EG;LY',
  },
  {
    name: 'languages',
    required: false,
    description: 'Languages spoken, `;`-separated (at most 20, each at most 50 characters).',
    example: 'Arabic;English',
  },
  {
    name: 'document_type',
    required: false,
    description: 'Identity document type, e.g. passport, national_id (at most 50 characters).',
    example: 'passport',
  },
  {
    name: 'document_number',
    required: false,
    description: 'Identity document number (at most 50 characters); required with document_type.',
    example: 'A1234567',
  },
  {
    name: 'document_issuing_country',
    required: false,
    description: 'ISO 3166-1 alpha-2 code of the country that issued the document.',
    example: 'EG',
  },
  { name: 'height_cm', required: false, description: 'Whole number, 50 to 250.', example: '178' },
  { name: 'weight_kg', required: false, description: 'Whole number, 20 to 400.', example: '80' },
  { name: 'eye_colour', required: false, description: 'At most 50 characters.', example: 'brown' },
  { name: 'hair_colour', required: false, description: 'At most 50 characters.', example: 'black' },
  {
    name: 'distinguishing_marks',
    required: false,
    description: 'At most 1,000 characters.',
    example: 'scar above the left eyebrow',
  },
  {
    name: 'nominating_country',
    required: false,
    description:
      "ISO 3166-1 alpha-2 code. Required on every row from a coordinator; an investigator leaves it empty or gives its own country's.",
    example: 'IT',
  },
  {
    name: 'wanted_by_country',
    required: true,
    description: 'ISO 3166-1 alpha-2 code of the country that wants the person.',
    example: 'IT',
  },
  {
    name: 'offence_categories',
    required: false,
    description:
      '`;`-separated: migrant_smuggling, human_trafficking, document_fraud, money_laundering, corruption, organised_crime, other.',
    example: 'migrant_smuggling;organised_crime',
  },
  {
    name: 'smuggling_role',
    required: false,
    description:
      'organiser, facilitator, transporter, document_forger, harbourer, illegal_travel_agent, recruiter or other.',
    example: 'organiser',
  },
  { name: 'network_name', required: false, description: 'At most 200 characters.', example: 'Zuwara network' },
  { name: 'priority', required: false, description: 'high, medium (the default) or low.', example: 'high' },
  {
    name: 'believed_in',
    required: false,
    description: 'Countries where the person is believed to be: ISO 3166-1 alpha-2 codes, `;`-separated (at most 50).',
    example: 'LY;TR',
  },
  {
    name: 'public_appeal',
    required: false,
    description: 'Featured in the public appeal: yes, no, true, false or empty (no).',
    example: 'no',
  },
] as const satisfies readonly TargetImportColumn[];

export type TargetImportColumnName = (typeof TARGET_IMPORT_COLUMNS)[number]['name'];

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The downloadable template: the header row and one example row (RFC 4180 line ends). */
export function targetImportTemplate(): string {
  const header = TARGET_IMPORT_COLUMNS.map((column) => column.name);
  const example = TARGET_IMPORT_COLUMNS.map((column) => csvCell(column.example));
  return `${header.join(',')}\r\n${example.join(',')}\r\n`;
}
