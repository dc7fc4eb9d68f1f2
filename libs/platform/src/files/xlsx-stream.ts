import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createDeflateRaw, type DeflateRaw } from 'node:zlib';

/**
 * A small streaming XLSX writer: a zip written front to back (each entry's sizes and CRC follow it in
 * a data descriptor, so nothing is buffered or rewritten), one deflate stream per entry, and
 * worksheets of inline strings written row batch by row batch with backpressure. Enough for flat
 * tables with a bold, frozen header row; memory stays flat whatever the number of rows, and it makes
 * a handful of strings per row where a general spreadsheet library makes several objects per cell.
 */

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zip uses it), continued from `crc` (Node 20 has no zlib.crc32). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Without zip64, offsets and sizes are 32 bits and there are at most 65,535 entries. */
const ZIP32_LIMIT = 0xffffffff;
const MAX_ENTRIES = 0xffff;
/** General purpose flags: bit 3 (sizes and CRC in a data descriptor), bit 11 (UTF-8 names). */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

export class ZipTooLargeError extends Error {
  constructor() {
    super('The file would exceed 4 GB, the limit of a zip without zip64');
  }
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * Waits for an event; fails with the emitter's error, or with the output's failure once `failed` is
 * aborted. (An abort signal rather than a race with a failure promise: a promise pending for the
 * whole file would collect one reaction per wait.)
 */
async function waitFor(emitter: NodeJS.EventEmitter, event: string, failed: AbortSignal): Promise<void> {
  if (failed.aborted) throw failed.reason;
  try {
    await once(emitter, event, { signal: failed });
  } catch (error) {
    throw failed.aborted ? failed.reason : error;
  }
}

/** A zip archive written sequentially to `out`, one entry at a time. */
export class ZipWriter {
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private open: ZipEntry | undefined;
  private readonly dosTime: number;
  private readonly dosDate: number;
  /** Aborted, with the reason, when `out` fails or closes before the archive is finished. */
  private readonly failure = new AbortController();
  private finished = false;

