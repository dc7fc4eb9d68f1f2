import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { direction } from '../lib/i18n/languages';

/** Keeps Mantine's layout direction with the language: right to left for Arabic. */
export function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => setDirection(direction(i18n.language)), [i18n.language, setDirection]);
  return null;
}
