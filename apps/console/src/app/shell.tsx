import { AppShell, Burger, Group, NavLink, Anchor } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { LanguagePicker } from '../components/language-picker';
import { OutboxIndicator } from '../components/outbox-indicator';
import { signOut } from '../features/auth/api/auth';
import { useGuardedSignOut } from '../hooks/use-guarded-sign-out';
import { useMe } from '../hooks/use-me';
import { UserMenu } from './user-menu';

/** Header with the user's menu, a side navigation that folds away on a phone, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const location = useLocation();
  const guardedSignOut = useGuardedSignOut(signOut);
  const userLabel = me ? [me.displayName, t(`enum.role.${me.role}`), me.country].filter(Boolean).join(' · ') : '';
  const links =
    me?.role === 'admin'
      ? [
          { to: '/admin/users', label: t('nav.users') },
          { to: '/admin/audit', label: t('nav.audit') },
        ]
      : [
          ...(me?.role === 'investigator' ? [{ to: '/field', label: t('nav.myWork') }] : []),
          { to: '/operations', label: t('nav.operations') },
          ...(me?.role === 'investigator' ? [{ to: '/outbox', label: t('nav.outbox') }] : []),
          ...(me?.role === 'coordinator' ? [{ to: '/admin/audit', label: t('nav.audit') }] : []),
        ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="inherit">
              Dragnet
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguagePicker />
            {me && (
              <UserMenu
                label={userLabel}
                short={me.country ?? t(`enum.role.${me.role}`)}
                onSignOut={guardedSignOut.request}
              />
            )}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={RouterNavLink}
            to={link.to}
            label={link.label}
            active={location.pathname.startsWith(link.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      {guardedSignOut.modal}
      <AppShell.Main>
        <OutboxIndicator />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
