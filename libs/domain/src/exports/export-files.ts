import { Injectable } from '@nestjs/common';
import { AppConfig } from '@dragnet/platform';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';

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

  /** Removes a file; one already gone is fine (a sweep may run twice). */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }
}
