import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api/client';

/** An API error as the user should read it: what went wrong, each bad field, how long to wait. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  let heading = title ?? t('errors.title');
  if (apiError?.status === 409) heading = t('errors.conflict');
  if (apiError?.status === 404) heading = t('errors.notFound');
  if (apiError?.status === 403) heading = t('errors.forbidden');
  if (apiError?.status === 429) heading = t('errors.tooManyRequests');
  return (
    <Alert color="red" title={heading} role="alert">
      {apiError ? apiError.message : error instanceof Error ? error.message : String(error)}
      {apiError?.retryAfterSeconds ? ` ${t('errors.retryAfter', { seconds: apiError.retryAfterSeconds })}` : null}
      {apiError && apiError.details.length > 0 && (
        <List size="sm" mt="xs">
          {apiError.details.map((detail) => (
            <List.Item key={`${detail.field}:${detail.message}`}>
              <strong>{detail.field}</strong>: {detail.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
