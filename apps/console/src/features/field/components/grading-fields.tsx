import { Radio, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../../lib/api/client';

export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'X'] as const satisfies readonly Schemas['SourceReliability'][];
export const INFORMATION_ASSESSMENTS = [1, 2, 3, 4] as const;
/**
 * A text box that grows with its text through CSS (`field-sizing`), where Mantine's `autosize`
 * measures it in script, forcing a style pass over the whole stylesheet as the form first draws:
 * a cost a slow phone notices. A browser without `field-sizing` keeps that height and scrolls.
 */
export function growsWithText(rows: number) {
  return { input: { fieldSizing: 'content', minHeight: `calc(${rows}lh + 1rem)` } } as const;
}

export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const satisfies readonly Schemas['HandlingCode'][];

export interface Grading {
  sourceReliability: Schemas['SourceReliability'] | null;
  informationAssessment: 1 | 2 | 3 | 4 | null;
  handlingCode: Schemas['HandlingCode'] | null;
  handlingRestriction: string;
}

/**
 * Europol's grading as three choices, each option explained in the user's language; the handling
 * code says who will see the lead, and H3 asks for its restriction.
 */
export function GradingFields({
  value,
  onChange,
  errors,
}: {
  value: Grading;
  onChange: (next: Grading) => void;
  errors: Partial<Record<keyof Grading, string>>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Radio.Group
        label={t('field.grading.sourceLabel')}
        description={t('field.grading.sourceHint')}
        value={value.sourceReliability ?? ''}
        onChange={(next) => onChange({ ...value, sourceReliability: next as Grading['sourceReliability'] })}
        error={errors.sourceReliability}
        withAsterisk
      >
        <Stack gap="xs" mt="xs">
          {SOURCE_RELIABILITIES.map((code) => (
            <Radio
              key={code}
              value={code}
              label={t(`grading.source.${code}`)}
              description={t(`field.grading.source.${code}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        label={t('field.grading.informationLabel')}
        description={t('field.grading.informationHint')}
        value={value.informationAssessment ? String(value.informationAssessment) : ''}
        onChange={(next) =>
          onChange({ ...value, informationAssessment: Number(next) as Grading['informationAssessment'] })
        }
        error={errors.informationAssessment}
        withAsterisk
      >
        <Stack gap="xs" mt="xs">
          {INFORMATION_ASSESSMENTS.map((code) => (
            <Radio
              key={code}
              value={String(code)}
              label={t(`grading.information.${code}`)}
              description={t(`field.grading.information.${code}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Radio.Group
        label={t('field.grading.handlingLabel')}
        description={t('field.grading.handlingHint')}
        value={value.handlingCode ?? ''}
        onChange={(next) => onChange({ ...value, handlingCode: next as Grading['handlingCode'] })}
        error={errors.handlingCode}
        withAsterisk
      >
        <Stack gap="xs" mt="xs">
          {HANDLING_CODES.map((code) => (
            <Radio
              key={code}
              value={code}
              label={t(`grading.handling.${code}`)}
              description={t(`field.grading.handling.${code}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      {value.handlingCode === 'H3' && (
        <Textarea
          label={t('field.grading.restriction')}
          description={t('field.grading.restrictionHint')}
          value={value.handlingRestriction}
          onChange={(event) => onChange({ ...value, handlingRestriction: event.currentTarget.value })}
          error={errors.handlingRestriction}
          withAsterisk
          styles={growsWithText(2)}
        />
      )}
    </Stack>
  );
}
