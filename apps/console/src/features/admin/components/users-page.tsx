import {
  Button,
  CopyButton,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../../../components/country-select';
import { EnumSelect } from '../../../components/enum-select';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { StatusBadge } from '../../../components/status-badge';
import type { Schemas } from '../../../lib/api/client';
import { countryName } from '../../../lib/countries';
import { ROLES } from '../../../lib/enums';
import { useUserMutations, useUsers, type User } from '../api/admin';

/** Accounts: create, change role or country, deactivate, reset a password (admins only). */
export function UsersPage() {
  const { t } = useTranslation();
  const [role, setRole] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const users = useUsers({ role: (role ?? undefined) as Schemas['Role'] | undefined, q: q.trim() || undefined });
  const [creating, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  return (
    <Stack>
      <PageHeader title={t('users.title')} actions={<Button onClick={createModal.open}>{t('users.create')}</Button>} />
      <Group align="flex-end">
        <TextInput label={t('users.search')} value={q} onChange={(event) => setQ(event.currentTarget.value)} />
        <Select
          label={t('users.role')}
          clearable
          data={ROLES.map((value) => ({ value, label: t(`enum.role.${value}`) }))}
          value={role}
          onChange={setRole}
        />
      </Group>
      <QueryState query={users}>
        {(page) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.country')}</Table.Th>
                  <Table.Th>{t('users.state')}</Table.Th>
                  <Table.Th>{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.displayName}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{t(`enum.role.${user.role}`)}</Table.Td>
                    <Table.Td>{countryName(user.country)}</Table.Td>
                    <Table.Td>
                      <StatusBadge kind="any" value={user.active ? 'active' : 'inactive'} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Button
                          size="compact-sm"
                          variant="light"
                          onClick={() => setEditing(user)}
                          aria-label={t('users.editUser', { email: user.email })}
                        >
                          {t('users.edit')}
                        </Button>
                        <CopyButton value={user.id}>
                          {({ copied, copy }) => (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              onClick={copy}
                              aria-label={t('users.copyIdOf', { email: user.email })}
                            >
                              {copied ? t('users.copied') : t('users.copyId')}
                            </Button>
                          )}
                        </CopyButton>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <Modal opened={creating} onClose={createModal.close} title={t('users.create')}>
        <CreateUserForm onDone={createModal.close} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('users.editTitle', { email: editing?.email ?? '' })}
      >
        {editing && <EditUserForm user={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { create } = useUserMutations();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Schemas['Role']>('investigator');
  const [country, setCountry] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  return (
    <Stack>
      <ErrorAlert error={create.error} />
      <TextInput
        label={t('users.email')}
        type="email"
        required
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
      />
      <TextInput
        label={t('users.name')}
        required
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
      />
      <EnumSelect
        kind="role"
        values={ROLES}
        label={t('users.role')}
        value={role}
        onChange={(value) => setRole((value ?? 'investigator') as Schemas['Role'])}
      />
      {role === 'investigator' && (
        <CountrySelect label={t('users.country')} required value={country} onChange={setCountry} />
      )}
      <PasswordInput
        label={t('users.password')}
        description={t('account.passwordRules')}
        required
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      <Button
        loading={create.isPending}
        onClick={() =>
          create.mutate(
            { email, displayName, role, country: role === 'investigator' ? country : null, password },
            { onSuccess: onDone },
          )
        }
      >
        {t('users.create')}
      </Button>
    </Stack>
  );
}

function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useTranslation();
  const { update } = useUserMutations();
  const [role, setRole] = useState<Schemas['Role']>(user.role);
  const [country, setCountry] = useState<string | null>(user.country);
  const [active, setActive] = useState(user.active);
  const [password, setPassword] = useState('');
  return (
    <Stack>
      <ErrorAlert error={update.error} />
      <EnumSelect
        kind="role"
        values={ROLES}
        label={t('users.role')}
        value={role}
        onChange={(value) => setRole((value ?? user.role) as Schemas['Role'])}
      />
      {role === 'investigator' && <CountrySelect label={t('users.country')} value={country} onChange={setCountry} />}
      <Switch
        label={t('users.active')}
        description={t('users.activeHint')}
        checked={active}
        onChange={(event) => setActive(event.currentTarget.checked)}
      />
      <PasswordInput
        label={t('users.resetPassword')}
        description={t('users.resetHint')}
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      <Text size="sm" c="dimmed">
        {t('users.id')}: {user.id}
      </Text>
      <Button
        loading={update.isPending}
        onClick={() =>
          update.mutate(
            {
              id: user.id,
              role,
              country: role === 'investigator' ? country : null,
              active,
              ...(password ? { password } : {}),
            },
            { onSuccess: onDone },
          )
        }
      >
        {t('common.save')}
      </Button>
    </Stack>
  );
}
