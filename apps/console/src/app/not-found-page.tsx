import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/page-header';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.notFound')} />
      <Text>{t('errors.notFoundText')}</Text>
      <Anchor component={Link} to="/">
        {t('nav.home')}
      </Anchor>
    </>
  );
}
