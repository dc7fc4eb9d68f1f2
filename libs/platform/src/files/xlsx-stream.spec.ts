import * as ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { PassThrough, Writable } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import { columnName, crc32, XlsxStreamWriter, xmlText, ZipWriter } from './xlsx-stream';

/** A file that takes `chunkDelay` per write and remembers the most it ever held waiting. */
class SlowFile extends Writable {
  readonly chunks: Buffer[] = [];
  mostPending = 0;

  constructor(highWaterMark = 16 * 1024) {
    super({ highWaterMark });
  }

  override write(chunk: Buffer, ...rest: never[]): boolean {
    const accepted = super.write(chunk, ...rest);
    this.mostPending = Math.max(this.mostPending, this.writableLength);
    return accepted;
  }

  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.chunks.push(chunk);
    setImmediate(callback);
  }

  get buffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

interface Entry {
  name: string;
  data: Buffer;
}

/** Reads a zip through its central directory, checking every entry's sizes and CRC against its data. */
function unzip(zip: Buffer): Entry[] {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  expect(at + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const offset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50);
    expect(zip.toString('utf8', offset + 30, offset + 30 + nameLength)).toBe(name);
    const dataStart = offset + 30 + nameLength + zip.readUInt16LE(offset + 28);
    const data = inflateRawSync(zip.subarray(dataStart, dataStart + compressedSize));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    // The data descriptor after the data repeats the CRC and sizes.
    const descriptor = dataStart + compressedSize;
    expect(zip.readUInt32LE(descriptor)).toBe(0x08074b50);
    expect([
      zip.readUInt32LE(descriptor + 4),
      zip.readUInt32LE(descriptor + 8),
      zip.readUInt32LE(descriptor + 12),
    ]).toEqual([crc, compressedSize, size]);
    entries.push({ name, data });
    at += 46 + nameLength;
  }
  return entries;
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const TRICKY = 'Smith & <Jones> "the \'fixer\'" 🚀 Ζαχαρίας Мария';

