import { Injectable } from '@nestjs/common';
import { ConflictError, discardConnection, ForbiddenError, InvalidInputError, pgClientOf } from '@dragnet/platform';
import { CsvError, parse, type Options as CsvOptions } from 'csv-parse';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { type Actor, Role, SYSTEM_USER_ID } from '../../common';
import { assertOperationOpen, OperationStatus, takesNominations } from '../../operations';
import { TargetAccess } from '../target-access';
import { Target } from '../target.entity';
import { ImportedTarget, ImportRowError, TargetRowParser } from './target-row-parser';
import { withDetectedSeparator } from './csv-separator';

/** The largest CSV file taken (bytes); larger ones answer 413 and are not read further. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Errors listed in an answer; the rest are only counted. */
export const MAX_LISTED_ERRORS = 1000;

/** `reject` (the default): one bad row rejects the file. `skip`: valid rows are written, bad ones reported. */
export type ImportErrorMode = 'reject' | 'skip';

export interface TargetImportResult {
  created: number;
  updated: number;
  /** The first MAX_LISTED_ERRORS problems. */
  errors: ImportRowError[];
  /** Every problem, listed or not. */
  errorCount: number;
  /** True when problems rejected the whole file and nothing was written. */
  rejected: boolean;
}

/** The file is over MAX_IMPORT_BYTES; the HTTP layer answers 413. */
export class TargetImportTooLargeError extends InvalidInputError {
  constructor() {
    super(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files`);
  }
}

const notUtf8 = (why: string) => new InvalidInputError(`The file must be UTF-8 (${why})`);

/** Generous for one 50 MB file; the default (30 s) would cancel a COPY fed by a slow upload. */
const IMPORT_STATEMENT_TIMEOUT = '5min';

/** Per sort or hash of the merge, for this transaction only (the default 4 MB spills 100,000 rows to disk). */
const IMPORT_WORK_MEM = '64MB';

/** A row in the staging table: the column, its type and its value in COPY text format. */
interface StagedColumn {
  name: string;
  type: string;
  value: (target: ImportedTarget) => string;
}

const NULL = '\\N';
// COPY text format: backslash, tab, newline and carriage return are escaped.
const copyText = (value: string | null): string =>
  value === null ? NULL : /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeCopy) : value;
const escapeCopy = (character: string) =>
  character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r';
const copyNumber = (value: number | null) => (value === null ? NULL : String(value));
/** A Postgres array literal of quoted items (names may hold commas, quotes and braces). */
const copyArray = (items: string[]) =>
  copyText(`{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
/** Codes and enum values need no quoting. */
const copyCodes = (items: string[]) => `{${items.join(',')}}`;

const STAGED_COLUMNS: StagedColumn[] = [
  { name: 'line', type: 'integer NOT NULL', value: (t) => String(t.line) },
  { name: 'nominating_country', type: 'char(2) NOT NULL', value: (t) => t.nominatingCountry },
  { name: 'nominating_reference', type: 'text NOT NULL', value: (t) => copyText(t.nominatingReference) },
  { name: 'family_name', type: 'text NOT NULL', value: (t) => copyText(t.familyName) },
  { name: 'given_names', type: 'text NOT NULL', value: (t) => copyText(t.givenNames) },
  { name: 'aliases', type: 'text[] NOT NULL', value: (t) => copyArray(t.aliases) },
  { name: 'sex', type: 'sex NOT NULL', value: (t) => t.sex },
  { name: 'birth_date', type: 'date', value: (t) => t.birthDate ?? NULL },
  { name: 'birth_year', type: 'smallint', value: (t) => copyNumber(t.birthYear) },
  { name: 'place_of_birth', type: 'text', value: (t) => copyText(t.placeOfBirth) },
  { name: 'country_of_birth', type: 'char(2)', value: (t) => t.countryOfBirth ?? NULL },
  { name: 'nationalities', type: 'char(2)[] NOT NULL', value: (t) => copyCodes(t.nationalities) },
  { name: 'languages', type: 'text[] NOT NULL', value: (t) => copyArray(t.languages) },
  {
    name: 'identity_documents',
    type: 'jsonb NOT NULL',
    value: (t) => copyText(JSON.stringify(t.identityDocuments)),
  },
  { name: 'height_cm', type: 'smallint', value: (t) => copyNumber(t.heightCm) },
  { name: 'weight_kg', type: 'smallint', value: (t) => copyNumber(t.weightKg) },
  { name: 'eye_colour', type: 'text', value: (t) => copyText(t.eyeColour) },
  { name: 'hair_colour', type: 'text', value: (t) => copyText(t.hairColour) },
  { name: 'distinguishing_marks', type: 'text', value: (t) => copyText(t.distinguishingMarks) },
  { name: 'wanted_by_country', type: 'char(2) NOT NULL', value: (t) => t.wantedByCountry },
  { name: 'offence_categories', type: 'offence_category[] NOT NULL', value: (t) => copyCodes(t.offenceCategories) },
  { name: 'smuggling_role', type: 'smuggling_role', value: (t) => t.smugglingRole ?? NULL },
  { name: 'network_name', type: 'text', value: (t) => copyText(t.networkName) },
  { name: 'network', type: 'text', value: (t) => copyText(t.network) },
  { name: 'priority', type: 'target_priority NOT NULL', value: (t) => t.priority },
  { name: 'believed_in', type: 'char(2)[] NOT NULL', value: (t) => copyCodes(t.believedIn) },
  { name: 'public_appeal', type: 'boolean NOT NULL', value: (t) => (t.publicAppeal ? 't' : 'f') },
  { name: 'search_names', type: 'text NOT NULL', value: (t) => copyText(t.searchNames) },
  { name: 'name_keys', type: 'text[] NOT NULL', value: (t) => copyArray(t.nameKeys) },
];
/** Staged for the import hooks, not written on targets. */
const HOOK_COLUMNS = ['line', 'network'];
/** What an import writes on a target: everything staged but the line number and the hooks' columns. */
const IMPORTED_COLUMNS = STAGED_COLUMNS.map((column) => column.name).filter((name) => !HOOK_COLUMNS.includes(name));

/**
 * Work a later area does on each import, in its transaction, after the targets are written: it reads
 * the staging table `target_import` (joined to `targets` on operation, nominating country and
 * reference) and answers the rows it could not take. Areas that come after targets register one
 * (the networks area links targets to networks by the `network` column), so targets need not know them.
 */
export interface TargetImportHook {
  afterMerge(manager: EntityManager, actor: Actor, operationId: string): Promise<ImportRowError[]>;
}

/** The same key as the unique index targets_nominating_reference_key. */
const SAME_TARGET = `t.operation_id = $1 AND t.nominating_country = s.nominating_country
  AND t.nominating_reference = s.nominating_reference`;
const BLOCKED = `(t.status <> 'nominated' OR t.merged_into_id IS NOT NULL)`;

interface CsvRecord {
  cells: string[];
  line: number;
}

class ErrorLog {
  readonly listed: ImportRowError[] = [];
  count = 0;

  add(errors: ImportRowError[], total = errors.length): void {
    this.count += total;
    for (const error of errors) if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
  }
}

/**
 * Bulk import of targets from CSV, streamed end to end: the request body is checked as UTF-8,
 * parsed, validated row by row and COPied into a staging table as it arrives, then merged into
 * `targets` with a few set-based statements, in one transaction. Memory stays flat whatever the size.
 */
@Injectable()
export class TargetImporter {
  private readonly hooks: TargetImportHook[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TargetAccess,
  ) {}

  /** Called once at boot by the area that provides the hook. */
  addHook(hook: TargetImportHook): void {
    this.hooks.push(hook);
  }

  async import(
    source: Readable,
    actor: Actor,
    operationId: string,
    mode: ImportErrorMode = 'reject',
  ): Promise<TargetImportResult> {
    if (actor.role !== Role.Coordinator && actor.role !== Role.Investigator)
      throw new ForbiddenError('Only coordinators and investigators import targets');
    if (actor.role === Role.Investigator && !actor.country)
      throw new ForbiddenError('An investigator needs a country to nominate targets');
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = pgClientOf(runner);
    let released = false;
    try {
      await runner.startTransaction();
      // Checked before reading the body, so a refused import answers at once. The operation row
      // is locked only for the merge, not for the whole upload.
      const operation = await this.access.loadOperation(runner.manager, actor, operationId);
      this.assertTakesImports(actor, operation.status);
      // One round trip: the timeout, no JIT (compiling the merge's expressions costs more than it saves
      // on a one-off statement), and room for the merge's hashes and sorts in memory.
      await client.query(
        `SET LOCAL statement_timeout = '${IMPORT_STATEMENT_TIMEOUT}'; SET LOCAL jit = off; SET LOCAL work_mem = '${IMPORT_WORK_MEM}'`,
      );
      await client.query(
        `CREATE TEMP TABLE target_import (${STAGED_COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ')}) ON COMMIT DROP`,
      );
      const errors = new ErrorLog();
      await this.stage(client, source, actor, mode, errors);
      if (errors.count > 0 && mode === 'reject') return await this.reject(runner, errors);

      const result = await this.merge(client, actor, operationId, mode, errors);
      if (!result) return await this.reject(runner, errors);
      for (const hook of this.hooks) errors.add(await hook.afterMerge(runner.manager, actor, operationId));
      if (errors.count > result.errorCount) {
        if (mode === 'reject') return await this.reject(runner, errors);
        errors.listed.sort((a, b) => a.row - b.row);
        Object.assign(result, { errors: errors.listed, errorCount: errors.count });
      }
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction().catch(async () => {
          // A connection left mid-COPY is not given back to the pool.
          released = true;
          await discardConnection(runner, error as Error);
        });
      }
      throw this.explain(error);
    } finally {
      if (!released) await runner.release();
    }
  }

  private assertTakesImports(actor: Actor, status: OperationStatus): void {
    assertOperationOpen(status);
    if (actor.role === Role.Investigator && !takesNominations(status))
      throw new ConflictError(`The operation takes nominations in planning and nomination; it is ${status}`);
  }

  private async reject(runner: QueryRunner, errors: ErrorLog): Promise<TargetImportResult> {
    await runner.rollbackTransaction();
    return { created: 0, updated: 0, errors: errors.listed, errorCount: errors.count, rejected: true };
  }

  /** Streams the body through the checks and the parser into the staging table. */
  private async stage(
    client: PoolClient,
    source: Readable,
    actor: Actor,
    mode: ImportErrorMode,
    errors: ErrorLog,
  ): Promise<void> {
    const ownCountry = actor.role === Role.Investigator ? actor.country : null;
    const copy = client.query(
      copyFrom(`COPY target_import (${STAGED_COLUMNS.map((c) => c.name).join(', ')}) FROM STDIN`),
    );
    let lastLine = 1;
    // Excel writes `;` where the decimal mark is a comma, and some exports use tabs.
    const { separator, body } = await withDetectedSeparator(source);
    const options: CsvOptions<CsvRecord, string[]> = {
      delimiter: separator,
      bom: true,
      skip_empty_lines: true,
      // Spreadsheets often save trailing rows of empty cells.
      skip_records_with_empty_values: true,
      on_record: (cells, context) => {
        lastLine = context.lines;
        // `lines` counts to the end of the record, and a quoted cell may span lines.
        return { cells, line: context.lines - newlinesIn(cells) };
      },
    };
    // parse()'s typings assume on_record returns the record's own type.
    const csv = parse(options as unknown as CsvOptions);
    try {
      await pipeline(body, new Utf8Check(), csv, new RowEncoder(ownCountry, mode, errors), copy);
    } catch (error) {
      if (error instanceof CsvError) throw new InvalidInputError(`Malformed CSV ${describeCsvError(error, lastLine)}`);
      throw error;
    }
  }

  /**
   * Writes the staged rows: new targets, updates of still-nominated ones, their history and audit.
   * Null when rows match targets an import may no longer change and the mode rejects the file.
   */
  private async merge(
    client: PoolClient,
    actor: Actor,
    operationId: string,
    mode: ImportErrorMode,
    errors: ErrorLog,
  ): Promise<TargetImportResult | null> {
    // Statistics for the joins only (the key, the line, the network), from a small sample: a full
    // ANALYZE of the arrays and texts costs more, and the plans need row counts, not exact distributions.
    await client.query(
      'SET LOCAL default_statistics_target = 10; ANALYZE target_import (line, nominating_country, nominating_reference, network)',
    );
    // Locked now, so references are numbered without gaps or clashes with concurrent nominations.
    const locked = await client.query<{ code: string; status: OperationStatus; last_target_number: number }>(
      'SELECT code, status, last_target_number FROM operations WHERE id = $1 FOR UPDATE',
      [operationId],
    );
    const operation = locked.rows[0];
    this.assertTakesImports(actor, operation.status);

    const blocked = await this.blockedRows(client, operationId);
    if (blocked.count > 0) {
      errors.add(blocked.errors, blocked.count);
      if (mode === 'reject') return null;
      await client.query(`DELETE FROM target_import s USING targets t WHERE ${SAME_TARGET} AND ${BLOCKED}`, [
        operationId,
      ]);
    }
    const staged = await client.query<{ count: string }>('SELECT count(*) FROM target_import');

    // As AuditService records them: work Dragnet does by itself has no actor id.
    const isSystem = actor.userId === SYSTEM_USER_ID;
    const audited = [isSystem ? null : actor.userId, isSystem ? 'system' : actor.role, actor.country, actor.requestId];
    const updated = await client.query(this.updateSql(), [operationId, ...audited]);
    const created = await client.query(this.insertSql(), [
      operationId,
      ...audited,
      actor.userId,
      actor.role,
      operation.code,
      operation.last_target_number,
    ]);
    const createdCount = created.rowCount ?? 0;
    const updatedCount = updated.rowCount ?? 0;
    await client.query('UPDATE operations SET last_target_number = last_target_number + $2 WHERE id = $1', [
      operationId,
      createdCount,
    ]);
    // A target accepted (or renamed) by someone else between the checks and the writes.
    if (createdCount + updatedCount !== Number(staged.rows[0].count))
      throw new ConflictError('Targets of this operation changed during the import; nothing was imported, try again');
    errors.listed.sort((a, b) => a.row - b.row);
    return {
      created: createdCount,
      updated: updatedCount,
      errors: errors.listed,
      errorCount: errors.count,
      rejected: false,
    };
  }

  /** Rows that match a target an import may no longer change: reviewed (not nominated) or merged. */
  private async blockedRows(client: PoolClient, operationId: string) {
    const { rows } = await client.query<{
      line: number;
      reference: string;
      status: string;
      merged: boolean;
      total: string;
    }>(
      `SELECT s.line, t.reference, t.status, t.merged_into_id IS NOT NULL AS merged, count(*) OVER () AS total
         FROM target_import s JOIN targets t ON ${SAME_TARGET}
        WHERE ${BLOCKED} ORDER BY s.line LIMIT $2`,
      [operationId, MAX_LISTED_ERRORS],
    );
    const errors = rows.map((row) => ({
      row: row.line,
      field: 'nominating_reference',
      message: row.merged
        ? `target ${row.reference} was merged into another target and can no longer be changed by import`
        : `target ${row.reference} is ${row.status} and can no longer be changed by import`,
    }));
    return { errors, count: rows.length > 0 ? Number(rows[0].total) : 0 };
  }

  /** $1 operation; audit actor: $2 id, $3 role, $4 country, $5 request id. */
  private updateSql(): string {
    return `
      WITH updated AS (
        UPDATE targets t
           SET (${IMPORTED_COLUMNS.join(', ')}) = (${IMPORTED_COLUMNS.map((name) => `s.${name}`).join(', ')}),
               version = t.version + 1, updated_at = now()
          FROM target_import s JOIN targets old ON old.operation_id = $1
               AND old.nominating_country = s.nominating_country AND old.nominating_reference = s.nominating_reference
         WHERE t.id = old.id AND t.status = 'nominated' AND t.merged_into_id IS NULL
        RETURNING t.*, ${this.snapshot('old')} AS before_image
      )
      INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, before, after, request_id)
      SELECT $2::uuid, $3::text, $4::char(2), 'target.import_update', 'target', id::text, before_image,
             ${this.snapshot('updated')}, $5::text
        FROM updated`;
  }

  /**
   * $1 operation; audit actor $2-$5 as in updateSql; $6 user id, $7 role; $8 operation code, $9 last
   * reference number. New rows are numbered on the line alone and joined back: sorting whole staged
   * rows (twice, as before) costs more than the join.
   */
  private insertSql(): string {
    const columns = IMPORTED_COLUMNS.join(', ');
    const number = '(n + $9::int)::text';
    return `
      WITH fresh AS (
        SELECT s.line, row_number() OVER (ORDER BY s.line) AS n
          FROM target_import s
         WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE ${SAME_TARGET})
      ), inserted AS (
        INSERT INTO targets (operation_id, reference, status, created_by, ${columns})
        SELECT $1, $8::text || '-' || lpad(${number}, greatest(4, length(${number})), '0'), 'nominated', $6::uuid, ${columns}
          FROM target_import s JOIN fresh USING (line)
        RETURNING *
      ), history AS (
        INSERT INTO target_status_changes (target_id, from_status, to_status, country, occurred_at, actor_id, actor_role, actor_country)
        SELECT id, NULL, 'nominated', nominating_country, now(), $6::uuid, $7::text, $4::char(2) FROM inserted
      )
      INSERT INTO audit_entries (actor_id, actor_role, actor_country, action, entity_type, entity_id, before, after, request_id)
      SELECT $2::uuid, $3::text, $4::char(2), 'target.import_create', 'target', id::text, NULL,
             ${this.snapshot('inserted')}, $5::text
        FROM inserted`;
  }

  /** A target row as JSON with the entity's property names, as the audit trail stores targets. */
  private snapshot(alias: string): string {
    const columns = this.dataSource
      .getMetadata(Target)
      .columns.map((column) => `${alias}.${column.databaseName} AS "${column.propertyName}"`);
    // to_jsonb of a row with renamed columns: about a third faster than jsonb_build_object.
    return `(SELECT to_jsonb(image) FROM (SELECT ${columns.join(', ')}) image)`;
  }

  /** A unique index that stopped a write: someone changed the targets concurrently. */
  private explain(error: unknown): unknown {
    if ((error as { code?: string }).code === '23505')
      return new ConflictError('Targets of this operation changed during the import; nothing was imported, try again');
    return error;
  }
}

function newlinesIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    for (let index = cell.indexOf('\n'); index !== -1; index = cell.indexOf('\n', index + 1)) count++;
  }
  return count;
}

function describeCsvError(error: CsvError, lastGoodLine: number): string {
  const line = (error as CsvError & { lines?: number }).lines;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `on line ${lastGoodLine + 1}: a quoted cell opened there is never closed`;
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const cells = (error as CsvError & { record?: unknown[] }).record?.length;
      const expected = /expect (\d+)/.exec(error.message)?.[1];
      return `on line ${line}: ${cells} cells where the header has ${expected}`;
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `on line ${line}: a quote inside a quoted cell must be doubled ("")`;
    case 'INVALID_OPENING_QUOTE':
      return `on line ${line}: a quote inside an unquoted cell (quote the whole cell and double the quote)`;
    case 'CSV_MAX_RECORD_SIZE':
      return `on line ${lastGoodLine + 1}: a row is too long (is a quote left open?)`;
    default:
      return `on line ${line}: ${error.message}`;
  }
}

