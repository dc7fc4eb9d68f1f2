import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ADMIN, apiToken, checkpoint, PASSWORD, signIn, snap } from './support/console';
import { hydraTargetList, refusedTargetList } from './support/target-list';

/**
 * Operation Hydra from the browser, each step as its persona, in order: the admin makes the
 * accounts; the coordinator creates the operation, adds Italy, Libya and Niger, imports the
 * target list (a refused file first), merges a duplicate, accepts the list, tasks every country,
 * sees a lead arrive on the board through the live feed, closes the operation and downloads the
 * XLSX results, whose checksum matches; an observer sees what observers may; an investigator of a
 * country that does not take part sees no such operation.
 */
// In order, one after another (workers: 1); each step finds the operation by its code, so a failed
// step does not hide the ones after it.

const people = {
  coordinator: { email: 'fis.coordinator@console.test', name: 'FIS coordinator' },
  observer: { email: 'europol.analyst@console.test', name: 'Europol analyst' },
  italy: { email: 'investigator.rome@console.test', name: 'NCB Rome investigator', country: 'Italy (IT)' },
  greece: { email: 'investigator.athens@console.test', name: 'NCB Athens investigator', country: 'Greece (GR)' },
};

/** The operation's console address, found through the API as the coordinator. */
async function operationUrlOf(request: APIRequestContext, code = 'HYDRA-2016'): Promise<string> {
  const token = await apiToken(request, people.coordinator.email, PASSWORD);
  const page = await (
    await request.get(`/api/operations?q=${code}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  const operation = page.items.find((item: { code: string }) => item.code === code);
  expect(operation, `operation ${code}`).toBeTruthy();
  return `/operations/${operation.id}`;
}

async function pick(scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function searchAndPick(scope: Page | Locator, label: string, text: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).fill(text);
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function signInAs(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await signIn(page, email, password);
  await expect(page.getByRole('button', { name: /account menu/ })).toBeVisible();
}

test('the admin creates the accounts', async ({ page }) => {
  await signInAs(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin\/users$/);
  for (const [role, person] of [
    ['Coordinator', people.coordinator],
    ['Observer', people.observer],
    ['Investigator', people.italy],
    ['Investigator', people.greece],
  ] as const) {
    await page.getByRole('button', { name: 'Create account' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'E-mail', exact: true }).fill(person.email);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(person.name);
    await pick(dialog, 'Role', role);
    if ('country' in person) await searchAndPick(dialog, 'Country', person.country.split(' ')[0], person.country);
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill(PASSWORD);
    if (role === 'Observer') await checkpoint(page, '01-admin-create-account');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('cell', { name: person.email, exact: true })).toBeVisible();
  }
  await checkpoint(page, '02-admin-users');
});

test('the coordinator creates Operation Hydra with Italy, Libya and Niger', async ({ page }) => {
  await signInAs(page, people.coordinator.email);
  await expect(page).toHaveURL(/\/operations$/);
  await page.getByRole('button', { name: 'Create operation' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Code' }).fill('HYDRA-2016');
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Operation Hydra');
  await dialog.getByLabel('Operational phase starts').fill('2016-05-09');
  await dialog.getByLabel('Operational phase ends').fill('2016-05-13');
  await checkpoint(page, '03-create-operation');
  await dialog.getByRole('button', { name: 'Create operation' }).click();
  await expect(page).toHaveURL(/\/operations\/[0-9a-f-]+\/settings$/);

  for (const [country, name, roles, ncb] of [
    ['Italy', 'Italy (IT)', ['Transit', 'Destination'], 'NCB Rome'],
    ['Libya', 'Libya (LY)', ['Source', 'Transit'], 'NCB Tripoli'],
    ['Niger', 'Niger (NE)', ['Source', 'Transit'], 'NCB Niamey'],
  ] as const) {
    await searchAndPick(page, 'Country', country, name);
    for (const role of roles) await page.getByRole('checkbox', { name: role, exact: true }).check();
    await page.getByRole('textbox', { name: 'National Central Bureau' }).fill(ncb);
    const focal = page.getByRole('combobox', { name: 'Focal points' });
    await focal.fill(`focal.point@${ncb.toLowerCase().replace(' ', '-')}.example`);
    await focal.press('Enter');
    await page.getByRole('button', { name: 'Add country' }).click();
    await expect(page.getByRole('cell', { name: `${country} (` })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Move to Nomination' }).click();
  await expect(page.getByText('Nomination', { exact: true }).first()).toBeVisible();
  await checkpoint(page, '04-operation-settings');
});

test('the coordinator imports the target list: a refused file first, then 200 rows', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(`${operationUrl}/import`);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(refusedTargetList()) });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByText('The file was refused; nothing was imported')).toBeVisible();
  const errors = page.getByTestId('import-errors');
  await expect(errors.getByRole('row')).not.toHaveCount(1);
  await expect(errors).toContainText('wanted_by_country');
  await checkpoint(page, '05-import-refused');

  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'hydra.csv', mimeType: 'text/csv', buffer: Buffer.from(hydraTargetList()) });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await expect(page.getByText('200 targets created, 0 updated.')).toBeVisible({ timeout: 60_000 });
  await checkpoint(page, '06-import-accepted');
});

test('the coordinator merges the duplicate and accepts the list', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(`${operationUrl}/duplicates`);
  const pair = page.getByTestId('duplicate-pair').first();
  await expect(pair).toBeVisible();
  await checkpoint(page, '07-duplicates');
  await pair.getByRole('button', { name: /^Merge/ }).click();
  await expect(page.getByText('No likely duplicate.')).toBeVisible();

  await page.goto(`${operationUrl}/targets?status=nominated`);
  await expect(page.getByText('199 of 199 loaded')).toBeVisible();
  await page.getByRole('button', { name: 'Select every loaded nomination' }).click();
  await expect(page.getByText('199 nominations selected')).toBeVisible();
  await checkpoint(page, '08-targets-selected');
  await page.getByRole('button', { name: 'Accept selected' }).click();
  await expect(page.getByText('199 of 199 done, 0 refused')).toBeVisible({ timeout: 90_000 });
  await page.goto(`${operationUrl}/targets?status=accepted`);
  await expect(page.getByText('199 of 199 loaded')).toBeVisible();

  // Sorted by a click on a column header, kept in the URL with the filter, announced by aria-sort.
  const table = page.getByRole('region', { name: 'Targets' });
  const nameHeader = table.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await expect(table.getByRole('columnheader', { name: 'Reference' })).toHaveAttribute('aria-sort', 'ascending');
  const token = await apiToken(request, people.coordinator.email, PASSWORD);
  const firstBy = async (sort: string) =>
    (
      await (
        await request.get(
          `/api/operations/${operationUrl.split('/').pop()}/targets?status=accepted&sort=${sort}&limit=1`,
          {
            headers: { Authorization: `Bearer ${token}` },
          },
        )
      ).json()
    ).items[0].reference as string;
  const firstRow = table.getByRole('row').nth(1);
  await nameHeader.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/status=accepted.*sort=name|sort=name.*status=accepted/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRow).toContainText(await firstBy('name'));
  await nameHeader.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRow).toContainText(await firstBy('-name'));
  await checkpoint(page, '09a-targets-sorted');
  // A reload keeps the order and the filter.
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText('199 of 199 loaded')).toBeVisible();

  await page.getByRole('textbox', { name: 'Name search' }).fill(hydraTargetList().split('\n')[1].split(',')[1]);
  await expect(page.getByText('1 of 1 loaded')).toBeVisible();
  await checkpoint(page, '09-targets-search');
});

test('the coordinator opens the operational phase and tasks every country', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(`${operationUrl}/settings`);
  await page.getByRole('button', { name: 'Move to Active' }).click();
  await expect(page.getByRole('button', { name: 'Move to Follow-up' })).toBeVisible();

  await page.goto(`${operationUrl}/tasks`);
  await page.getByRole('button', { name: 'Task many countries' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Check national records for every Hydra target');
  await expect(dialog.getByTestId('bulk-count')).toContainText('This creates 597 tasks for 3 countries.');
  await checkpoint(page, '10-bulk-tasking');
  await dialog.getByRole('button', { name: 'Create 597 tasks' }).click();
  await expect(page.getByText('597 tasks created')).toBeVisible();
  await expect(page.getByText('of 597 loaded')).toBeVisible();
  await checkpoint(page, '11-tasks');
});

test('a lead reported in Italy arrives on the board through the live feed', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(operationUrl);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  const leadsBefore = Number((await page.getByTestId('figure-Leads').innerText()).replace(/\D/g, ''));
  const gradedB2Before = Number((await page.getByTestId('grading-cell-B2').innerText()).replace(/\D/g, ''));

  // Italy's investigator reports from the field (through the API, as the field app will).
  const token = await apiToken(request, people.italy.email, PASSWORD);
  const operationId = operationUrl.split('/').pop()!;
  const coordinatorToken = await apiToken(request, people.coordinator.email, PASSWORD);
  const targets = await (
    await request.get(`/api/operations/${operationId}/targets?wantedBy=IT&status=accepted`, {
      headers: { Authorization: `Bearer ${coordinatorToken}` },
    })
  ).json();
  const target = targets.items[0];
  const lead = await request.post(`/api/targets/${target.id}/leads`, {
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': randomUUID() },
    data: {
      country: 'IT',
      place: 'Ancona, ferry terminal',
      observedAt: new Date().toISOString(),
      type: 'sighting',
      narrative: 'Seen boarding the Patras ferry',
      sourceReliability: 'B',
      informationAssessment: 2,
      handlingCode: 'H1',
    },
  });
  expect(lead.status()).toBe(201);

  await expect(page.getByTestId('live-feed')).toContainText('New lead from IT: Ancona, ferry terminal');
  await expect(page.getByTestId('figure-Leads')).toHaveText(String(leadsBefore + 1));
  // Leads by grading: the B2 lead counts in the 4x4 table and in Italy's row.
  await expect(page.getByTestId('grading-cell-B2')).toHaveText(String(gradedB2Before + 1));
  await expect(page.getByTestId('grading-IT')).toContainText('B2');
  await checkpoint(page, '12-board-live-lead');
  await page
    .getByTestId('live-feed')
    .getByRole('link', { name: /Ancona/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sighting at Ancona, ferry terminal' })).toBeVisible();
  await checkpoint(page, '13-lead');
});

test('a stale status change is explained and the target reloaded', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(`${operationUrl}/targets?status=accepted&wantedBy=LY`);
  await page.getByRole('region', { name: 'Targets' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Change status' })).toBeVisible();
  const targetId = page.url().split('/').pop()!;
  // Someone else locates the target meanwhile.
  const token = await apiToken(request, people.coordinator.email, PASSWORD);
  const target = await (
    await request.get(`/api/targets/${targetId}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  expect(
    (
      await request.post(`/api/targets/${targetId}/status`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { status: 'located', country: 'LY', version: target.version },
      })
    ).status(),
  ).toBe(200);

  await pick(page, 'New status', 'Arrested');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Someone else changed this target')).toBeVisible();
  await checkpoint(page, '14-target-stale');
  await page.getByRole('button', { name: 'Reload the target' }).click();
  await expect(page.getByRole('heading', { level: 1 }).locator('..')).toContainText('Located');
  await pick(page, 'New status', 'Arrested');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('table').filter({ hasText: 'Located → Arrested' })).toBeVisible();
  await checkpoint(page, '15-target');
});

