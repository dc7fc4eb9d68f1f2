import { NativeSelect } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../hooks/use-me';
import { chooseLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES, welcomeUser } from '../lib/i18n/languages';

/**
 * The console's language, remembered for the signed-in user (and this device): a user who chose
 * Arabic gets Arabic again at its next sign-in, whoever used the phone before.
 */
export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const userId = useMe().data?.id;
  useEffect(() => {
    if (userId) void welcomeUser(userId);
  }, [userId]);

  return (
    <NativeSelect
      aria-label={t('language.label')}
      size="xs"
      w={96}
      value={i18n.language}
      data={LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] }))}
      onChange={(event) => {
        const language = event.currentTarget.value;
        if (isLanguage(language)) void chooseLanguage(language, userId);
      }}
    />
  );
}
