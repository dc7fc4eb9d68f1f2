import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, discardConnection, escapeHtml, MailService, pgClientOf } from '@dragnet/platform';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { User } from '../accounts';
import { AuditService } from '../audit';
import { systemActor } from '../common';
import { Operation, OperationStatus } from '../operations';
import { targetCsvCopySql, targetJsonRowsQuery, targetRowsQuery, type ResultsView } from './results-queries';
import { ResultsService } from './results.service';
import { RollupsService } from '../rollups';
import { ExportFiles } from './export-files';
import { ExportFormat, ExportScope, ExportStatus } from './export-vocabulary';
import { Export } from './export.entity';
import { resultsWriter, type ResultsWriter, type TargetRow } from './results-writers';

/** Rows fetched per round trip from the server-side cursor: memory stays flat whatever the size. */
const FETCH_SIZE = 1_000;

async function writeTo(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
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
    private readonly status: RollupsService,
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

  /**
   * One build per export at a time: a session advisory lock, held until the export is marked, makes
   * a stalled job re-run by a second worker wait (and retry) instead of writing over the file. The
   * lock lives on its own connection, so it goes away with a worker that dies.
   */
  private async writeFile(job: Export): Promise<void> {
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query(
        `SELECT pg_try_advisory_lock(hashtext('export-build'), hashtext($1)) AS locked`,
        [job.id],
      )) as { locked: boolean }[];
      if (!locked) throw new Error(`Export ${job.id} is being built by another worker; retrying later`);
      try {
        const [current] = (await lock.query(`SELECT status FROM exports WHERE id = $1`, [job.id])) as {
          status: string;
        }[];
        // Another attempt finished (or the export expired) while this one waited for its turn.
        if (current?.status !== ExportStatus.Running) return;
        await this.buildAndMark(job);
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtext('export-build'), hashtext($1))`, [job.id]);
      }
    } finally {
      await lock.release();
    }
  }

  private async buildAndMark(job: Export): Promise<void> {
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
        // Expired while it was being built: the file must not outlive its row.
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
    // A closed operation's summary is its final roll-up: one closed before final roll-ups were
    // stored gets its final one here, so the file and GET status agree (a no-op read otherwise).
    const { status } = await this.dataSource.manager.findOneByOrFail(Operation, { id: job.operationId });
    if (status === OperationStatus.Closed) await this.status.snapshot(job.operationId);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let rowCount: number;
    try {
      // One snapshot: the target rows, the summary and the headline agree with each other.
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const copiesCsv = job.format === ExportFormat.Csv && job.scope === ExportScope.Targets;
      const operation = await runner.manager.findOneByOrFail(Operation, { id: job.operationId });
      const results = copiesCsv ? undefined : await this.results.compute(runner.manager, view);
      const client = pgClientOf(runner);
      let writer: ResultsWriter | undefined;
      if (!results) {
        rowCount = await this.copyCsv(client, view, measure);
      } else {
        writer = resultsWriter(job.format, measure, {
          operation: { code: operation.code, name: operation.name, status: operation.status },
          country: job.country,
          scope: job.scope,
          generatedAt: new Date().toISOString(),
        });
        await writer.start(results);
        rowCount =
          job.scope === ExportScope.Summary
            ? results.countries.length + 1
            : await this.streamTargets(client, view, job.format === ExportFormat.Json, (rows) => writer!.targets(rows));
      }
      await runner.commitTransaction();
      if (writer) await writer.finish();
      else measure.end();
      await written;
    } catch (error) {
      measure.destroy();
      await written.catch(() => undefined);
      // A connection left mid-COPY or mid-transaction is closed rather than given back to the pool.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await discardConnection(runner, error as Error);
      throw error;
    }
    await runner.release();
    return { rowCount, sizeBytes, sha256: hash.digest('hex') };
  }

  /**
   * The per-target CSV is Postgres' own: COPY ... TO STDOUT of the same rows (formula escaping done
   * in SQL), streamed with backpressure into the file. Returns the rows COPY reported.
   */
  private async copyCsv(client: PoolClient, view: ResultsView, out: Writable): Promise<number> {
    const sql = targetCsvCopySql(view, (value) => client.escapeLiteral(value));
    // The BOM makes Excel read the file as UTF-8 (names in Arabic, Greek, Cyrillic...).
    await writeTo(out, '\uFEFF');
    const copy = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
    for await (const chunk of copy) await writeTo(out, chunk as Buffer);
    return copy.rowCount;
  }

  /**
   * A server-side cursor read in batches, in array mode (no object per row); for JSON, Postgres
   * makes each row's object. The next batch is
   * fetched while the current one is written, so Postgres and the writer work at the same time;
   * at most two batches are in memory, whatever the size of the operation.
   */
  private async streamTargets(
    client: PoolClient,
    view: ResultsView,
    json: boolean,
    onBatch: (rows: TargetRow[]) => Promise<void>,
  ): Promise<number> {
    const query = json ? targetJsonRowsQuery(view) : targetRowsQuery(view);
    // A cursor is planned for its first rows by default; the whole result is wanted here.
    await client.query('SET LOCAL cursor_tuple_fraction = 1.0');
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${query.sql}`, query.parameters);
    const fetch = () => client.query<TargetRow>({ text: `FETCH ${FETCH_SIZE} FROM export_rows`, rowMode: 'array' });
    let count = 0;
    let next = fetch();
    for (;;) {
      const batch = await next;
      const more = batch.rows.length === FETCH_SIZE;
      if (more) next = fetch();
      if (batch.rows.length > 0) await onBatch(batch.rows);
      count += batch.rows.length;
      if (!more) break;
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
