import { Button, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { useMe } from '../../../hooks/use-me';
import { changePassword } from '../api/auth';

/** The signed-in user's account: who it is, and a password change (which ends every session). */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await changePassword(current, next);
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <PageHeader title={t('account.title')} />
      {me && (
        <Text mb="md">
          {t('account.signedInAs', { name: me.displayName, email: me.email })} · {t(`enum.role.${me.role}`)}
          {me.country ? ` · ${me.country}` : ''}
        </Text>
      )}
      <Paper withBorder p="md" maw={480}>
        <form onSubmit={submit}>
          <Stack>
            <Text fw={600} component="h2">
              {t('account.changePassword')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('account.passwordRules')}
            </Text>
            <ErrorAlert error={error} />
            <PasswordInput
              label={t('account.currentPassword')}
              autoComplete="current-password"
              required
              value={current}
              onChange={(event) => setCurrent(event.currentTarget.value)}
            />
            <PasswordInput
              label={t('account.newPassword')}
              autoComplete="new-password"
              required
              value={next}
              onChange={(event) => setNext(event.currentTarget.value)}
            />
            <Button type="submit" loading={pending}>
              {t('account.changePassword')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
