import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CountryNativeSelect } from '../../../components/country-native-select';
import { PageHeader } from '../../../components/page-header';
import { useMe } from '../../../hooks/use-me';
import { useSessionToken } from '../../../hooks/use-session-token';
import type { Schemas } from '../../../lib/api/client';
import { formatNumber } from '../../../lib/format';
import { outbox } from '../../../lib/outbox/outbox';
import { tokenSubject } from '../../../lib/outbox/token-subject';
import { useFieldTarget } from '../api/field';
import { GradingFields, growsWithText, type Grading } from './grading-fields';
import { OutboxList } from './outbox-list';

const LEAD_TYPES = [
  'sighting',
  'address',
  'phone',
  'travel_document',
  'travel_movement',
  'social_media',
  'financial',
  'public_tip',
  'other',
] as const satisfies readonly Schemas['LeadType'][];

/** `YYYY-MM-DDTHH:mm` in the device's time zone, as a datetime-local input wants it. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

interface Form extends Grading {
  type: Schemas['LeadType'];
  country: string | null;
  place: string;
  latitude: number | null;
  longitude: number | null;
  observedAt: string;
  narrative: string;
}

type Errors = Partial<Record<keyof Form, string>>;

/**
 * Reporting a lead from a phone: made for a 360 px screen, and for no signal at all. The
 * Idempotency-Key is made when the form opens and travels with the lead into the outbox, so
 * however many times it is sent, it makes one lead.
 */
export function ReportLeadPage() {
  const { t } = useTranslation();
  const { operationId = '', targetId = '' } = useParams();
  const target = useFieldTarget(targetId);
  const me = useMe().data;
  const token = useSessionToken();
  const blank = (): Form => ({
    type: 'sighting',
    country: me?.country ?? null,
    place: '',
    latitude: null,
    longitude: null,
    observedAt: localNow(),
    narrative: '',
    sourceReliability: null,
    informationAssessment: null,
    handlingCode: null,
    handlingRestriction: '',
  });
  const [form, setForm] = useState<Form>(blank);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [errors, setErrors] = useState<Errors>({});
  const [locating, setLocating] = useState<'idle' | 'asking' | 'denied'>('idle');
  const [queued, setQueued] = useState(false);
  const country = form.country ?? me?.country ?? null;
  const targetLabel = target.data
    ? `${target.data.reference} · ${target.data.familyName.toUpperCase()} ${target.data.givenNames ?? ''}`.trim()
    : t('field.form.targetUnknown');

  function validate(): Errors {
    const found: Errors = {};
    if (!country) found.country = t('common.required');
    if (!form.place.trim()) found.place = t('common.required');
    if (!form.narrative.trim()) found.narrative = t('common.required');
    if (!form.observedAt) found.observedAt = t('common.required');
    else if (new Date(form.observedAt).getTime() > Date.now() + 60_000) found.observedAt = t('field.form.notFuture');
    if (!form.sourceReliability) found.sourceReliability = t('field.form.choose');
    if (!form.informationAssessment) found.informationAssessment = t('field.form.choose');
    if (!form.handlingCode) found.handlingCode = t('field.form.choose');
    if (form.handlingCode === 'H3' && !form.handlingRestriction.trim())
      found.handlingRestriction = t('field.form.restrictionNeeded');
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    const userId = tokenSubject(token);
    if (Object.keys(found).length > 0 || !userId) return;
    await outbox.add({
      key,
      userId,
      operationId,
      targetId,
      targetLabel,
      body: {
        country: country!,
        place: form.place.trim(),
        latitude: form.latitude,
        longitude: form.longitude,
        observedAt: new Date(form.observedAt).toISOString(),
        type: form.type,
        narrative: form.narrative.trim(),
        sourceReliability: form.sourceReliability!,
        informationAssessment: form.informationAssessment!,
        handlingCode: form.handlingCode!,
        handlingRestriction: form.handlingCode === 'H3' ? form.handlingRestriction.trim() : null,
      },
    });
    // A new form is a new submission: a new key.
    setForm(blank());
    setKey(crypto.randomUUID());
    setQueued(true);
  }

  function locate() {
    if (!('geolocation' in navigator)) return setLocating('denied');
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const latitude = Number(position.coords.latitude.toFixed(5));
        const longitude = Number(position.coords.longitude.toFixed(5));
        setForm((current) => ({
          ...current,
          latitude,
          longitude,
          place: current.place || `${formatNumber(latitude)}, ${formatNumber(longitude)}`,
        }));
        setLocating('idle');
      },
      () => setLocating('denied'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  const set = <K extends keyof Form>(field: K, value: Form[K]) =>
    setForm((current) => ({ ...current, [field]: value }));
  return (
    <Stack maw={560} gap="md">
      <PageHeader title={t('field.form.title')} />
      <Text fw={600}>{targetLabel}</Text>
      {queued && (
        <Alert color="green" role="status" withCloseButton onClose={() => setQueued(false)}>
          {t('field.form.queued')}
        </Alert>
      )}
      <Paper withBorder p="sm" component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          {/* The phone's own pickers (native selects): no dropdown code to download on a poor line. */}
          <NativeSelect
            label={t('field.form.type')}
            data={LEAD_TYPES.map((value) => ({ value, label: t(`enum.leadType.${value}`) }))}
            value={form.type}
            onChange={(event) => set('type', event.currentTarget.value as Form['type'])}
            withAsterisk
          />
          <CountryNativeSelect
            label={t('field.form.country')}
            value={country}
            onChange={(value) => set('country', value)}
            error={errors.country}
            withAsterisk
          />
          <TextInput
            label={t('field.form.place')}
            description={t('field.form.placeHint')}
            value={form.place}
            onChange={(event) => set('place', event.currentTarget.value)}
            error={errors.place}
            withAsterisk
          />
          <Group gap="xs" wrap="wrap">
            <Button variant="light" onClick={locate} loading={locating === 'asking'}>
              {t('field.form.usePosition')}
            </Button>
            {form.latitude != null && (
              <Text size="sm" data-testid="position">
                {t('field.form.position', {
                  latitude: formatNumber(form.latitude),
                  longitude: formatNumber(form.longitude),
                })}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('field.form.positionConsent')}
          </Text>
          {locating === 'denied' && (
            <Alert color="yellow" role="alert">
              {t('field.form.positionDenied')}
            </Alert>
          )}
          <TextInput
            type="datetime-local"
            label={t('field.form.observedAt')}
            value={form.observedAt}
            max={localNow()}
            onChange={(event) => set('observedAt', event.currentTarget.value)}
            error={errors.observedAt}
            withAsterisk
          />
          <Textarea
            label={t('field.form.narrative')}
            description={t('field.form.narrativeHint')}
            value={form.narrative}
            onChange={(event) => set('narrative', event.currentTarget.value)}
            error={errors.narrative}
            styles={growsWithText(3)}
            withAsterisk
          />
          <GradingFields
            value={form}
            onChange={(grading) => setForm((current) => ({ ...current, ...grading }))}
            errors={errors}
          />
          <Button type="submit" size="md" fullWidth>
            {t('field.form.submit')}
          </Button>
        </Stack>
      </Paper>
      <OutboxList />
    </Stack>
  );
}
