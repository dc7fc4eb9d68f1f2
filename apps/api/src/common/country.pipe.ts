import { BadRequestException, PipeTransform } from '@nestjs/common';
import { isCountryCode } from '@dragnet/domain';

/** A country code in the path: case-insensitive, answered with 400 when not ISO 3166-1 alpha-2. */
export const CountryPipe: PipeTransform<string, string> = {
  transform(value: string): string {
    const code = String(value).trim().toUpperCase();
    if (!isCountryCode(code)) {
      throw new BadRequestException({
        message: 'Invalid field: country',
        details: [{ field: 'country', message: 'country must be an ISO 3166-1 alpha-2 code' }],
      });
    }
    return code;
  },
};
