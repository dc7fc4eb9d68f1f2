import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  MAX_IMPORT_BYTES,
  Role,
  TargetImporter,
  TargetImportTooLargeError,
  targetImportTemplate,
} from '@dragnet/domain';
import type { Request, Response } from 'express';
import { finished, PassThrough, type Readable } from 'node:stream';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiErrors } from '../common/error-body.dto';
import { UuidPipe } from '../common/uuid.pipe';
import { TargetImportQueryDto, TargetImportRejectionDto, TargetImportResultDto } from './target-import.dto';

const CSV_MEDIA_TYPE = 'text/csv';

/**
 * The request body as a stream of its own. Handing the request itself to a pipeline would destroy
 * its socket on any error, and the client would get no answer; a client that goes away still
 * fails the import, so it rolls back instead of waiting.
 */
function bodyStream(request: Request): Readable {
  const body = new PassThrough();
  request.pipe(body);
  finished(request, (error) => {
    if (error) body.destroy(error);
  });
  return body;
}

/** Only `text/csv` in UTF-8, not compressed: 415 otherwise. */
function assertCsv(request: Request): void {
  const [type, ...parameters] = (request.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== CSV_MEDIA_TYPE)
    throw new UnsupportedMediaTypeException(`Content-Type must be ${CSV_MEDIA_TYPE}`);
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new UnsupportedMediaTypeException('The file must be UTF-8 (charset=utf-8)');
  const encoding = request.headers['content-encoding'];
  if (encoding && encoding.toLowerCase() !== 'identity')
    throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not supported; send the file as is`);
}

@ApiTags('targets')
@ApiBearerAuth()
@Controller()
export class TargetImportController {
  constructor(private readonly importer: TargetImporter) {}

  @Get('targets/import-template.csv')
  @Roles(Role.Coordinator, Role.Investigator, Role.Observer)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="target-import-template.csv"')
  @ApiOperation({ summary: 'The CSV template for a target import: the header row and one example row' })
  @ApiProduces(CSV_MEDIA_TYPE)
  @ApiResponse({ status: 200, schema: { type: 'string' } })
  @ApiErrors(403)
  template(): string {
    return targetImportTemplate();
  }

  @Post('operations/:id/targets/import')
  @Roles(Role.Coordinator, Role.Investigator)
  @ApiOperation({
    summary:
      'Import targets from CSV (the columns of GET /api/targets/import-template.csv). Rows with a nominating ' +
      'country and reference already imported update that target while it is nominated. By default one bad ' +
      'row rejects the file (422) and nothing is written.',
  })
  @ApiConsumes(CSV_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 200, type: TargetImportResultDto, description: 'Written; `errors` lists skipped rows' })
  @ApiResponse({
    status: 422,
    type: TargetImportRejectionDto,
    description: 'Rows not valid: nothing written; `errors` lists the problems',
  })
  @ApiErrors(403, 404, 409, 413, 415)
  async import(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe()) operationId: string,
    @Query() query: TargetImportQueryDto,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    assertCsv(request);
    try {
      if (Number(request.headers['content-length']) > MAX_IMPORT_BYTES) throw new TargetImportTooLargeError();
      const result = await this.importer.import(bodyStream(request), actor, operationId, query.onError);
      const { rejected, ...counts } = result;
      if (!rejected) {
        response.status(200).json(counts);
        return;
      }
      const rejection: TargetImportRejectionDto = {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `${result.errorCount} ${result.errorCount === 1 ? 'problem' : 'problems'} in the file; nothing was imported`,
        requestId: actor.requestId,
        ...counts,
      };
      response.status(422).json(rejection);
    } catch (error) {
      // The client went away mid-upload: the import rolled back and no one is left to answer.
      if (request.destroyed && !request.complete) throw new BadRequestException('The upload was interrupted');
      // A refused upload is not read to its end: close the connection once the answer is sent,
      // rather than leave the client sending into a connection nobody reads.
      if (!request.complete) response.setHeader('Connection', 'close');
      if (!(error instanceof TargetImportTooLargeError)) throw error;
      throw new PayloadTooLargeException(error.message);
    }
  }
}
