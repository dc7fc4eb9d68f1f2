import { WantedFor } from '../targets';
import { RedNoticeFacts, redNoticeProblems, RedNoticeTargetFacts, RedNoticeWarrantFacts } from './red-notice-rules';

const identified: RedNoticeTargetFacts = {
  familyName: 'Al Masri',
  birthDate: '1979-03-14',
  birthYear: 1979,
  heightCm: null,
  weightKg: null,
  eyeColour: null,
  hairColour: null,
  distinguishingMarks: null,
  photographReference: null,
  fingerprintsReference: null,
  identityDocuments: [{ number: 'A1234567' }],
};

const prosecution = (maximumPenaltyMonths: number | null, reference: string | null = 'RG 1/2016') =>
  ({
    reference,
    wantedFor: WantedFor.Prosecution,
    maximumPenaltyMonths,
    sentenceImposedMonths: null,
    sentenceRemainingMonths: null,
  }) satisfies RedNoticeWarrantFacts;

const sentence = (imposed: number | null, remaining: number | null) =>
  ({
    reference: 'SE 9/2015',
    wantedFor: WantedFor.Sentence,
    maximumPenaltyMonths: null,
    sentenceImposedMonths: imposed,
    sentenceRemainingMonths: remaining,
  }) satisfies RedNoticeWarrantFacts;

const facts = (
  overrides: Partial<RedNoticeFacts> = {},
  target: Partial<RedNoticeTargetFacts> = {},
): RedNoticeFacts => ({
  warrants: [prosecution(120)],
  article3Attested: true,
  ...overrides,
  target: { ...identified, ...target },
});

const fields = (input: RedNoticeFacts) => redNoticeProblems(input).map((problem) => problem.field);

describe('red notice rules', () => {
  it('accepts a complete request', () => {
    expect(redNoticeProblems(facts())).toEqual([]);
  });

  it('needs an arrest warrant, with a reference', () => {
    expect(redNoticeProblems(facts({ warrants: [] }))).toEqual([
      { field: 'warrants', message: 'the target has no arrest warrant' },
    ]);
    expect(fields(facts({ warrants: [prosecution(120, null)] }))).toEqual(['warrants[0].reference']);
    expect(fields(facts({ warrants: [prosecution(120, '  ')] }))).toEqual(['warrants[0].reference']);
  });

  it('for prosecution needs a maximum penalty of at least 24 months: 23 is refused, 24 accepted', () => {
    const refused = redNoticeProblems(facts({ warrants: [prosecution(23)] }));
    expect(refused).toEqual([
      {
        field: 'warrants[0].maximumPenaltyMonths',
        message: 'for prosecution the offence must carry a maximum penalty of at least 24 months (23 given)',
      },
    ]);
    expect(redNoticeProblems(facts({ warrants: [prosecution(24)] }))).toEqual([]);
    expect(redNoticeProblems(facts({ warrants: [prosecution(null)] }))[0].message).toContain('none given');
  });

  it('for a sentence needs at least 6 months imposed or remaining: 5 is refused, 6 accepted', () => {
    expect(fields(facts({ warrants: [sentence(5, null)] }))).toEqual(['warrants[0].sentenceImposedMonths']);
    expect(fields(facts({ warrants: [sentence(5, 5)] }))).toEqual(['warrants[0].sentenceImposedMonths']);
    expect(fields(facts({ warrants: [sentence(null, 5)] }))).toEqual(['warrants[0].sentenceImposedMonths']);
    expect(fields(facts({ warrants: [sentence(6, null)] }))).toEqual([]);
    expect(fields(facts({ warrants: [sentence(5, 6)] }))).toEqual([]);
    expect(fields(facts({ warrants: [sentence(null, 6)] }))).toEqual([]);
  });

  it('is satisfied by any one warrant that meets both warrant rules, and lists every shortfall otherwise', () => {
    expect(fields(facts({ warrants: [prosecution(23), prosecution(24, null), sentence(6, null)] }))).toEqual([]);
    expect(fields(facts({ warrants: [prosecution(23), prosecution(24, null)] }))).toEqual([
      'warrants[0].maximumPenaltyMonths',
      'warrants[1].reference',
    ]);
  });

  it('needs the Article 3 attestation', () => {
    expect(fields(facts({ article3Attested: false }))).toEqual(['article3Attested']);
  });

  it('needs a family name, and a date of birth or a birth year', () => {
    expect(fields(facts({}, { familyName: ' ' }))).toEqual(['target.familyName']);
    expect(fields(facts({}, { birthDate: null, birthYear: null }))).toEqual(['target.birthDate']);
    expect(fields(facts({}, { birthDate: null, birthYear: 1979 }))).toEqual([]);
  });

  it('needs one of a physical description, an identity document, a photograph or fingerprints', () => {
    const bare = { identityDocuments: [] };
    expect(fields(facts({}, bare))).toEqual(['target.identifiers']);
    expect(fields(facts({}, { identityDocuments: [{ number: '' }] }))).toEqual(['target.identifiers']);
    for (const one of [
      { heightCm: 180 },
      { weightKg: 80 },
      { eyeColour: 'brown' },
      { hairColour: 'black' },
      { distinguishingMarks: 'scar on left cheek' },
      { photographReference: 'PH-2016-001' },
      { fingerprintsReference: 'AFIS-123' },
    ]) {
      expect([one, fields(facts({}, { ...bare, ...one }))]).toEqual([one, []]);
    }
  });

  it('lists every unmet rule at once', () => {
    const all = facts(
      { warrants: [prosecution(23, null)], article3Attested: false },
      { familyName: '', birthDate: null, birthYear: null, identityDocuments: [] },
    );
    expect(fields(all)).toEqual([
      'warrants[0].reference',
      'warrants[0].maximumPenaltyMonths',
      'article3Attested',
      'target.familyName',
      'target.birthDate',
      'target.identifiers',
    ]);
  });
});
