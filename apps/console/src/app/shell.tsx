import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton, Anchor } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { signOut } from '../features/auth/api/auth';
import { useMe } from '../hooks/use-me';

/** Header with the user's menu, a side navigation that folds away on a phone, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe().data;
  const location = useLocation();
  const userLabel = me ? [me.displayName, t(`enum.role.${me.role}`), me.country].filter(Boolean).join(' · ') : '';
  const links =
    me?.role === 'admin'
      ? [
          { to: '/admin/users', label: t('nav.users') },
          { to: '/admin/audit', label: t('nav.audit') },
        ]
      : [
          { to: '/operations', label: t('nav.operations') },
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
          {me && (
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.userMenu', { label: userLabel })}>
                  <Text size="sm">{userLabel}</Text>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/account">
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()}>{t('nav.signOut')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
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
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
