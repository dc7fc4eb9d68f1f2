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
  identityDocuments: readonly { number: string; issuingCountry?: string | null }[];
}

export type DuplicateReasonCode =
  'similar_names' | 'same_birth_date' | 'same_birth_year' | 'same_document_number' | 'same_nationality';

export interface DuplicateReason {
  code: DuplicateReasonCode;
  detail: string;
}

export interface DuplicateAssessment {
  /** 0..1, two decimals */
  score: number;
  reasons: DuplicateReason[];
}

/**
 * Summed, then clamped to 0..1. A shared document number is near-proof on its own (0.8). A full
 * name matching across transliterations (0.6 x similarity, skeleton matches at least 0.85) is proposed
 * on its own; a birth date or year confirms it, birth years more than one apart (one apart is often
 * an estimate) drop it below the threshold. Nationality only nudges: most targets of an operation
 * share a few.
 */
const WEIGHTS = {
  names: 0.6,
  documentNumber: 0.8,
  birthDate: 0.3,
  birthYear: 0.15,
  nationality: 0.05,
  birthYearConflict: -0.25,
};

/** Pairs scoring below this are not proposed. */
export const DUPLICATE_THRESHOLD = 0.5;

/** Names less similar than this are no reason. */
const NAME_SIMILARITY_FLOOR = 0.5;

/** Kunyas and nicknames ("Abu Yusuf") are shared by many people: alias against alias counts half. */
const ALIAS_PAIR_FACTOR = 0.5;

/** Upper case without spaces, dashes, dots or slashes: "ab 123-456" and "AB123456" are one number. */
export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[\s\-./]+/g, '');
}

/** Placeholders such as "UNKNOWN", "N/A" or "000000" say nothing. */
export function isUsableDocumentNumber(normalised: string): boolean {
  return normalised.length >= 5 && /\d/.test(normalised) && !/^(.)\1*$/.test(normalised);
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

  return { score: Math.round(Math.min(1, Math.max(0, score)) * 100) / 100, reasons };
}

interface NameForm {
  text: string;
  isAlias: boolean;
  folded: Words;
  skeleton: Words;
  /** The skeleton without the article "al"/"el". */
  bare: Words;
  foldedTrigrams: Set<string>;
  bareTrigrams: Set<string>;
}

/** A name without its spaces, and with its words sorted, to compare spacing and word order aside. */
interface Words {
  joined: string;
  sorted: string;
}

/** The most similar pair among each record's full name and aliases. */
function closestNames(a: DuplicateCandidate, b: DuplicateCandidate) {
  let best = { similarity: 0, first: '', second: '' };
  for (const first of nameForms(a)) {
    for (const second of nameForms(b)) {
      const factor = first.isAlias && second.isAlias ? ALIAS_PAIR_FACTOR : 1;
      const similarity = factor * formSimilarity(first, second);
      if (similarity > best.similarity) best = { similarity, first: label(first), second: label(second) };
    }
  }
  return best;
}

const label = (form: NameForm) => (form.isAlias ? `${form.text} (alias)` : form.text);

// A record is compared with many others; its forms are worked out once.
const formCache = new WeakMap<DuplicateCandidate, NameForm[]>();

function nameForms(candidate: DuplicateCandidate): NameForm[] {
  let forms = formCache.get(candidate);
  if (!forms) {
    const fullName = `${candidate.givenNames} ${candidate.familyName}`;
    forms = [fullName, ...candidate.aliases]
      .map((text, index) => {
        const folded = foldName(text);
        const skeleton = nameSkeleton(folded);
        const bare = nameSkeleton(withoutArticles(folded)) || skeleton;
        return {
          text: text.trim().replace(/\s+/g, ' '),
          isAlias: index > 0,
          folded: words(folded),
          skeleton: words(skeleton),
          bare: words(bare),
          foldedTrigrams: trigrams(folded),
          bareTrigrams: trigrams(bare),
        };
      })
      .filter((form) => form.folded.joined !== '');
    formCache.set(candidate, forms);
  }
  return forms;
}

/**
 * 1 for the same folded name, spacing and word order aside. The same skeleton ("Mohammed Al Masri",
 * "Muhamad Almasri", "Mohamed El Masry") starts at 0.85, raised by how close the spellings are, since
 * skeletons also join some different names (Mahmoud and Mohammed are both "mhmd"). Otherwise trigram
 * similarity, as pg_trgm computes it.
 */
function formSimilarity(a: NameForm, b: NameForm): number {
  if (sameWords(a.folded, b.folded)) return 1;
  const spelling = jaccard(a.foldedTrigrams, b.foldedTrigrams);
  if (sameWords(a.skeleton, b.skeleton) || sameWords(a.bare, b.bare)) return 0.85 + 0.15 * spelling;
  return Math.max(spelling, 0.9 * jaccard(a.bareTrigrams, b.bareTrigrams));
}

/** The Arabic article: "Al Masri", "El-Masry", "Almasri"; not the start of "Ali" or "Alaa". */
function withoutArticles(folded: string): string {
  return folded.replace(/(^| )(?:al|el)(?: |(?=\p{L}{4}))/gu, '$1');
}

function words(name: string): Words {
  return { joined: name.replace(/ /g, ''), sorted: name.split(' ').sort().join(' ') };
}

function sameWords(a: Words, b: Words): boolean {
  return a.joined === b.joined || a.sorted === b.sorted;
}

/** As pg_trgm: each word padded with two spaces before and one after. */
function trigrams(value: string): Set<string> {
  const result = new Set<string>();
  for (const word of value.split(' ').filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  }
  return result;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

function sharedDocumentNumbers(a: DuplicateCandidate, b: DuplicateCandidate): string[] {
  const shared = new Set<string>();
  for (const first of a.identityDocuments) {
    const number = normaliseDocumentNumber(first.number);
    if (!isUsableDocumentNumber(number)) continue;
    for (const second of b.identityDocuments) {
      // The same number from two issuing countries is two documents.
      const sameIssuer =
        !first.issuingCountry || !second.issuingCountry || first.issuingCountry === second.issuingCountry;
      if (sameIssuer && normaliseDocumentNumber(second.number) === number) shared.add(number);
    }
  }
  return [...shared];
}

function birthYearOf(candidate: DuplicateCandidate): number | null {
  if (candidate.birthYear !== null) return candidate.birthYear;
  return candidate.birthDate ? Number(candidate.birthDate.slice(0, 4)) : null;
}
