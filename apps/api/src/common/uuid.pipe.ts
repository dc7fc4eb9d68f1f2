import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** Validates a path id, answering 400 that names the parameter. */
export const UuidPipe = (field = 'id') =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException({
        message: `Invalid field: ${field}`,
        details: [{ field, message: `${field} must be a UUID` }],
      }),
  });
