import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, escapeHtml, MailService } from '@dragnet/platform';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuditService } from '../audit/audit.service';
import { systemActor } from '../common/actor';
import { Operation } from '../operations/operation.entity';
import { targetRowsQuery, type ResultsView } from '../results/results-queries';
import { ResultsService } from '../results/results.service';
import { ExportFiles } from './export-files';
import { ExportScope, ExportStatus } from './export-vocabulary';
import { Export } from './export.entity';
import { resultsWriter, type TargetRow } from './results-writers';

/** Rows fetched per round trip from the server-side cursor: memory stays flat whatever the size. */
const FETCH_SIZE = 2_000;

interface RawQueryRunner {
  databaseConnection: PoolClient;
}

export interface BuiltFile {
  rowCount: number;
  sizeBytes: number;
  sha256: string;
}

/**
 * Builds export files in the worker. A build writes to a temporary name and renames it only when it
 * is complete, so a crash or retry never leaves a half-written file marked ready, and the final name
 * is fixed per export, so a retry replaces rather than adds a file.
 */
@Injectable()
export class ExportBuilder {
  private readonly logger = new Logger(ExportBuilder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly results: ResultsService,
    private readonly files: ExportFiles,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Builds the export's file (unless a previous attempt did), then e-mails the requester once. */
  async build(exportId: string, lastAttempt: boolean): Promise<void> {
    const claimed = await this.claim(exportId);
    if (claimed === 'gone') return;
    if (claimed !== 'ready') {
      try {
        await this.writeFile(claimed);
      } catch (error) {
        if (lastAttempt) await this.fail(claimed, error);
        throw error;
      }
    }
    await this.sendReadyEmail(exportId);
  }

  /** Takes a queued (or interrupted) export; 'ready' when only the e-mail is left, 'gone' when there is nothing to do. */
  private async claim(exportId: string): Promise<Export | 'ready' | 'gone'> {
    const rows = (await this.dataSource.query(
      `UPDATE exports SET status = 'running', started_at = now(), attempts = attempts + 1
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [exportId],
    )) as [unknown[], number];
    if (rows[1] === 0) {
      const current = await this.dataSource.manager.findOneBy(Export, { id: exportId });
      return current?.status === ExportStatus.Ready ? 'ready' : 'gone';
    }
    return this.dataSource
      .getRepository(Export)
      .createQueryBuilder('export')
      .addSelect('export.fileKey')
      .where('export.id = :exportId', { exportId })
      .getOneOrFail();
  }

  private async writeFile(job: Export): Promise<void> {
    await this.files.ensureDirectory();
    const temporary = this.files.pathOf(`${job.fileKey}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const built = await this.writeTo(temporary, job);
      await this.files.publish(temporary, job.fileKey);
      await this.dataSource.transaction(async (manager) => {
        const [, updated] = (await manager.query(
          `UPDATE exports SET status = 'ready', row_count = $2, size_bytes = $3, sha256 = $4, finished_at = now(), error = NULL
           WHERE id = $1 AND status = 'running'`,
          [job.id, built.rowCount, built.sizeBytes, built.sha256],
        )) as [unknown, number];
        // Expired (or failed) while it was being built: the file must not outlive its row.
        if (updated === 0) {
          await this.files.remove(this.files.pathOf(job.fileKey));
          return;
        }
        await this.audit.record(manager, systemActor(`export-${job.id}`), {
          action: 'export.ready',
          entityType: 'export',
          entityId: job.id,
          after: { status: ExportStatus.Ready, ...built },
        });
      });
    } finally {
      await this.files.remove(temporary);
    }
  }

  /** Streams the results from one database snapshot through the format's writer into `path`. */
  async writeTo(path: string, job: Pick<Export, 'operationId' | 'country' | 'scope' | 'format'>): Promise<BuiltFile> {
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        callback(null, chunk);
      },
    });
    const written = pipeline(measure, createWriteStream(path, { flags: 'wx' }));
    // If the file fails, the writer's pending writes fail with it instead of waiting for ever.
    written.catch(() => measure.destroy());
    const view: ResultsView = { operationId: job.operationId, country: job.country };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let rowCount = 0;
    try {
      // One snapshot: the target rows, the summary and the headline agree with each other.
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const operation = await runner.manager.findOneByOrFail(Operation, { id: job.operationId });
      const results = await this.results.compute(runner.manager, view);
      const writer = resultsWriter(job.format, measure, {
        operation: { code: operation.code, name: operation.name, status: operation.status },
        country: job.country,
        scope: job.scope,
        generatedAt: new Date().toISOString(),
      });
      await writer.start(results);
      if (job.scope === ExportScope.Summary) {
        rowCount = results.countries.length + 1;
      } else {
        const client = (runner as unknown as RawQueryRunner).databaseConnection;
        rowCount = await this.streamTargets(client, view, (row) => writer.target(row));
      }
      await runner.query('COMMIT');
      await writer.finish();
      await written;
    } catch (error) {
      measure.destroy();
      await written.catch(() => undefined);
      throw error;
    } finally {
      if (runner.isTransactionActive) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
    return { rowCount, sizeBytes, sha256: hash.digest('hex') };
  }

