import { expect, test } from '@playwright/test';
import { ADMIN, checkpoint, signIn } from './support/console';

test('a wrong password is explained, and a deep link opened signed out returns to it after sign-in', async ({
  page,
}) => {
  await page.goto('/admin/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit/);
  await checkpoint(page, 'sign-in');

  await signIn(page, ADMIN.email, 'not the password at all, sorry');
  await expect(page.getByRole('alert')).toContainText('wrong');
  await checkpoint(page, 'sign-in-failed');

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
});