test('the coordinator closes the operation and downloads the XLSX, whose checksum matches', async ({
  page,
  request,
}) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.coordinator.email);
  await page.goto(`${operationUrl}/settings`);
  await page.getByRole('button', { name: 'Move to Follow-up' }).click();
  await page.getByRole('button', { name: 'Close the operation' }).click();
  await expect(page.getByRole('dialog')).toContainText('read-only');
  await checkpoint(page, '16-close');
  await page.getByRole('dialog').getByRole('button', { name: 'Close the operation' }).click();
  await expect(page.getByText('A closed operation is read-only.')).toBeVisible();

  await page.goto(operationUrl);
  await expect(page.getByText(/Final figures/)).toBeVisible();
  await expect(page.getByTestId('headline')).toContainText('1 fugitive arrested');
  await checkpoint(page, '17-board-final');

  await page.goto(`${operationUrl}/exports`);
  await page.getByRole('radio', { name: 'Excel (XLSX)' }).check({ force: true });
  await page.getByRole('button', { name: 'Request export' }).click();
  await expect(page.getByRole('button', { name: 'Download' })).toBeVisible({ timeout: 60_000 });
  const announced = await page.getByTestId('announced-sha256').innerText();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  const file = readFileSync(await download.path());
  expect(download.suggestedFilename()).toMatch(/^HYDRA-2016-results-.*\.xlsx$/);
  expect(createHash('sha256').update(file).digest('hex')).toBe(announced);
  await expect(page.getByText('The checksum matches: the file is intact')).toBeVisible();
  await expect(page.getByTestId('computed-sha256')).toHaveText(announced);
  await checkpoint(page, '18-export-downloaded');
});

