import { Readable } from 'node:stream';
import { detectSeparator, withDetectedSeparator } from './csv-separator';

describe('CSV separator detection', () => {
  it('reads the separator from the header row, ignoring separators inside quotes', () => {
    expect(detectSeparator('reference,familyName,nominatingCountry')).toBe(',');
    expect(detectSeparator('reference;familyName;nominatingCountry')).toBe(';');
    expect(detectSeparator('reference\tfamilyName\tnominatingCountry')).toBe('\t');
    expect(detectSeparator('"a;b;c";"d";e,f')).toBe(';');
    expect(detectSeparator('reference')).toBe(',');
  });

  it('keeps the whole body, however it was chunked', async () => {
    const chunks = ['refer', 'ence;family', 'Name\r\nR-1;Haddad\n', 'R-2;Al Masri\n'];
    const { separator, body } = await withDetectedSeparator(Readable.from(chunks.map((chunk) => Buffer.from(chunk))));
    expect(separator).toBe(';');
    let text = '';
    for await (const chunk of body) text += chunk.toString();
    expect(text).toBe(chunks.join(''));
  });
});
