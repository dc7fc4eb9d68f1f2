/**
 * Name folding for search and duplicate detection across transliterations.
 *
 * `foldName` lower-cases, strips diacritics and punctuation ("Al-Hāshimī" -> "al hashimi").
 * `nameSkeleton` keeps the consonant outline, so transliterations of one name meet:
 * Mohammed, Muhammad, Mohamed -> "mhmd"; Abdel, Abdul -> "abdl"; Youssef, Yusuf -> "ysf".
 */
export function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SPELLING_VARIANTS: [RegExp, string][] = [
  [/ph/g, 'f'],
  [/([kgsctzd])h/g, '$1'],
  [/h$/g, ''],
  [/dj/g, 'j'],
  [/c(?=[eiy])/g, 's'],
  [/[qck]/g, 'k'],
  [/z/g, 's'],
  [/w/g, 'v'],
];

function wordSkeleton(word: string): string {
  if (word.length <= 2) return word;
  let spelled = word;
  for (const [pattern, replacement] of SPELLING_VARIANTS) spelled = spelled.replace(pattern, replacement);
  spelled = spelled.replace(/(.)\1+/g, '$1');
  return (spelled[0] + spelled.slice(1).replace(/[aeiouy]/g, '')).replace(/(.)\1+/g, '$1');
}

export function nameSkeleton(value: string): string {
  return foldName(value).split(' ').filter(Boolean).map(wordSkeleton).join(' ');
}

/** The text stored in `targets.search_names`: folded names and aliases, then their skeletons. */
export function searchNames(familyName: string, givenNames: string, aliases: string[]): string {
  const names = [`${givenNames} ${familyName}`, ...aliases].map(foldName).filter(Boolean);
  return [...new Set([...names, ...names.map(nameSkeleton)])].join(' | ');
}

/** Name particles that transliterations attach, detach or drop: Al Masri, Almasri, El-Masry, Ben Ali, Benali. */
const PARTICLES = new Set(['al', 'el', 'ben', 'bin', 'ibn', 'abu', 'bou', 'ould']);
const PARTICLE_PREFIX = /^(al|el|ben|bin|ibn|abu|bou)(?=\p{L}{3,})/u;

function wordKeys(words: string[]): string[] {
  const keys: string[] = [];
  words.forEach((word, index) => {
    if (PARTICLES.has(word)) {
      if (words[index + 1]) keys.push(wordSkeleton(word + words[index + 1]));
      return;
    }
    keys.push(wordSkeleton(word));
    const withoutParticle = word.replace(PARTICLE_PREFIX, '');
    if (withoutParticle !== word) keys.push(wordSkeleton(withoutParticle));
  });
  return keys;
}

/**
 * Keys stored in `targets.name_keys` (GIN-indexed): the skeleton of every word of the names and
 * aliases, with and without an attached particle, and of particle + next word joined.
 */
export function nameKeys(familyName: string, givenNames: string, aliases: string[]): string[] {
  const words = [`${givenNames} ${familyName}`, ...aliases].map((name) => foldName(name).split(' ').filter(Boolean));
  return [...new Set(words.flatMap(wordKeys))].sort();
}

/**
 * Keys a search must all find: one per word of the query, particles left out and attached ones
 * removed, so "Mohamed Al-Masry" asks for mhmd and msr and finds Muhammad Almasri.
 */
export function searchKeys(query: string): string[] {
  const words = foldName(query)
    .split(' ')
    .filter((word) => word && !PARTICLES.has(word));
  return [...new Set(words.map((word) => wordSkeleton(word.replace(PARTICLE_PREFIX, ''))))];
}