test('the admin verifies the audit chain', async ({ page }) => {
  await signInAs(page, ADMIN.email, ADMIN.password);
  await page.goto('/admin/audit');
  await expect(page.getByText(/of \d+ loaded/)).toBeVisible();
  await page.getByRole('button', { name: 'Verify the audit chain' }).click();
  await expect(page.getByTestId('audit-verify')).toContainText('The audit chain is intact');
  await checkpoint(page, '19-audit');

  // The queue dashboard opens from its link: a cookie for its path, no token in any URL.
  const [dashboard] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'Open the queue dashboard' }).click(),
  ]);
  await expect(dashboard).toHaveURL(/\/api\/admin\/queues\/$/);
  await expect(dashboard).toHaveTitle('Bull Dashboard');
  expect(await dashboard.evaluate(() => fetch('api/queues').then((response) => response.status))).toBe(200);
  const cookies = await page.context().cookies();
  expect(cookies.filter((cookie) => cookie.name === 'dragnet_queue_dashboard')).toEqual([
    expect.objectContaining({ path: '/api/admin/queues', httpOnly: true, sameSite: 'Strict' }),
  ]);
  await snap(dashboard, '19a-queue-dashboard');
  await dashboard.close();
});

test('an observer member sees the operation read-only, without tasks or country breakdown', async ({
  page,
  request,
}) => {
  const adminToken = await apiToken(request, ADMIN.email, ADMIN.password);
  const users = await (
    await request.get('/api/users?role=observer', { headers: { Authorization: `Bearer ${adminToken}` } })
  ).json();
  const observerId = users.items.find((user: { email: string }) => user.email === people.observer.email).id;
  // Members can only be added while the operation is open; this one is closed, so the coordinator
  // adds the observer to a second, open operation.
  await signInAs(page, people.coordinator.email);
  await page.goto('/operations');
  await page.getByRole('button', { name: 'Create operation' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Code' }).fill('HYDRA-2017');
  await page.getByRole('dialog').getByRole('textbox', { name: 'Name', exact: true }).fill('Operation Hydra II');
  await page.getByRole('dialog').getByRole('button', { name: 'Create operation' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  const secondUrl = page.url().replace(/\/settings$/, '');
  await page.getByRole('textbox', { name: 'Observer account id' }).fill(observerId);
  await page.getByRole('button', { name: 'Add observer' }).click();
  await expect(page.getByText(`${people.observer.name} (${people.observer.email})`)).toBeVisible();
  await page.getByRole('button', { name: /account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signInAs(page, people.observer.email);
  await expect(page.getByRole('link', { name: 'HYDRA-2017' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'HYDRA-2016' })).toHaveCount(0);
  await page.getByRole('link', { name: 'HYDRA-2017' }).click();
  await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Refresh figures' })).toHaveCount(0);
  await expect(page.getByTestId('per-country')).toHaveCount(0);
  await checkpoint(page, '20-observer-board');
  await page.goto(`${secondUrl}/settings`);
  await expect(page.getByRole('button', { name: /Move to/ })).toHaveCount(0);
  await checkpoint(page, '21-observer-settings');
});

test('an investigator of a country that does not take part sees no such operation', async ({ page, request }) => {
  const operationUrl = await operationUrlOf(request);
  await signInAs(page, people.greece.email);
  // An investigator lands on its country's work, which lists no operation, and so does the list.
  await expect(page.getByRole('heading', { level: 1, name: 'Work of Greece' })).toBeVisible();
  await expect(page.getByText('Your country takes part in no operation yet.')).toBeVisible();
  await page.getByRole('link', { name: 'Operations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Operations' })).toBeVisible();
  await expect(page.getByText('No operation matches.')).toBeVisible();
  await page.goto(operationUrl);
  await expect(page.getByRole('alert')).toContainText('Not found');
  await checkpoint(page, '22-need-to-know');
});
