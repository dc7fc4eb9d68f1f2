/**
 * A Hydra-style target list as CSV: 200 rows nominated by Italy, Libya and Niger, names built from
 * syllables with distinct consonants (so no two rows look alike by accident), and one person
 * nominated twice under two transliterations with the same passport (the duplicate to merge).
 */
const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'ze', 'la', 'to', 'ni', 'sa', 'de', 'vu', 'ge'];
const COUNTRIES = ['IT', 'LY', 'NE'];
const HEADER =
  'nominating_reference,family_name,given_names,birth_year,nominating_country,wanted_by_country,document_type,document_number,document_issuing_country,offence_categories,smuggling_role,priority';

function word(index: number): string {
  const parts = [Math.floor(index / 144) % 12, Math.floor(index / 12) % 12, index % 12].map((part) => SYLLABLES[part]);
  const name = parts.join('');
  return name[0].toUpperCase() + name.slice(1);
}

export function hydraTargetList(): string {
  const rows = [HEADER];
  for (let index = 0; index < 199; index++) {
    const country = COUNTRIES[index % 3];
    rows.push(
      [
        `${country}-HYD-${String(index + 1).padStart(4, '0')}`,
        word(index + 13),
        word(1727 - index),
        1960 + (index % 40),
        country,
        country,
        'passport',
        `P${String(100000 + index)}`,
        country,
        'migrant_smuggling',
        index % 5 === 0 ? 'organiser' : 'facilitator',
        index % 7 === 0 ? 'high' : 'medium',
      ].join(','),
    );
  }
  // The first row's person again, as Libya spells him, with the same passport: a likely duplicate.
  rows.push(
    [
      'LY-HYD-DUP-0001',
      word(13).replace(/a/g, 'aa'),
      word(1727),
      1960,
      'LY',
      'IT',
      'passport',
      'P100000',
      'IT',
      'migrant_smuggling',
      'organiser',
      'high',
    ].join(','),
  );
  return `${rows.join('\n')}\n`;
}

/** A file with two bad rows, refused as a whole. */
export function refusedTargetList(): string {
  return [
    HEADER,
    'IT-BAD-0001,Rossi,Mario,1970,IT,IT,passport,X1,IT,migrant_smuggling,organiser,high',
    'IT-BAD-0002,=SUM(1),Luigi,1971,IT,XX,,,,,boss,urgent',
  ].join('\n');
}