/**
 * Passes the bytes through unchanged after checking them: at most MAX_IMPORT_BYTES, valid UTF-8
 * (split characters across chunks are fine), no NUL characters (a UTF-16 file without a byte order mark).
 */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private bytes = 0;
  /** Line ends passed so far, to say where a bad byte is. */
  private lines = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.bytes === 0 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)))
      return done(notUtf8('it starts with a UTF-16 byte order mark'));
    this.bytes += chunk.length;
    if (this.bytes > MAX_IMPORT_BYTES) return done(new TargetImportTooLargeError());
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      const line = this.lines + countLineEnds(chunk, firstInvalidByte(chunk)) + 1;
      return done(notUtf8(`line ${line} has bytes that are not; was it saved as Latin-1 or Windows-1252?`));
    }
    if (chunk.indexOf(0) !== -1) return done(notUtf8('it contains NUL characters; is it UTF-16?'));
    this.lines += countLineEnds(chunk, chunk.length);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(notUtf8('it ends in the middle of a character'));
    }
  }
}

function countLineEnds(chunk: Buffer, end: number): number {
  let count = 0;
  for (let index = chunk.indexOf(10); index !== -1 && index < end; index = chunk.indexOf(10, index + 1)) count++;
  return count;
}

/** Roughly where UTF-8 decoding failed in a chunk, only to name the line in the error. */
function firstInvalidByte(chunk: Buffer): number {
  let index = 0;
  // Continuation bytes at the start belong to a character begun in the previous chunk.
  while (index < chunk.length && (chunk[index] & 0xc0) === 0x80) index++;
  while (index < chunk.length) {
    const byte = chunk[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : 4;
    if (byte >= 0x80 && (byte < 0xc2 || byte > 0xf4)) return index;
    for (let next = 1; next < length && index + next < chunk.length; next++)
      if ((chunk[index + next] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return chunk.length;
}

/** Validates parsed records and turns the good ones into COPY text; collects the problems. */
class RowEncoder extends Transform {
  private parser: TargetRowParser | null = null;
  private batch = '';

  constructor(
    private readonly ownCountry: string | null,
    private readonly mode: ImportErrorMode,
    private readonly errors: ErrorLog,
  ) {
    super({ writableObjectMode: true });
  }

  override _transform(record: CsvRecord, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.parser) {
      try {
        this.parser = TargetRowParser.fromHeader(record.cells, { ownCountry: this.ownCountry });
        return done();
      } catch (error) {
        return done(error as Error);
      }
    }
    const parsed = this.parser.parse(record.cells, record.line);
    if (parsed.errors) this.errors.add(parsed.errors);
    // Once a row failed in reject mode nothing will be written: validate the rest, stage nothing.
    else if (this.mode === 'skip' || this.errors.count === 0) {
      const target = parsed.target;
      this.batch += `${STAGED_COLUMNS.map((column) => column.value(target)).join('\t')}\n`;
      if (this.batch.length >= 64 * 1024) {
        this.push(this.batch);
        this.batch = '';
      }
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.parser) return done(new InvalidInputError('The file is empty; it needs a header row naming the columns'));
    if (this.batch) this.push(this.batch);
    done();
  }
}
