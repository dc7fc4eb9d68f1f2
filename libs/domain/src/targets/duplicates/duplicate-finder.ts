import { foldName, nameSkeleton } from '../name-folding';

/** What duplicate detection compares of a target. */
export interface DuplicateCandidate {
  familyName: string;
  givenNames: string;
  aliases: readonly string[];
  /** YYYY-MM-DD */
  birthDate: string | null;
  birthYear: number | null;
  nationalities: readonly string[];
  identityDocuments: readonly { number: string }[];
}

export type DuplicateReasonCode =
  'similar_names' | 'same_birth_date' | 'same_birth_year' | 'same_document_number' | 'same_nationality';

export interface DuplicateReason {
  code: DuplicateReasonCode;
  detail: string;
}

export interface DuplicateAssessment {
  /** 0..1 */
  score: number;
  reasons: DuplicateReason[];
}

/**
 * Weights, summed and clamped to 0..1. A shared document number is near-proof on its own; a name
 * match across transliterations is the usual signal and reaches the threshold alone only when the
 * skeletons agree; birth data confirms, or contradicts when the years are more than one apart
 * (a year off by one is often an estimate); nationality only nudges, as most targets of an
 * operation share a few.
 */
const WEIGHTS = {
  names: 0.55,
  documentNumber: 0.8,
  birthDate: 0.3,
  birthYear: 0.15,
  nationality: 0.05,
  birthYearConflict: -0.35,
};

/** Pairs scoring below this are not proposed. */
export const DUPLICATE_THRESHOLD = 0.5;

/** Names less similar than this do not count as a reason. */
const NAME_SIMILARITY_FLOOR = 0.5;

/** Upper case without spaces, dashes, dots or slashes: "ab 123-456" and "AB123456" are one number. */
export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[\s\-./]+/g, '');
}

export function assessDuplicate(a: DuplicateCandidate, b: DuplicateCandidate): DuplicateAssessment {
  const reasons: DuplicateReason[] = [];
  let score = 0;

  const names = closestNames(a, b);
  if (names.similarity >= NAME_SIMILARITY_FLOOR) {
    score += WEIGHTS.names * names.similarity;
    reasons.push({ code: 'similar_names', detail: `${names.first} ~ ${names.second}` });
  }

  const documents = sharedDocumentNumbers(a, b);
  if (documents.length > 0) {
    score += WEIGHTS.documentNumber;
    reasons.push({ code: 'same_document_number', detail: documents.join(', ') });
  }

  const yearA = birthYearOf(a);
  const yearB = birthYearOf(b);
  if (a.birthDate && a.birthDate === b.birthDate) {
    score += WEIGHTS.birthDate;
    reasons.push({ code: 'same_birth_date', detail: a.birthDate });
  } else if (yearA !== null && yearA === yearB) {
    score += WEIGHTS.birthYear;
    reasons.push({ code: 'same_birth_year', detail: String(yearA) });
  } else if (yearA !== null && yearB !== null && Math.abs(yearA - yearB) > 1) {
    score += WEIGHTS.birthYearConflict;
  }

  const nationalities = a.nationalities.filter((country) => b.nationalities.includes(country));
  if (nationalities.length > 0) {
    score += WEIGHTS.nationality;
    reasons.push({ code: 'same_nationality', detail: nationalities.join(', ') });
  }

  return { score: round(Math.min(1, Math.max(0, score))), reasons };
}

interface NameForm {
  text: string;
  folded: string;
  skeleton: string;
}

/** The most similar pair among each record's full name and aliases. */
function closestNames(
  a: DuplicateCandidate,
  b: DuplicateCandidate,
): { similarity: number; first: string; second: string } {
  let best = { similarity: 0, first: '', second: '' };
  for (const first of nameForms(a)) {
    for (const second of nameForms(b)) {
      const similarity = formSimilarity(first, second);
      if (similarity > best.similarity) best = { similarity, first: first.text, second: second.text };
    }
  }
  return best;
}

function nameForms(candidate: DuplicateCandidate): NameForm[] {
  const texts = [`${candidate.givenNames} ${candidate.familyName}`.trim(), ...candidate.aliases];
  return texts
    .map((text) => ({ text: text.trim(), folded: foldName(text), skeleton: nameSkeleton(text) }))
    .filter((form) => form.folded !== '');
}

/**
 * 1 for the same folded name (word order and spacing aside). The same skeleton ("Mohammed" and
 * "Muhammad") starts at 0.8, raised by how close the spellings are, because skeletons also join some
 * different names (Mahmoud and Mohammed are both "mhmd"). Otherwise trigram similarity, as pg_trgm.
 */
function formSimilarity(a: NameForm, b: NameForm): number {
  if (sameWords(a.folded, b.folded)) return 1;
  const spelling = trigramSimilarity(a.folded, b.folded);
  if (sameWords(a.skeleton, b.skeleton)) return 0.8 + 0.2 * spelling;
  return Math.max(spelling, 0.9 * trigramSimilarity(a.skeleton, b.skeleton));
}

/** "al masri" = "almasri"; "masri mohammed" = "mohammed masri". */
function sameWords(a: string, b: string): boolean {
  if (a.replace(/ /g, '') === b.replace(/ /g, '')) return true;
  return a.split(' ').sort().join(' ') === b.split(' ').sort().join(' ');
}

/** pg_trgm's similarity: shared trigrams of the space-padded words over all trigrams. */
export function trigramSimilarity(a: string, b: string): number {
  const first = trigrams(a);
  const second = trigrams(b);
  if (first.size === 0 || second.size === 0) return 0;
  let shared = 0;
  for (const trigram of first) if (second.has(trigram)) shared++;
  return shared / (first.size + second.size - shared);
}

function trigrams(value: string): Set<string> {
  const result = new Set<string>();
  for (const word of value.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  }
  return result;
}

function sharedDocumentNumbers(a: DuplicateCandidate, b: DuplicateCandidate): string[] {
  const numbers = new Set(a.identityDocuments.map((document) => normaliseDocumentNumber(document.number)));
  const shared = b.identityDocuments
    .map((document) => normaliseDocumentNumber(document.number))
    .filter((number) => number !== '' && numbers.has(number));
  return [...new Set(shared)];
}

function birthYearOf(candidate: DuplicateCandidate): number | null {
  if (candidate.birthYear !== null) return candidate.birthYear;
  return candidate.birthDate ? Number(candidate.birthDate.slice(0, 4)) : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
