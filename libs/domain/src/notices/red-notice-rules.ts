import type { FieldProblem } from '@dragnet/platform';
import { type Target, WantedFor, type Warrant } from '../targets';

/** INTERPOL's penalty thresholds for a red notice (Rules on the Processing of Data, art. 83). */
export const MIN_PROSECUTION_PENALTY_MONTHS = 24;
export const MIN_SENTENCE_MONTHS = 6;

export type RedNoticeTargetFacts = Pick<
  Target,
  | 'familyName'
  | 'birthDate'
  | 'birthYear'
  | 'heightCm'
  | 'weightKg'
  | 'eyeColour'
  | 'hairColour'
  | 'distinguishingMarks'
  | 'photographReference'
  | 'fingerprintsReference'
> & { identityDocuments: { number: string }[] };

export type RedNoticeWarrantFacts = Pick<
  Warrant,
  'reference' | 'wantedFor' | 'maximumPenaltyMonths' | 'sentenceImposedMonths' | 'sentenceRemainingMonths'
>;

export interface RedNoticeFacts {
  target: RedNoticeTargetFacts;
  /** In the order they are listed for the target; problems name them by this index. */
  warrants: RedNoticeWarrantFacts[];
  article3Attested: boolean;
}

const filled = (value: string | number | null | undefined): boolean =>
  value !== null && value !== undefined && String(value).trim() !== '';

/** Every rule a red notice request does not meet; empty when it may be submitted. */
export function redNoticeProblems(facts: RedNoticeFacts): FieldProblem[] {
  return [...warrantProblems(facts.warrants), ...attestationProblems(facts), ...identifierProblems(facts.target)];
}

/** One warrant meeting every rule is enough; otherwise each warrant's shortfalls are listed. */
function warrantProblems(warrants: RedNoticeWarrantFacts[]): FieldProblem[] {
  if (warrants.length === 0) return [{ field: 'warrants', message: 'the target has no arrest warrant' }];
  const perWarrant = warrants.map((warrant, index) => [
    ...referenceProblems(warrant, index),
    ...thresholdProblems(warrant, index),
  ]);
  return perWarrant.some((problems) => problems.length === 0) ? [] : perWarrant.flat();
}

function referenceProblems(warrant: RedNoticeWarrantFacts, index: number): FieldProblem[] {
  return filled(warrant.reference)
    ? []
    : [{ field: `warrants[${index}].reference`, message: 'the arrest warrant has no reference' }];
}

function thresholdProblems(warrant: RedNoticeWarrantFacts, index: number): FieldProblem[] {
  if (warrant.wantedFor === WantedFor.Prosecution) {
    const months = warrant.maximumPenaltyMonths;
    if (months !== null && months >= MIN_PROSECUTION_PENALTY_MONTHS) return [];
    return [
      {
        field: `warrants[${index}].maximumPenaltyMonths`,
        message: `for prosecution the offence must carry a maximum penalty of at least ${MIN_PROSECUTION_PENALTY_MONTHS} months (${months === null ? 'none given' : `${months} given`})`,
      },
    ];
  }
  const imposed = warrant.sentenceImposedMonths;
  const remaining = warrant.sentenceRemainingMonths;
  if ((imposed ?? 0) >= MIN_SENTENCE_MONTHS || (remaining ?? 0) >= MIN_SENTENCE_MONTHS) return [];
  return [
    {
      field: `warrants[${index}].sentenceImposedMonths`,
      message: `for a sentence at least ${MIN_SENTENCE_MONTHS} months must have been imposed or remain (imposed ${imposed ?? 'not given'}, remaining ${remaining ?? 'not given'})`,
    },
  ];
}

function attestationProblems(facts: RedNoticeFacts): FieldProblem[] {
  return facts.article3Attested
    ? []
    : [
        {
          field: 'article3Attested',
          message:
            'the requester must attest that the Article 3 check was done (no political, military, religious or racial character)',
        },
      ];
}

function identifierProblems(target: RedNoticeTargetFacts): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!filled(target.familyName)) problems.push({ field: 'target.familyName', message: 'a family name is required' });
  if (!filled(target.birthDate) && !filled(target.birthYear)) {
    problems.push({ field: 'target.birthDate', message: 'a date of birth or a birth year is required' });
  }
  const physicalDescription = [
    target.heightCm,
    target.weightKg,
    target.eyeColour,
    target.hairColour,
    target.distinguishingMarks,
  ].some(filled);
  const identityDocument = target.identityDocuments.some((document) => filled(document.number));
  if (
    !physicalDescription &&
    !identityDocument &&
    !filled(target.photographReference) &&
    !filled(target.fingerprintsReference)
  ) {
    problems.push({
      field: 'target.identifiers',
      message:
        'one of a physical description (height, weight, eye or hair colour, distinguishing marks), an identity document, a photograph reference or a fingerprints reference is required',
    });
  }
  return problems;
}
