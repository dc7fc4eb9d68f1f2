import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { LanguagePicker } from '../../../components/language-picker';
import { useSessionToken } from '../../../hooks/use-session-token';
import { ApiError } from '../../../lib/api/client';
import { session } from '../../../lib/session';
import { signIn } from '../api/auth';

/** Only paths inside the console are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const token = useSessionToken();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const next = safeNext(params.get('next'));

  if (token) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  const reason = session.endReason();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Title order={1}>{t('auth.title')}</Title>
              <LanguagePicker />
            </Group>
            <Text c="dimmed" size="sm">
              {t('auth.intro')}
            </Text>
            {reason === 'expired' && <Alert color="yellow">{t('auth.expired')}</Alert>}
            {error instanceof ApiError && error.status === 401 ? (
              <Alert color="red" role="alert" title={t('auth.failedTitle')}>
                {t('auth.failed')}
              </Alert>
            ) : error instanceof ApiError && error.status === 429 ? (
              <Alert color="red" role="alert" title={t('errors.tooManyRequests')}>
                {t('auth.tooMany', { minutes: Math.ceil((error.retryAfterSeconds ?? 60) / 60) })}
              </Alert>
            ) : (
              <ErrorAlert error={error} />
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Button type="submit" loading={pending}>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
