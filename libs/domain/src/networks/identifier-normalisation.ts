import { InvalidInputError } from '@dragnet/platform';
import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js';
import { isUsableDocumentNumber, normaliseDocumentNumber } from '../targets';
import { IdentifierKind } from './network-vocabulary';

export interface IdentifierInput {
  kind: IdentifierKind;
  value: string;
  /** ISO 3166-1 alpha-2: required for travel documents; the default region of a national phone number. */
  country?: string | null;
}

const invalid = (field: string, message: string) =>
  new InvalidInputError(`Invalid field: ${field}`, [{ field, message }]);

/**
 * The value two identifiers are compared on (equality, so proposals are found with joins): phone
 * numbers in E.164, travel documents as issuing country and number, IMO numbers with a valid check
 * digit, the rest upper or lower case without separators. Throws naming the field when the value
 * cannot be an identifier of its kind.
 */
export function normaliseIdentifier({ kind, value, country }: IdentifierInput): string {
  const text = value.trim();
  switch (kind) {
    case IdentifierKind.Phone:
      return e164(text, country ?? undefined);
    case IdentifierKind.TravelDocument: {
      if (!country) throw invalid('country', 'the issuing country is required for a travel document');
      const number = normaliseDocumentNumber(text);
      if (!isUsableDocumentNumber(number))
        throw invalid('value', 'a travel document number has at least 5 characters, one of them a digit');
      return `${country.toUpperCase()}:${number}`;
    }
    case IdentifierKind.ImoNumber:
      return imoNumber(text);
    case IdentifierKind.VesselName:
      return required(
        text
          .toUpperCase()
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim(),
      );
    case IdentifierKind.VehiclePlate:
    case IdentifierKind.MoneyTransferAccount:
      return required(text.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, ''));
    case IdentifierKind.OnlineHandle:
      return required(text.toLowerCase().replace(/^@+/, '').replace(/\s+/g, ''));
  }
}

function required(normalised: string): string {
  if (normalised === '') throw invalid('value', 'must hold at least one letter or digit');
  return normalised;
}

function e164(text: string, country: string | undefined): string {
  try {
    const phone = parsePhoneNumberWithError(text, country?.toUpperCase() as CountryCode | undefined);
    if (phone.isValid()) return phone.number;
  } catch {
    // Reported below with the same message as a number that parses but cannot exist.
  }
  throw invalid(
    'value',
    country
      ? `not a valid phone number for ${country.toUpperCase()} (international format: +39 312 345 6789)`
      : 'not a valid phone number; give it in international format (+39 312 345 6789) or name its country',
  );
}

/** Seven digits, the last a check digit: the first six weighted 7 down to 2, summed, modulo 10. */
function imoNumber(text: string): string {
  const digits = /^(?:IMO\s*)?(\d{7})$/i.exec(text)?.[1];
  const sum = digits
    ? [...digits.slice(0, 6)].reduce((total, digit, index) => total + Number(digit) * (7 - index), 0)
    : -1;
  if (!digits || sum % 10 !== Number(digits[6]))
    throw invalid('value', 'an IMO number is seven digits with a valid check digit (IMO 9074729)');
  return `IMO${digits}`;
}
