import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dragnet/platform';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

/** Builds write here first and rename when complete. */
const TEMPORARY_SUFFIX = '.tmp';

/** Where export files live: EXPORT_DIR, shared by the API (downloads) and the worker (builds, sweeps). */
@Injectable()
export class ExportFiles {
  readonly directory: string;

  constructor(config: AppConfig) {
    this.directory = isAbsolute(config.EXPORT_DIR) ? config.EXPORT_DIR : resolve(process.cwd(), config.EXPORT_DIR);
  }

  pathOf(fileKey: string): string {
    return join(this.directory, fileKey);
  }

  async ensureDirectory(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  /** Flushes a finished temporary file to disk and gives it its final name in one atomic step. */
  async publish(temporaryPath: string, fileKey: string): Promise<void> {
    const handle = await open(temporaryPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, this.pathOf(fileKey));
  }

  /**
   * Removes temporary files of builds whose worker died (killed mid-build, the file never renamed);
   * a live build keeps writing to its file, so one untouched for `staleAfterMs` is abandoned.
   */
  async removeAbandonedTemporaries(staleAfterMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names.filter((candidate) => candidate.endsWith(TEMPORARY_SUFFIX))) {
      const path = join(this.directory, name);
      const modified = await stat(path).then(
        (found) => found.mtimeMs,
        () => now,
      );
      if (now - modified < staleAfterMs) continue;
      await this.remove(path);
      removed += 1;
    }
    return removed;
  }

  /** A temporary name for a build of `fileKey`, unique to the build. */
  temporaryPathOf(fileKey: string, unique: string): string {
    return this.pathOf(`${fileKey}.${unique}${TEMPORARY_SUFFIX}`);
  }

  /** Removes a file; one already gone is fine (a sweep may run twice). */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
