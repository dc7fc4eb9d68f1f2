import { Text, UnstyledButton } from '@mantine/core';
import { forwardRef, lazy, Suspense, useState, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface UserMenuProps {
  /** Who is signed in, in full (wide screens) and short (phones). */
  label: string;
  short: string;
  onSignOut: () => void;
}

/** The button that opens the user's menu; the same before and after the menu's code has loaded. */
export const UserButton = forwardRef<
  HTMLButtonElement,
  { label: string; short: string } & ComponentPropsWithoutRef<'button'>
>(function UserButton({ label, short, ...props }, ref) {
  const { t } = useTranslation();
  return (
    <UnstyledButton ref={ref} aria-label={t('nav.userMenu', { label })} aria-haspopup="menu" {...props}>
      <Text size="sm" visibleFrom="sm">
        {label}
      </Text>
      <Text size="sm" hiddenFrom="sm">
        {short}
      </Text>
    </UnstyledButton>
  );
});

const loadDropdown = () => import('./user-menu-dropdown').then((module) => ({ default: module.UserMenuDropdown }));
const LazyDropdown = lazy(loadDropdown);

/**
 * The user's menu in the header. Until it is first opened it is a plain button; the menu's code
 * loads on the first click (or as the pointer comes near, to be ready for it).
 */
export function UserMenu(props: UserMenuProps) {
  const [wanted, setWanted] = useState(false);
  const button = (
    <UserButton
      label={props.label}
      short={props.short}
      onClick={() => setWanted(true)}
      onPointerEnter={() => void loadDropdown()}
    />
  );
  if (!wanted) return button;
  return (
    <Suspense fallback={button}>
      <LazyDropdown {...props} />
    </Suspense>
  );
}
