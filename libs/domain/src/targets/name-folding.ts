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
