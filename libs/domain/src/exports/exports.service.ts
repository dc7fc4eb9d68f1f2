import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  ConflictError,
  ForbiddenError,
  GoneError,
  InvalidInputError,
  JobName,
  NotFoundError,
  OutboxService,
  type Page,
  type PageRequest,
} from '@dragnet/platform';
import { randomUUID } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, Role } from '../common';
import { AuditService } from '../audit';
import { type Operation, OperationAccess } from '../operations';
import { ExportFiles } from './export-files';
import { CONTENT_TYPES, ExportFormat, ExportScope, ExportStatus } from './export-vocabulary';
import { Export } from './export.entity';

const DAY_MS = 24 * 3600_000;

export interface ExportRequest {
  format: ExportFormat;
  scope?: ExportScope;
}

export interface ExportDownload {
  export: Export;
  file: FileHandle;
  contentType: string;
}

/** The default parts per format: CSV holds one table, the others everything. */
function scopeFor(format: ExportFormat, scope: ExportScope | undefined): ExportScope {
  const chosen = scope ?? (format === ExportFormat.Csv ? ExportScope.Targets : ExportScope.All);
  if (format === ExportFormat.Csv && chosen === ExportScope.All) {
    throw new InvalidInputError('A CSV file holds one table', [
      { field: 'scope', message: "scope must be 'targets' or 'summary' for csv; use xlsx or json for all parts" },
    ]);
  }
  return chosen;
}

/** e.g. HYDRA-2016-results-2026-11-29.csv, or HYDRA-2016-results-IT-2026-11-29.csv for a country's view. */
export function exportFileName(code: string, country: string | null, format: ExportFormat, at: Date): string {
  return `${code}-results${country ? `-${country}` : ''}-${at.toISOString().slice(0, 10)}.${format}`;
}

/**
 * Export requests, their state and downloads. Coordinators export any operation; an investigator its
 * own country's view of an operation that allows it, and sees only the exports it requested.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly operations: OperationAccess,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly files: ExportFiles,
    private readonly config: AppConfig,
  ) {}

  /** Records the export and its build job in one transaction; the worker does the rest. */
  async request(actor: Actor, operationId: string, input: ExportRequest): Promise<Export> {
    const scope = scopeFor(input.format, input.scope);
    return this.dataSource.transaction(async (manager) => {
      const operation = await this.operations.loadVisible(manager, actor, operationId);
      const country = this.viewOf(actor, operation);
      const id = randomUUID();
      const now = new Date();
      const created = manager.create(Export, {
        id,
        operationId,
        requestedBy: actor.userId,
        format: input.format,
        scope,
        country,
        status: ExportStatus.Queued,
        fileName: exportFileName(operation.code, country, input.format, now),
        fileKey: `${id}.${input.format}`,
        expiresAt: new Date(now.getTime() + this.config.EXPORT_RETENTION_DAYS * DAY_MS),
      });
      await manager.insert(Export, created);
      await this.outbox.enqueue(manager, JobName.BuildExport, { exportId: id }, { jobId: `export-${id}` });
      const saved = await this.load(manager, actor, id);
      await this.audit.record(manager, actor, {
        action: 'export.request',
        entityType: 'export',
        entityId: id,
        after: { operationId, format: saved.format, scope, country },
      });
      return saved;
    });
  }

  get(actor: Actor, id: string): Promise<Export> {
    return this.load(this.dataSource.manager, actor, id);
  }

  async list(actor: Actor, operationId: string, page: PageRequest): Promise<Page<Export>> {
    await this.operations.loadVisible(this.dataSource.manager, actor, operationId);
    const query = this.dataSource
      .getRepository(Export)
      .createQueryBuilder('export')
      .where('export.operation_id = :operationId', { operationId })
      .orderBy('export.createdAt', 'DESC')
      .addOrderBy('export.id')
      .take(page.limit)
      .skip(page.offset);
    if (actor.role !== Role.Coordinator) query.andWhere('export.requested_by = :userId', { userId: actor.userId });
    const [items, total] = await query.getManyAndCount();
    return { items, total, ...page };
  }

  /**
   * Opens a ready export's file and audits the download (a read, audited because results leave
   * Dragnet with it). Not ready: 409; expired or its file gone: 410.
   */
  async openDownload(actor: Actor, id: string): Promise<ExportDownload> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.load(manager, actor, id, true);
      if (actor.role !== Role.Coordinator) {
        // A coordinator may withdraw the permission after the file was built.
        const operation = await this.operations.loadVisible(manager, actor, found.operationId);
        this.viewOf(actor, operation);
      }
      if (found.status === ExportStatus.Expired) throw new GoneError('The export has expired; request a new one');
      if (found.status !== ExportStatus.Ready) {
        throw new ConflictError(`The export is ${found.status}, not ready`, [
          { field: 'status', message: `status is ${found.status}; download when it is ready` },
        ]);
      }
      await this.audit.record(manager, actor, {
        action: 'export.download',
        entityType: 'export',
        entityId: id,
        after: { operationId: found.operationId, fileName: found.fileName, sha256: found.sha256 },
      });
      // Opened last: nothing after it can fail and leave the handle open (a missing file rolls the audit back).
      let file: FileHandle;
      try {
        file = await open(this.files.pathOf(found.fileKey), 'r');
      } catch {
        throw new GoneError('The export file is no longer available; request a new one');
      }
      return { export: found, file, contentType: CONTENT_TYPES[found.format] };
    });
  }

  /** The view an actor may export: the whole operation, or its country's when the operation allows it. */
  private viewOf(actor: Actor, operation: Operation): string | null {
    if (actor.role === Role.Coordinator) return null;
    if (actor.role === Role.Investigator && actor.country) {
      if (!operation.investigatorExportsAllowed) {
        throw new ForbiddenError('This operation does not let investigators export results');
      }
      return actor.country;
    }
    throw new ForbiddenError('Only coordinators and investigators export results');
  }

  /** The export if the actor may see it (404 otherwise); investigators only their own, in operations they still see. */
  private async load(manager: EntityManager, actor: Actor, id: string, withFile = false): Promise<Export> {
    const query = manager.getRepository(Export).createQueryBuilder('export').where('export.id = :id', { id });
    if (withFile) query.addSelect('export.fileKey');
    if (actor.role !== Role.Coordinator) {
      query
        .andWhere('export.requested_by = :userId', { userId: actor.userId })
        .andWhere(
          'EXISTS (SELECT 1 FROM participants p WHERE p.operation_id = export.operation_id AND p.country = :country)',
          { country: actor.country },
        );
    }
    const found = await query.getOne();
    if (!found) throw new NotFoundError('Export');
    return found;
  }
}