  /** A server-side cursor, fetched in batches; each batch is written before the next is read. */
  private async streamTargets(
    client: PoolClient,
    view: ResultsView,
    onRow: (row: TargetRow) => Promise<void>,
  ): Promise<number> {
    const query = targetRowsQuery(view);
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${query.sql}`, query.parameters);
    let count = 0;
    for (;;) {
      const batch = await client.query<TargetRow>(`FETCH ${FETCH_SIZE} FROM export_rows`);
      for (const row of batch.rows) await onRow(row);
      count += batch.rows.length;
      if (batch.rows.length < FETCH_SIZE) break;
    }
    await client.query('CLOSE export_rows');
    return count;
  }

  private async fail(job: Export, error: unknown): Promise<void> {
    this.logger.error(`Export ${job.id} failed for good`, error instanceof Error ? error.stack : String(error));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE exports SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'running'`,
        // The requester sees a plain reason; the cause stays in the worker's log.
        [job.id, 'The file could not be built; please request the export again'],
      );
      await this.audit.record(manager, systemActor(`export-${job.id}`), {
        action: 'export.failed',
        entityType: 'export',
        entityId: job.id,
        after: { status: ExportStatus.Failed },
      });
    });
  }

  private async sendReadyEmail(exportId: string): Promise<void> {
    const job = await this.dataSource.manager.findOneBy(Export, { id: exportId });
    if (job?.status !== ExportStatus.Ready) return;
    const [requester, operation] = await Promise.all([
      this.dataSource.manager.findOneBy(User, { id: job.requestedBy }),
      this.dataSource.manager.findOneByOrFail(Operation, { id: job.operationId }),
    ]);
    if (!requester) return;
    const link = `${this.config.PUBLIC_URL}/api/exports/${job.id}/download`;
    const subject = `[${operation.code}] Your results export is ready: ${job.fileName}`;
    const lines = [
      `The ${job.format.toUpperCase()} export of operation ${operation.name} (${operation.code}) is ready.`,
      '',
      `File: ${job.fileName}`,
      `Rows: ${job.rowCount}`,
      `Size: ${job.sizeBytes} bytes`,
      `SHA-256: ${job.sha256}`,
      `Available until: ${job.expiresAt.toISOString()}`,
      '',
      `Download: ${link}`,
    ];
    await this.mail.sendOnce(`export-ready:${job.id}`, {
      to: [requester.email],
      subject,
      text: lines.join('\n'),
      html: `<p>${lines.slice(0, 1).map(escapeHtml).join('')}</p>
<ul>${lines
        .slice(2, 7)
        .map((line) => `<li>${escapeHtml(line)}</li>`)
        .join('')}</ul>
<p><a href="${escapeHtml(link)}">Download</a></p>`,
    });
  }

  /** Marks expired exports and removes their files; deleting first makes a crash halfway harmless. */
  async expire(now = new Date()): Promise<number> {
    const due = await this.dataSource
      .getRepository(Export)
      .createQueryBuilder('export')
      .addSelect('export.fileKey')
      .where('export.expires_at <= :now', { now })
      .andWhere('export.status <> :expired', { expired: ExportStatus.Expired })
      .orderBy('export.expires_at')
      .limit(1_000)
      .getMany();
    for (const job of due) {
      await this.files.remove(this.files.pathOf(job.fileKey));
      await this.dataSource.transaction(async (manager) => {
        const [, updated] = (await manager.query(
          `UPDATE exports SET status = 'expired' WHERE id = $1 AND status <> 'expired'`,
          [job.id],
        )) as [unknown, number];
        if (updated === 0) return;
        await this.audit.record(manager, systemActor('export-expiry'), {
          action: 'export.expire',
          entityType: 'export',
          entityId: job.id,
          before: { status: job.status },
          after: { status: ExportStatus.Expired },
        });
      });
    }
    return due.length;
  }
}
