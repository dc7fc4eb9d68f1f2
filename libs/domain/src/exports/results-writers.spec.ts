import * as ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { ExportFormat, ExportScope } from './export-vocabulary';
import { TARGET_COLUMNS } from './results-queries';
import type { OperationResults } from './results.service';
import { resultsWriter } from './results-writers';

describe('XLSX results writer', () => {
  it('writes the Targets sheet with formula-like text escaped and numbers untouched', async () => {
    const chunks: Buffer[] = [];
    const file = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const writer = resultsWriter(ExportFormat.Xlsx, file, {
      operation: { code: 'HYDRA-2016', name: 'Hydra', status: 'closed' },
      country: null,
      scope: ExportScope.Targets,
      generatedAt: '2026-11-29T12:00:00.000Z',
    });
    // The targets scope has no summary parts: the figures are never read.
    await writer.start({} as OperationResults);
    const row = (reference: string, familyName: string, leads: number) =>
      TARGET_COLUMNS.map((column) =>
        column === 'reference'
          ? reference
          : column === 'family_name'
            ? familyName
            : column === 'lead_count'
              ? leads
              : '',
      );
    await writer.targets([row('T-1', '=HYPERLINK("http://evil.example","x")', -1), row('T-2', '@SUM(1+1)', 2)]);
    await writer.targets([row('T-3', '+33 6 12', 0), row('T-4', '-minus', 7)]);
    await writer.finish();

    const read = new ExcelJS.Workbook();
    await read.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(read.worksheets.map((sheet) => sheet.name)).toEqual(['Targets']);
    const sheet = read.getWorksheet('Targets')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...TARGET_COLUMNS]);
    const family = TARGET_COLUMNS.indexOf('family_name') + 1;
    const leads = TARGET_COLUMNS.indexOf('lead_count') + 1;
    expect([2, 3, 4, 5].map((n) => sheet.getRow(n).getCell(family).value)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'@SUM(1+1)",
      "'+33 6 12",
      "'-minus",
    ]);
    expect([2, 3, 4, 5].map((n) => sheet.getRow(n).getCell(leads).value)).toEqual([-1, 2, 0, 7]);
    expect(sheet.getRow(2).getCell(leads).formula).toBeUndefined();
  });
});
