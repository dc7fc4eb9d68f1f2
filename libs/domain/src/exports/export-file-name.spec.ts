import { ExportFormat } from './export-vocabulary';
import { exportFileName } from './exports.service';

describe('export file names', () => {
  const day = new Date('2026-11-29T23:59:00.000Z');

  it('is built from the operation code, the view and the day of the request', () => {
    expect(exportFileName('HYDRA-2016', null, ExportFormat.Csv, day)).toBe('HYDRA-2016-results-2026-11-29.csv');
    expect(exportFileName('HYDRA-2016', 'IT', ExportFormat.Xlsx, day)).toBe('HYDRA-2016-results-IT-2026-11-29.xlsx');
    expect(exportFileName('HYDRA-2016', null, ExportFormat.Json, day)).toBe('HYDRA-2016-results-2026-11-29.json');
  });
});
