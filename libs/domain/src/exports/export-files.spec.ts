import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@dragnet/platform';
import { ExportFiles } from './export-files';

describe('ExportFiles sweep of abandoned temporary files', () => {
  let directory: string;
  beforeEach(async () => (directory = await mkdtemp(join(tmpdir(), 'dragnet-export-files-'))));
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('removes a temporary file a killed build left behind, and nothing a live build or a finished export needs', async () => {
    const files = new ExportFiles({ EXPORT_DIR: directory } as AppConfig);
    const abandoned = files.temporaryPathOf('op-1-results.csv', 'aaaaaa');
    const live = files.temporaryPathOf('op-2-results.csv', 'bbbbbb');
    const finished = files.pathOf('op-3-results.csv');
    await Promise.all([writeFile(abandoned, 'half'), writeFile(live, 'still writing'), writeFile(finished, 'done')]);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(abandoned, twoHoursAgo, twoHoursAgo);
    await utimes(finished, twoHoursAgo, twoHoursAgo);

    expect(await files.removeAbandonedTemporaries(3600_000)).toBe(1);
    expect((await readdir(directory)).sort()).toEqual(['op-2-results.csv.bbbbbb.tmp', 'op-3-results.csv']);
  });
});