  constructor(
    private readonly out: Writable,
    modified = new Date(),
  ) {
    this.dosTime = (modified.getHours() << 11) | (modified.getMinutes() << 5) | (modified.getSeconds() >> 1);
    this.dosDate =
      ((Math.max(modified.getFullYear(), 1980) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
    out.once('error', (error) => this.failure.abort(error));
    out.once('close', () => {
      if (!this.finished) this.failure.abort(new Error('The output closed before the file was complete'));
    });
  }

  /** Writes raw archive bytes, counting them and waiting for the output when it is full. */
  async writeRaw(chunk: Buffer): Promise<void> {
    this.count(chunk.length);
    if (this.failure.signal.aborted) throw this.failure.signal.reason;
    if (!this.out.write(chunk)) await waitFor(this.out, 'drain', this.failure.signal);
  }

  private count(bytes: number): void {
    this.offset += bytes;
    if (this.offset > ZIP32_LIMIT) throw new ZipTooLargeError();
  }

  /** Starts an entry; the previous one must be closed. */
  async entry(name: string): Promise<ZipEntry> {
    if (this.open) throw new Error(`Zip entry ${this.open.name} is still open`);
    if (this.records.length >= MAX_ENTRIES) throw new Error('Too many zip entries');
    const encoded = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.dosTime, 10);
    header.writeUInt16LE(this.dosDate, 12);
    // CRC and sizes (14..25) stay zero: they follow the data in the descriptor.
    header.writeUInt16LE(encoded.length, 26);
    await this.writeRaw(Buffer.concat([header, encoded]));
    this.open = new ZipEntry(
      name,
      this.out,
      this.failure.signal,
      (compressed) => this.count(compressed),
      async (entry) => {
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(entry.crc, 4);
        descriptor.writeUInt32LE(entry.compressedSize, 8);
        descriptor.writeUInt32LE(entry.size, 12);
        await this.writeRaw(descriptor);
        this.records.push({
          name: encoded,
          crc: entry.crc,
          compressedSize: entry.compressedSize,
          size: entry.size,
          offset,
        });
        this.open = undefined;
      },
    );
    return this.open;
  }

  /** Writes a whole entry at once (small parts). */
  async file(name: string, content: string): Promise<void> {
    const entry = await this.entry(name);
    await entry.write(content);
    await entry.close();
  }

  /** Writes the central directory, ends `out` and waits until it has taken everything. */
  async finish(): Promise<void> {
    if (this.open) throw new Error(`Zip entry ${this.open.name} is still open`);
    const start = this.offset;
    for (const record of this.records) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(VERSION, 6);
      header.writeUInt16LE(FLAGS, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(this.dosTime, 12);
      header.writeUInt16LE(this.dosDate, 14);
      header.writeUInt32LE(record.crc, 16);
      header.writeUInt32LE(record.compressedSize, 20);
      header.writeUInt32LE(record.size, 24);
      header.writeUInt16LE(record.name.length, 28);
      // Extra field, comment, disk number, attributes (30..41): none.
      header.writeUInt32LE(record.offset, 42);
      await this.writeRaw(Buffer.concat([header, record.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.records.length, 8);
    end.writeUInt16LE(this.records.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.writeRaw(end);
    const done = waitFor(this.out, 'finish', this.failure.signal);
    this.finished = true;
    this.out.end();
    await done;
  }
}

/** One entry's deflated data, streamed into the archive's output with backpressure. */
export class ZipEntry {
  crc = 0;
  size = 0;
  compressedSize = 0;
  private readonly deflate: DeflateRaw;
  private readonly flushed: Promise<void>;
  private error: Error | undefined;

  constructor(
    readonly name: string,
    out: Writable,
    private readonly failed: AbortSignal,
    countCompressed: (bytes: number) => void,
    private readonly onClose: (entry: ZipEntry) => Promise<void>,
  ) {
    this.deflate = createDeflateRaw();
    this.deflate.on('data', (chunk: Buffer) => {
      this.compressedSize += chunk.length;
      try {
        countCompressed(chunk.length);
      } catch (error) {
        this.deflate.destroy(error as Error);
        return;
      }
      // The output is full: stop the deflater until it drains, so its buffers fill and writes wait.
      if (!out.write(chunk)) {
        this.deflate.pause();
        out.once('drain', () => this.deflate.resume());
      }
    });
    this.deflate.on('error', (error) => {
      this.error = error;
    });
    // Resolves when the deflater has ended (all its output handed to `out`); fails with it or the output.
    this.flushed = waitFor(this.deflate, 'end', failed);
    this.flushed.catch(() => this.deflate.destroy());
  }

  private check(): void {
    if (this.failed.aborted) throw this.failed.reason;
    if (this.error) throw this.error;
  }

  async write(text: string): Promise<void> {
    this.check();
    const data = Buffer.from(text, 'utf8');
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    if (this.size > ZIP32_LIMIT) throw new ZipTooLargeError();
    if (!this.deflate.write(data)) await waitFor(this.deflate, 'drain', this.failed);
  }

  async close(): Promise<void> {
    this.check();
    this.deflate.end();
    await this.flushed;
    await this.onClose(this);
  }
}

/** A cell: text (written as an inline string), a number, or nothing (no cell). */
export type XlsxCell = string | number | null | undefined;

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; lone surrogates). */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything the escaping below would change; most cells have none of it and are copied as they are. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_ESCAPING = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/**
 * Text for an XML element: markup escaped, forbidden characters removed, a carriage return kept as a
 * character reference (a parser would turn a raw one into a line feed), and a literal `_xHHHH_`
 * protected (`_x005F_` is an underscore), since spreadsheets read that pattern as an escaped character.
 */
export function xmlText(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  return value
    .replace(FORBIDDEN, '')
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[&<>"\r]/g, (character) => ENTITIES[character]);
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIP_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIP_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** Style 0 is the default; style 1 is bold (the header rows). */
const BOLD_STYLE = 1;
const STYLES_XML = `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Excel's limits on sheet names. */
const INVALID_SHEET_NAME = /[\\/?*[\]:]/;

export interface XlsxSheetSpec {
  name: string;
  /** Column widths in characters, first column first. */
  columnWidths: number[];
}

/**
 * A workbook whose sheets are known up front and written one after the other, in any order (the
 * workbook lists them in the order given here). Each sheet has a frozen first row.
 */
export class XlsxStreamWriter {
  private readonly zip: ZipWriter;
  private current: XlsxSheetWriter | undefined;
  private readonly written = new Set<string>();

  constructor(
    out: Writable,
    private readonly sheets: readonly XlsxSheetSpec[],
  ) {
    for (const sheet of sheets) {
      if (sheet.name.length === 0 || sheet.name.length > 31 || INVALID_SHEET_NAME.test(sheet.name)) {
        throw new Error(`Invalid sheet name ${JSON.stringify(sheet.name)}`);
      }
    }
    this.zip = new ZipWriter(out);
  }

  /** Writes the package parts that describe the workbook (all known before any row). */
  async start(): Promise<void> {
    const sheetTypes = this.sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${SPREADSHEET_TYPE}.worksheet+xml"/>`,
      )
      .join('');
    await this.zip.file(
      '[Content_Types].xml',
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEET_TYPE}.sheet.main+xml"/>${sheetTypes}<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEET_TYPE}.styles+xml"/></Types>`,
    );
    await this.zip.file(
      '_rels/.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NS}"><Relationship Id="rId1" Type="${RELATIONSHIP_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
    const sheetList = this.sheets
      .map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('');
    await this.zip.file(
      'xl/workbook.xml',
      `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}"><bookViews><workbookView/></bookViews><sheets>${sheetList}</sheets></workbook>`,
    );
    const sheetRelationships = this.sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIP_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('');
    await this.zip.file(
      'xl/_rels/workbook.xml.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIP_NS}">${sheetRelationships}<Relationship Id="rId${this.sheets.length + 1}" Type="${RELATIONSHIP_NS}/styles" Target="styles.xml"/></Relationships>`,
    );
    await this.zip.file('xl/styles.xml', STYLES_XML);
  }

  /** Opens the named sheet and writes its bold header row; the previous sheet must be closed. */
  async sheet(name: string, header: readonly string[]): Promise<XlsxSheetWriter> {
    const index = this.sheets.findIndex((sheet) => sheet.name === name);
    if (index < 0) throw new Error(`No sheet ${name} in this workbook`);
    if (this.written.has(name)) throw new Error(`Sheet ${name} was already written`);
    this.written.add(name);
    const entry = await this.zip.entry(`xl/worksheets/sheet${index + 1}.xml`);
    const columns = this.sheets[index].columnWidths
      .map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`)
      .join('');
    await entry.write(
      `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIP_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${columns ? `<cols>${columns}</cols>` : ''}<sheetData>`,
    );
    this.current = new XlsxSheetWriter(entry, () => {
      this.current = undefined;
    });
    if (header.length > 0) await this.current.rows([header], BOLD_STYLE);
    return this.current;
  }

  /** Writes the sheets never opened as empty ones, then closes the archive and `out`. */
  async finish(): Promise<void> {
    if (this.current) throw new Error('A sheet is still open');
    for (const sheet of this.sheets) {
      if (!this.written.has(sheet.name)) await (await this.sheet(sheet.name, [])).close();
    }
    await this.zip.finish();
  }
}

/** Rows of one sheet, appended in batches. */
export class XlsxSheetWriter {
  private rowNumber = 0;
  private readonly columnNames: string[] = [];

  constructor(
    private readonly entry: ZipEntry,
    private readonly onClose: () => void,
  ) {}

  /** Appends rows as one write; resolves when the file can take more. */
  async rows(rows: readonly (readonly XlsxCell[])[], style = 0): Promise<void> {
    const styleAttribute = style ? ` s="${style}"` : '';
    let xml = '';
    for (const row of rows) {
      const number = ++this.rowNumber;
      xml += `<row r="${number}">`;
      for (let i = 0; i < row.length; i++) {
        const value = row[i];
        if (value === null || value === undefined || value === '') continue;
        const reference = `${this.columnNames[i] ?? (this.columnNames[i] = columnName(i))}${number}`;
        if (typeof value === 'number') {
          // NaN and infinities have no spreadsheet form: written as text rather than as a broken number.
          xml += Number.isFinite(value)
            ? `<c r="${reference}"${styleAttribute}><v>${value}</v></c>`
            : `<c r="${reference}"${styleAttribute} t="inlineStr"><is><t>${value}</t></is></c>`;
        } else {
          const text = xmlText(value);
          const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
          xml += `<c r="${reference}"${styleAttribute} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
        }
      }
      xml += '</row>';
    }
    await this.entry.write(xml);
  }

  async close(): Promise<void> {
    await this.entry.write('</sheetData></worksheet>');
    await this.entry.close();
    this.onClose();
  }
}
