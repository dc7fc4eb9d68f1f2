import { InvalidInputError } from '@dragnet/platform';
import { isDiffusion, RequestType } from './request-type';

/** What a requesting country writes on a request while it is a draft. */
export interface RequestFields {
  article3Attested?: boolean;
  summary?: string;
  justification?: string;
  /** Diffusions only: recipient countries (ISO alpha-2). */
  recipients?: string[];
  /** Diffusions only: sent to every participating country. */
  recipientsAll?: boolean;
}

export interface NewRequest extends RequestFields {
  type: RequestType;
  /** Coordinators may name it (the target's wanted-by country by default); investigators request for their own. */
  requestingCountry?: string;
}

/** Recipients belong to diffusions, and are either a list or "all". Returns the fields normalised. */
export function checkRecipients<T extends RequestFields>(type: RequestType, fields: T): T {
  const recipients = fields.recipients ? [...new Set(fields.recipients.map((code) => code.toUpperCase()))] : undefined;
  if (!isDiffusion(type) && (recipients?.length || fields.recipientsAll)) {
    throw new InvalidInputError('Invalid field: recipients', [
      { field: 'recipients', message: 'recipients are given for diffusions only; a notice goes through review' },
    ]);
  }
  if (fields.recipientsAll && recipients?.length) {
    throw new InvalidInputError('Invalid field: recipients', [
      { field: 'recipients', message: 'give recipient countries or recipientsAll, not both' },
    ]);
  }
  return recipients ? { ...fields, recipients } : fields;
}
