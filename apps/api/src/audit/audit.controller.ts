import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Actor, AuditQueryService, AuditSealer, AuditService, Role } from '@dragnet/domain';
import { pageRequest } from '@dragnet/platform';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { once } from 'node:events';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { AuditEntryPageDto, AuditFilterDto, AuditQueryDto, AuditVerifyDto } from './audit.dto';

const CSV_COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorRole',
  'actorCountry',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'before',
  'after',
] as const;

/** Spreadsheets run cells starting with these as formulas; a leading quote keeps them text. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Who saw or changed what: the audit trail (admins and coordinators). */
@ApiTags('audit')
@ApiBearerAuth()
@Roles(Role.Admin, Role.Coordinator)
@Controller('audit')
export class AuditController {
  constructor(
    private readonly queries: AuditQueryService,
    private readonly sealer: AuditSealer,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by user, country, entity, action and time' })
  @ApiErrors(403)
  list(@Query() query: AuditQueryDto): Promise<AuditEntryPageDto> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.queries.list(filter, pageRequest(query));
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'The matching audit entries as CSV (all of them, streamed); the download is audited' })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, schema: { type: 'string' } })
  @ApiErrors(403)
  async export(
    @CurrentActor() actor: Actor,
    @Query() filter: AuditFilterDto,
    @Res() response: Response,
  ): Promise<void> {
    await this.audit.recordRead(actor, 'audit.export', 'audit', 'csv', { filter });
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="dragnet-audit.csv"');
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS] });
    csv.pipe(response);
    try {
      for await (const entries of this.queries.all(filter)) {
        for (const entry of entries) {
          const row = Object.fromEntries(CSV_COLUMNS.map((column) => [column, csvCell(entry[column])]));
          if (!csv.write(row)) await once(csv, 'drain');
        }
      }
      csv.end();
    } catch (error) {
      // Headers are gone: cut the download short so the client sees an incomplete file, not a short one.
      csv.destroy();
      response.destroy(error as Error);
    }
  }

  @Get('verify')
  @ApiOperation({
    summary:
      'Seal what can be sealed, then recompute the hash chain over every audit entry and report the first broken link',
  })
  @ApiErrors(403)
  async verify(): Promise<AuditVerifyDto> {
    await this.sealer.sealPending();
    return this.sealer.verify();
  }
}
