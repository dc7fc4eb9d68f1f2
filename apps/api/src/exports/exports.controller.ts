import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, ExportsService, Role } from '@dragnet/domain';
import { PageQueryDto, pageRequest } from '@dragnet/platform';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { CreateExportDto, ExportDto, ExportPageDto } from './export.dto';

const EXPORTERS = [Role.Coordinator, Role.Investigator];

/** Results files: requested here, built by the worker, downloaded until they expire. */
@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post('operations/:id/exports')
  @HttpCode(202)
  @Roles(...EXPORTERS)
  @ApiOperation({
    summary:
      "Request a results file (coordinators: the whole operation; investigators: their country's view, when the operation allows it). Built by the worker; the requester is e-mailed when it is ready.",
  })
  @ApiErrors(403, 404)
  request(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Body() body: CreateExportDto,
  ): Promise<ExportDto> {
    return this.exports.request(actor, operationId, body);
  }

  @Get('operations/:id/exports')
  @Roles(...EXPORTERS)
  @ApiOperation({ summary: "An operation's exports, newest first (investigators: their own)" })
  @ApiErrors(403, 404)
  list(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: PageQueryDto,
  ): Promise<ExportPageDto> {
    return this.exports.list(actor, operationId, pageRequest(query));
  }

  @Get('exports/:id')
  @Roles(...EXPORTERS)
  @ApiOperation({ summary: 'An export: its state, row count, size and SHA-256' })
  @ApiErrors(403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe()) id: string): Promise<ExportDto> {
    return this.exports.get(actor, id);
  }

  @Get('exports/:id/download')
  @Roles(...EXPORTERS)
  @ApiOperation({ summary: 'The file, streamed; every download is audited. Not ready: 409; expired: 410.' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(403, 404, 409, 410)
  async download(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { export: file, file: handle, contentType } = await this.exports.openDownload(actor, id);
    response.status(200);
    response.setHeader('Content-Type', contentType);
    response.setHeader('Content-Length', String(file.sizeBytes));
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('X-Checksum-SHA256', file.sha256!);
    response.setHeader('Digest', `sha-256=${Buffer.from(file.sha256!, 'hex').toString('base64')}`);
    response.setHeader('Cache-Control', 'no-store');
    // The stream closes the file when it ends, fails or the client goes away.
    const stream = handle.createReadStream();
    stream.on('error', () => response.destroy());
    response.on('close', () => stream.destroy());
    stream.pipe(response);
  }
}
