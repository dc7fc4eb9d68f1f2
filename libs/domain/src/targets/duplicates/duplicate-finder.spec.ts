import {
  assessDuplicate,
  DUPLICATE_THRESHOLD,
  DuplicateCandidate,
  isUsableDocumentNumber,
  normaliseDocumentNumber,
} from './duplicate-finder';

function person(givenNames: string, familyName: string, extra: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  return {
    givenNames,
    familyName,
    aliases: [],
    birthDate: null,
    birthYear: null,
    nationalities: [],
    identityDocuments: [],
    ...extra,
  };
}

const codes = (a: DuplicateCandidate, b: DuplicateCandidate) => assessDuplicate(a, b).reasons.map((r) => r.code);

describe('duplicate finder', () => {
  it('pairs transliterations of one name born the same year', () => {
    const egypt = person('Mohammed', 'Al Masri', { birthYear: 1985, nationalities: ['EG'] });
    for (const other of [
      person('Muhamad', 'Almasri', { birthDate: '1985-03-14', birthYear: 1985 }),
      person('Mohamed', 'El-Masry', { birthYear: 1985 }),
      person('Muhammad', 'al-Maṣrī', { birthYear: 1985 }),
    ]) {
      const { score, reasons } = assessDuplicate(egypt, other);
      expect(score).toBeGreaterThanOrEqual(0.65);
      expect(reasons.map((r) => r.code)).toEqual(['similar_names', 'same_birth_year']);
    }
    expect(assessDuplicate(egypt, person('Muhamad', 'Almasri', { birthYear: 1985 })).reasons[0]).toEqual({
      code: 'similar_names',
      detail: 'Mohammed Al Masri ~ Muhamad Almasri',
    });
    const joinedArticle = assessDuplicate(person('Muhamad', 'Almasri'), person('Mohamed', 'El-Masry'));
    expect(joinedArticle.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('pairs Abdel and Abdul, Youssef and Yusuf, with the same birth date', () => {
    const first = person('Abdel Rahman Youssef', 'Hassan', { birthDate: '1979-11-02', birthYear: 1979 });
    const second = person('Abdul Rahman Yusuf', 'Hasan', { birthDate: '1979-11-02', birthYear: 1979 });
    const { score, reasons } = assessDuplicate(first, second);
    expect(score).toBeGreaterThanOrEqual(0.8);
    expect(reasons).toEqual([
      { code: 'similar_names', detail: 'Abdel Rahman Youssef Hassan ~ Abdul Rahman Yusuf Hasan' },
      { code: 'same_birth_date', detail: '1979-11-02' },
    ]);
  });

  it('proposes a name match across transliterations on its own, and ranks it under an exact name', () => {
    const transliterated = assessDuplicate(person('Youssef', 'Khalil'), person('Yusuf', 'Khaleel'));
    const exact = assessDuplicate(person('Youssef', 'Khalil'), person('youssef', 'KHALIL'));
    expect(transliterated.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(exact.score).toBeGreaterThan(transliterated.score);
  });

  it('matches a name against the other record’s aliases, in any word order', () => {
    const known = person('Karim', 'Saleh', { aliases: ['Masri Mohammed'] });
    const { score, reasons } = assessDuplicate(known, person('Mohamed', 'Masri'));
    expect(score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(reasons).toEqual([{ code: 'similar_names', detail: 'Masri Mohammed (alias) ~ Mohamed Masri' }]);
  });

  it('does not pair two people only because they share a common kunya', () => {
    const first = person('Karim', 'Saleh', { aliases: ['Abu Yusuf'], birthYear: 1980 });
    const second = person('Omar', 'Haddad', { aliases: ['Abou Youssef'], birthYear: 1980 });
    expect(assessDuplicate(first, second).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('treats the same document number, however written, as a strong signal on its own', () => {
    const first = person('Karim', 'Saleh', { identityDocuments: [{ number: 'AB 123-456', issuingCountry: 'SY' }] });
    const second = person('Omar', 'Haddad', { identityDocuments: [{ number: 'ab123456', issuingCountry: 'SY' }] });
    const { score, reasons } = assessDuplicate(first, second);
    expect(score).toBeGreaterThanOrEqual(0.8);
    expect(reasons).toEqual([{ code: 'same_document_number', detail: 'AB123456' }]);
  });

  it('does not match one number issued by two countries, nor placeholders', () => {
    const syrian = person('Karim', 'Saleh', { identityDocuments: [{ number: 'N0123456', issuingCountry: 'SY' }] });
    const iraqi = person('Omar', 'Haddad', { identityDocuments: [{ number: 'N0123456', issuingCountry: 'IQ' }] });
    expect(codes(syrian, iraqi)).toEqual([]);
    const unknown = (number: string) => person('X', 'Y', { identityDocuments: [{ number, issuingCountry: null }] });
    for (const placeholder of ['UNKNOWN', 'n/a', '000-000', '123']) {
      expect(codes(unknown(placeholder), unknown(placeholder))).not.toContain('same_document_number');
    }
    expect(normaliseDocumentNumber(' p-12.345/67 ')).toBe('P1234567');
    expect(isUsableDocumentNumber('P1234567')).toBe(true);
  });

  it('scores the same name higher with the same birth year and drops it when the years differ', () => {
    const base = person('Khaled', 'Mansour', { birthYear: 1988 });
    const sameYear = assessDuplicate(base, person('Khalid', 'Mansur', { birthYear: 1988 }));
    const yearApart = assessDuplicate(base, person('Khalid', 'Mansur', { birthYear: 1989 }));
    const differentYear = assessDuplicate(
      base,
      person('Khalid', 'Mansur', { birthDate: '1995-06-01', birthYear: 1995 }),
    );
    expect(sameYear.reasons.map((r) => r.code)).toContain('same_birth_year');
    expect(sameYear.score).toBeGreaterThan(yearApart.score);
    expect(yearApart.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(differentYear.score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(differentYear.reasons.map((r) => r.code)).toEqual(['similar_names']);
  });

  it('does not pair clearly different people, even born the same day in the same country', () => {
    const born = { birthDate: '1990-01-01', birthYear: 1990, nationalities: ['SY'] };
    const { score, reasons } = assessDuplicate(person('Ivan', 'Petrov', born), person('Mohammed', 'Al Masri', born));
    expect(score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(reasons.map((r) => r.code)).toEqual(['same_birth_date', 'same_nationality']);
    expect(codes(person('Ahmed', 'Karimi'), person('Omar', 'Karimi'))).toEqual([]);
    expect(codes(person('Mohammed', 'Al Masri'), person('Mohammed', 'Al Hashimi'))).toEqual([]);
  });

  it('is symmetric and stays within 0..1', () => {
    const first = person('Mohammed', 'Al Masri', {
      aliases: ['Abu Yusuf'],
      birthDate: '1985-03-14',
      birthYear: 1985,
      nationalities: ['EG', 'LY'],
      identityDocuments: [{ number: 'A1234567', issuingCountry: 'EG' }],
    });
    const second = person('Muhammad', 'Almasri', {
      aliases: ['Abou Youssef'],
      birthDate: '1985-03-14',
      birthYear: 1985,
      nationalities: ['LY'],
      identityDocuments: [{ number: 'a 123 4567', issuingCountry: null }],
    });
    expect(assessDuplicate(first, second).score).toBe(1);
    expect(assessDuplicate(second, first).score).toBe(assessDuplicate(first, second).score);
  });
});
