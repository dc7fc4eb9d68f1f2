import { Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserButton, type UserMenuProps } from './user-menu';

/** The menu itself: Mantine's Menu brings Popover and floating-ui, code no page needs until it is opened. */
export function UserMenuDropdown({ label, short, onSignOut }: UserMenuProps) {
  const { t } = useTranslation();
  return (
    // Opened at once: it loads because the user just asked for it.
    <Menu position="bottom-end" defaultOpened>
      <Menu.Target>
        <UserButton label={label} short={short} />
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/account">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item onClick={onSignOut}>{t('nav.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
