import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADMIN } from './dragnet-processes';

export { ADMIN };
export const PASSWORD = 'a long enough console test passphrase';
const SCREENSHOTS = resolve(__dirname, '../../../../test-results/console');

/** Saves a full-page screenshot under test-results/console/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The accessibility scan every page gets: no serious or critical violation (WCAG 2.x A and AA). */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  // Soft, so a journey goes on and reports every page's violations in one run.
  expect
    .soft(
      bad.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 5)
            .join(' | ')}`,
      ),
      `accessibility of ${where}`,
    )
    .toEqual([]);
}

/** Screenshot and accessibility scan of the page as it is now. */
export async function checkpoint(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await snap(page, name);
  await expectAccessible(page, name);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A token for setting up data through the API, as a test helper (the journeys use the browser). */
export async function apiToken(request: APIRequestContext, email: string, password: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password } });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).accessToken as string;
}

/** The .eml files the worker wrote, newest last. */
export function sentMails(): { to: string; subject: string; body: string }[] {
  const directory = process.env.DRAGNET_OUTBOX_DIR!;
  return readdirSync(directory)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(directory, name), 'utf8');
      return {
        to: /^To: (.*)$/m.exec(text)?.[1] ?? '',
        subject: /^Subject: (.*)$/m.exec(text)?.[1] ?? '',
        body: text,
      };
    });
}
