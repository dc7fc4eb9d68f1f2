import { Readable } from 'node:stream';

/** Separators a spreadsheet writes: comma, semicolon (Excel where the decimal mark is a comma), tab. */
export const CSV_SEPARATORS = [',', ';', '\t'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/** How far into the file the header row is looked for. */
const HEADER_LOOKAHEAD_BYTES = 64 * 1024;

/** The separator used most often in the header row outside quotes; a comma when none is. */
export function detectSeparator(headerLine: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>(CSV_SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of headerLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character as CsvSeparator))
      counts.set(character as CsvSeparator, counts.get(character as CsvSeparator)! + 1);
  }
  let best: CsvSeparator = ',';
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/**
 * Reads the start of a CSV body up to its first line break, picks the separator from that header row,
 * and hands back a stream that still yields the whole body.
 */
export async function withDetectedSeparator(source: Readable): Promise<{ separator: CsvSeparator; body: Readable }> {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: Buffer[] = [];
  let text = '';
  while (!/[\r\n]/.test(text) && text.length < HEADER_LOOKAHEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    text += chunk.toString('utf8');
  }
  async function* whole(): AsyncGenerator<Buffer | string> {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { separator: detectSeparator(text.split(/\r?\n|\r/)[0].replace(/^\uFEFF/, '')), body: Readable.from(whole()) };
}
