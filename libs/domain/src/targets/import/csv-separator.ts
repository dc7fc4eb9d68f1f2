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
 * and hands back a stream that still yields the whole body: the source itself, with what was read put
 * back in front (so a pipeline that fails still destroys the source), or, when the body was shorter
 * than the look-ahead, a stream of it.
 */
export function withDetectedSeparator(source: Readable): Promise<{ separator: CsvSeparator; body: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanUp = () => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
    };
    const separatorOf = (head: Buffer) =>
      detectSeparator(
        head
          .toString('utf8')
          .split(/\r?\n|\r/)[0]
          .replace(/^\uFEFF/, ''),
      );
    const onData = (chunk: Buffer | string) => {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(buffer);
      length += buffer.length;
      if (!buffer.includes(0x0a) && !buffer.includes(0x0d) && length < HEADER_LOOKAHEAD_BYTES) return;
      cleanUp();
      source.pause();
      const head = Buffer.concat(chunks);
      source.unshift(head);
      resolve({ separator: separatorOf(head), body: source });
    };
    const onEnd = () => {
      cleanUp();
      const head = Buffer.concat(chunks);
      resolve({ separator: separatorOf(head), body: Readable.from([head]) });
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', onError);
  });
}