describe('crc32', () => {
  it('matches the standard check value, also when continued over pieces', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('xmlText', () => {
  it('escapes markup, removes characters XML 1.0 forbids and keeps the rest', () => {
    expect(xmlText('plain text')).toBe('plain text');
    expect(xmlText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(xmlText('bell\u0007 null\u0000 vt\u000b ff\u000c esc\u001b')).toBe('bell null vt ff esc');
    expect(xmlText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn&#13;');
    expect(xmlText('🚀 lone \uD800 high, lone \uDC00 low, \uFFFE\uFFFF')).toBe('🚀 lone  high, lone  low, ');
    expect(xmlText('_x0041_ and _x_')).toBe('_x005F_x0041_ and _x_');
  });

  it('names columns the spreadsheet way', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('XlsxStreamWriter', () => {
  it('writes a valid zip of the package parts with one worksheet per sheet', async () => {
    const file = new SlowFile();
    const workbook = new XlsxStreamWriter(file, [
      { name: 'First', columnWidths: [10, 20] },
      { name: 'Second', columnWidths: [30] },
    ]);
    await workbook.start();
    const second = await workbook.sheet('Second', ['only']);
    await second.rows([['x']]);
    await second.close();
    const first = await workbook.sheet('First', ['a', 'b']);
    await first.rows([
      [1, 'one'],
      [2, 'code _x0041_'],
    ]);
    await first.close();
    await workbook.finish();

    const entries = unzip(file.buffer);
    expect(entries.map((entry) => entry.name)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!.data.toString('utf8');
    expect(sheet).toContain(
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
    );
    expect(sheet).toContain('<c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>one</t></is></c>');
    // Excel reads _xHHHH_ in a string as an escaped character: a literal one has its underscore escaped.
    expect(sheet).toContain('<c r="B3" t="inlineStr"><is><t>code _x005F_x0041_</t></is></c>');
    // Written second, listed first: the workbook keeps the declared order.
    expect((await load(file.buffer)).worksheets.map((worksheet) => worksheet.name)).toEqual(['First', 'Second']);
  });

  it('reads back in ExcelJS with frozen bold headers, text as text and numbers as numbers', async () => {
    const file = new SlowFile();
    const workbook = new XlsxStreamWriter(file, [
      { name: 'Targets', columnWidths: [20, 16, 16] },
      { name: 'Headline', columnWidths: [24, 60] },
      { name: 'Empty', columnWidths: [] },
    ]);
    await workbook.start();
    const targets = await workbook.sheet('Targets', ['name', 'count', 'note']);
    await targets.rows([
      [TRICKY, 3, 'bell\u0007 ok'],
      ['  padded  ', -2.5, null],
      ['line\nbreak\r\nwindows', 0, ''],
      ['literal', 1e21, '\t'],
    ]);
    await targets.rows([['second batch', 42, undefined]]);
    await targets.close();
    const headline = await workbook.sheet('Headline', ['figure', 'value']);
    await headline.rows([['arrested', 26]]);
    await headline.close();
    await workbook.finish();

    const read = await load(file.buffer);
    expect(read.worksheets.map((sheet) => sheet.name)).toEqual(['Targets', 'Headline', 'Empty']);
    for (const sheet of read.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    }
    const sheet = read.getWorksheet('Targets')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'name', 'count', 'note']);
    for (const cell of [1, 2, 3]) expect(sheet.getRow(1).getCell(cell).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.getRow(2).values).toEqual([undefined, TRICKY, 3, 'bell ok']);
    expect(sheet.getRow(3).values).toEqual([undefined, '  padded  ', -2.5]);
    expect(sheet.getRow(4).values).toEqual([undefined, 'line\nbreak\r\nwindows', 0]);
    expect(sheet.getRow(5).values).toEqual([undefined, 'literal', 1e21, '\t']);
    expect(sheet.getRow(6).values).toEqual([undefined, 'second batch', 42]);
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getColumn(1).width).toBe(20);
    expect(read.getWorksheet('Headline')!.getSheetValues()).toEqual([
      undefined,
      [undefined, 'figure', 'value'],
      [undefined, 'arrested', 26],
    ]);
    expect(read.getWorksheet('Empty')!.rowCount).toBe(0);
  });

  it('waits for a slow file, so what waits in memory stays small whatever the number of rows', async () => {
    const file = new SlowFile(16 * 1024);
    const workbook = new XlsxStreamWriter(file, [{ name: 'Targets', columnWidths: [] }]);
    await workbook.start();
    const sheet = await workbook.sheet('Targets', ['id', 'noise']);
    const rows = 40_000;
    for (let batch = 0; batch < rows / 1_000; batch++) {
      // Random text barely compresses, so the file gets about as many bytes as the XML has.
      const noise = randomBytes(50 * 1_000).toString('base64');
      await sheet.rows(Array.from({ length: 1_000 }, (_, i) => [batch * 1_000 + i, noise.slice(i * 60, i * 60 + 60)]));
    }
    await sheet.close();
    await workbook.finish();
    expect(file.buffer.length).toBeGreaterThan(2_000_000);
    // One deflated chunk beyond the file's own buffer at most, never the sheet.
    expect(file.mostPending).toBeLessThan(128 * 1024);
    const read = await load(file.buffer);
    expect(read.getWorksheet('Targets')!.rowCount).toBe(rows + 1);
    expect(
      read
        .getWorksheet('Targets')!
        .getRow(rows + 1)
        .getCell(1).value,
    ).toBe(rows - 1);
  });

  it('fails instead of waiting for ever when the file fails mid-sheet', async () => {
    const file = new PassThrough({ highWaterMark: 1024 });
    const workbook = new XlsxStreamWriter(file, [{ name: 'Targets', columnWidths: [] }]);
    await workbook.start();
    const sheet = await workbook.sheet('Targets', ['noise']);
    setTimeout(() => file.destroy(new Error('disk full')), 20);
    // Nobody reads the pass-through, so the writer soon waits for it to drain.
    await expect(
      (async () => {
        for (;;) await sheet.rows([[randomBytes(30_000).toString('base64')]]);
      })(),
    ).rejects.toThrow('disk full');
  });

  it('fails instead of waiting for ever when the file is closed before the workbook is complete', async () => {
    const file = new PassThrough({ highWaterMark: 1024 });
    const workbook = new XlsxStreamWriter(file, [{ name: 'Targets', columnWidths: [] }]);
    await workbook.start();
    const sheet = await workbook.sheet('Targets', ['noise']);
    setTimeout(() => file.destroy(), 20);
    await expect(
      (async () => {
        for (;;) await sheet.rows([[randomBytes(30_000).toString('base64')]]);
      })(),
    ).rejects.toThrow('The output closed before the file was complete');
    await expect(sheet.close()).rejects.toThrow('The output closed before the file was complete');
  });

  it('refuses a sheet it does not declare, a second copy of a sheet, and a bad sheet name', async () => {
    expect(() => new XlsxStreamWriter(new PassThrough(), [{ name: 'a/b', columnWidths: [] }])).toThrow(
      'Invalid sheet name',
    );
    const workbook = new XlsxStreamWriter(new SlowFile(), [{ name: 'Only', columnWidths: [] }]);
    await workbook.start();
    await expect(workbook.sheet('Other', [])).rejects.toThrow('No sheet Other');
    await (await workbook.sheet('Only', [])).close();
    await expect(workbook.sheet('Only', [])).rejects.toThrow('already written');
  });

  it('keeps zip entries whole: a second entry cannot start while one is open', async () => {
    const zip = new ZipWriter(new SlowFile());
    const first = await zip.entry('a.txt');
    await expect(zip.entry('b.txt')).rejects.toThrow('still open');
    await first.close();
    await zip.finish();
  });
});
