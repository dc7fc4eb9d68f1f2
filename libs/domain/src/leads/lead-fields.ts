import { InvalidInputError, type FieldProblem } from '@dragnet/platform';
import { HandlingCode, type InformationAssessment, LeadType, SourceReliability } from './lead-vocabulary';

/** What a reporter writes on a lead. */
export interface NewLead {
  /** Coordinators name it; an investigator always reports for its own country. */
  reportingCountry?: string;
  country: string;
  place: string;
  latitude?: number | null;
  longitude?: number | null;
  observedAt: Date;
  type: LeadType;
  narrative: string;
  sourceReliability: SourceReliability;
  informationAssessment: InformationAssessment;
  handlingCode: HandlingCode;
  /** Required with H3, refused with the other codes. */
  handlingRestriction?: string | null;
}

/** Clocks in the field drift; an observation a few minutes "in the future" is still taken. */
export const OBSERVED_AT_CLOCK_SKEW_MS = 5 * 60_000;

/** The rules across fields that validation of each field alone cannot see; returns the lead normalised. */
export function checkLeadFields(input: NewLead, now = new Date()): NewLead {
  const problems: FieldProblem[] = [];
  const hasLatitude = input.latitude !== undefined && input.latitude !== null;
  const hasLongitude = input.longitude !== undefined && input.longitude !== null;
  if (hasLatitude !== hasLongitude) {
    const missing = hasLatitude ? 'longitude' : 'latitude';
    problems.push({ field: missing, message: 'give both latitude and longitude, or neither' });
  }
  const restriction = input.handlingRestriction?.trim() || null;
  if (input.handlingCode === HandlingCode.H3 && !restriction) {
    problems.push({ field: 'handlingRestriction', message: 'H3 needs the restrictions stated in handlingRestriction' });
  }
  if (input.handlingCode !== HandlingCode.H3 && restriction) {
    problems.push({ field: 'handlingRestriction', message: 'handlingRestriction is given with handling code H3 only' });
  }
  if (input.observedAt.getTime() > now.getTime() + OBSERVED_AT_CLOCK_SKEW_MS) {
    problems.push({ field: 'observedAt', message: 'observedAt cannot be in the future' });
  }
  const place = input.place.trim();
  const narrative = input.narrative.trim();
  if (!place) problems.push({ field: 'place', message: 'place must not be blank' });
  if (!narrative) problems.push({ field: 'narrative', message: 'narrative must not be blank' });
  if (problems.length > 0) {
    const fields = [...new Set(problems.map((problem) => problem.field))];
    throw new InvalidInputError(`Invalid ${fields.length === 1 ? 'field' : 'fields'}: ${fields.join(', ')}`, problems);
  }
  return {
    ...input,
    place,
    narrative,
    latitude: hasLatitude ? input.latitude : null,
    longitude: hasLongitude ? input.longitude : null,
    handlingRestriction: restriction,
  };
}
