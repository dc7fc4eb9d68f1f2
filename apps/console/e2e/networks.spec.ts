import { expect as baseExpect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN, apiToken, checkpoint, PASSWORD, signIn } from './support/console';

/**
 * The network picture, each step as its persona: a coordinator records a smuggling network, adds
 * its members, sees who works with whom and the route on the map, and confirms the links proposed
 * (one by an investigator, one by a shared phone number); an investigator of a country that does
 * not take part in the operation finds no such network.
 */
test.describe.configure({ mode: 'serial' });
// Generous waits: the journey draws a graph and a map, on a machine other work may be loading.
test.use({ actionTimeout: 45_000, navigationTimeout: 60_000 });
test.setTimeout(420_000);
const expect = baseExpect.configure({ timeout: 45_000 });

const suffix = Date.now().toString(36);
const people = {
  coordinator: {
    email: `coordinator.networks.${suffix}@dragnet.test`,
    displayName: 'Nora Coordinator',
    role: 'coordinator',
  },
  italy: {
    email: `it.networks.${suffix}@dragnet.test`,
    displayName: 'Paolo Bianchi',
    role: 'investigator',
    country: 'IT',
  },
  tunisia: {
    email: `tn.networks.${suffix}@dragnet.test`,
    displayName: 'Sami Trabelsi',
    role: 'investigator',
    country: 'TN',
  },
} as const;
const tokens: Record<keyof typeof people, string> = { coordinator: '', italy: '', tunisia: '' };
const NETWORK = 'Zuwara crossing network';
let operationId = '';
let networkId = '';
/** Accepted targets: a Libyan leader, an Italian-nominated pilot and a Libyan money collector. */
const targets: Record<'leader' | 'pilot' | 'collector', { id: string; reference: string; familyName: string }> = {
  leader: { id: '', reference: '', familyName: 'Ben Salem' },
  pilot: { id: '', reference: '', familyName: 'Okonkwo' },
  collector: { id: '', reference: '', familyName: 'Haddad' },
};

async function ok(request: APIRequestContext, token: string, method: 'GET' | 'POST', path: string, data?: object) {
  const response = await request.fetch(path, { method, data, headers: { Authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => null);
  expect(response.status(), `${method} ${path}: ${JSON.stringify(body)}`).toBeLessThan(300);
  return body;
}

/** A Mantine picker's input: a combobox, or a textbox inside a multi-select's pills. */
const field = (scope: Page | Locator, label: string) =>
  scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }))
    .first();

async function pick(scope: Page | Locator, label: string, option: string | RegExp) {
  const page = 'page' in scope ? scope.page() : scope;
  const choice = page.getByRole('option', { name: option }).first();
  // A multi-select keeps its list open after a pick, and its pills then cover the input.
  if (!(await choice.isVisible())) await field(scope, label).click({ force: true });
  await choice.click();
}

/** Types into a searchable picker and picks the option (several for a multi-select, in order). */
async function searchAndPick(scope: Page | Locator, label: string, choices: [string, RegExp][]) {
  const input = field(scope, label);
  const page = 'page' in scope ? scope.page() : scope;
  for (const [text, option] of choices) {
    await input.fill(text);
    await page.getByRole('option', { name: option }).first().click();
  }
  await input.press('Escape');
}

test.beforeAll(async ({ request }) => {
  const admin = await apiToken(request, ADMIN.email, ADMIN.password);
  for (const [name, person] of Object.entries(people)) {
    await ok(request, admin, 'POST', '/api/users', { ...person, password: PASSWORD });
    tokens[name as keyof typeof people] = await apiToken(request, person.email, PASSWORD);
  }
  const coordinator = tokens.coordinator;
  const operation = await ok(request, coordinator, 'POST', '/api/operations', {
    code: `NET-${suffix.toUpperCase()}`,
    name: 'Operation Network Hydra',
  });
  operationId = operation.id;
  for (const [country, roles] of [
    ['IT', ['destination']],
    ['LY', ['transit']],
  ] as const)
    await ok(request, coordinator, 'POST', `/api/operations/${operationId}/participants`, {
      country,
      roles,
      ncbName: `NCB ${country}`,
      focalPointEmails: [`ncb.${country.toLowerCase()}@dragnet.test`],
    });
  await ok(request, coordinator, 'POST', `/api/operations/${operationId}/status`, { status: 'nomination' });
  for (const [key, country, given] of [
    ['leader', 'LY', 'Abdelkader'],
    ['pilot', 'IT', 'Emeka'],
    ['collector', 'LY', 'Yusuf'],
  ] as const) {
    const target = await ok(request, coordinator, 'POST', `/api/operations/${operationId}/targets`, {
      familyName: targets[key].familyName,
      givenNames: given,
      nominatingCountry: country,
      wantedByCountry: country,
      offenceCategories: ['migrant_smuggling'],
    });
    await ok(request, coordinator, 'POST', `/api/targets/${target.id}/status`, {
      status: 'accepted',
      version: target.version,
    });
    targets[key] = { ...targets[key], id: target.id, reference: target.reference };
  }
  await ok(request, coordinator, 'POST', `/api/operations/${operationId}/status`, { status: 'active' });
  // The leader and the collector share a Libyan number: Dragnet proposes linking them.
  await ok(request, coordinator, 'POST', `/api/targets/${targets.leader.id}/identifiers`, {
    kind: 'phone',
    value: '+218 91 234 5678',
  });
  await ok(request, coordinator, 'POST', `/api/targets/${targets.collector.id}/identifiers`, {
    kind: 'phone',
    value: '091-234-5678',
    country: 'LY',
  });
  // Italy proposes a link between its pilot and the leader, as investigators do.
  const proposed = await ok(request, tokens.italy, 'POST', `/api/targets/${targets.pilot.id}/links`, {
    otherTargetId: targets.leader.id,
    type: 'co_offender',
    sourceReliability: 'B',
    informationAssessment: 2,
    note: 'Seen together at the Zuwara harbour',
  });
  expect(proposed.status).toBe('proposed');
});

test('a coordinator records a network, adds its members, sees its picture and route, and confirms links', async ({
  page,
  request,
}) => {
  await page.goto('/sign-in');
  await signIn(page, people.coordinator.email, PASSWORD);
  await expect(page.getByRole('button', { name: /account menu/ })).toBeVisible();
  // The service worker takes over the first visit's page: let it, before the journey starts.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  await page.goto(`/operations/${operationId}`);
  await expect(page.getByRole('tab', { name: 'Board' })).toBeVisible();
  await page.getByRole('tab', { name: 'Networks' }).click();
  await expect(page).toHaveURL(new RegExp(`/operations/${operationId}/networks$`));
  await expect(page.getByText('No network recorded yet.')).toBeVisible();

  // Record the network: name, alias, route in order, modi operandi.
  await page.getByRole('button', { name: 'New network' }).click();
  const dialog = page.getByRole('dialog', { name: 'New network' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(NETWORK);
  await field(dialog, 'Aliases').fill('The Sabratha boys');
  await field(dialog, 'Aliases').press('Enter');
  await searchAndPick(dialog, 'Countries of origin', [
    ['Eritrea', /^Eritrea \(ER\)$/],
    ['Sudan', /^Sudan \(SD\)$/],
  ]);
  await searchAndPick(dialog, 'Transit countries', [['Libya', /^Libya \(LY\)$/]]);
  await searchAndPick(dialog, 'Destination countries', [['Italy', /^Italy \(IT\)$/]]);
  await pick(dialog, 'Modi operandi', 'Sea crossing');
  await pick(dialog, 'Modi operandi', 'Hawala / informal money transfer');
  await field(dialog, 'Modi operandi').press('Escape');
  await checkpoint(page, 'networks-1-new-network-form');
  await dialog.getByRole('button', { name: 'New network' }).click();
  await expect(page.getByRole('heading', { level: 2, name: NETWORK })).toBeVisible();
  networkId = /\/networks\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
  expect(networkId).not.toBe('');
  await expect(page.getByTestId('route-text')).toHaveText(
    'Route: Eritrea (origin) → Sudan (origin) → Libya (transit) → Italy (destination)',
  );
  await expect(page.getByTestId('network-details')).toContainText('The Sabratha boys');

  // Members: each found by name, with a role and a source.
  const addForm = page.getByRole('form', { name: 'Add a member' });
  for (const [key, role] of [
    ['leader', 'Leader'],
    ['pilot', 'Boat pilot'],
    ['collector', 'Money collector'],
  ] as const) {
    const target = targets[key];
    await field(addForm, 'Target').fill(target.familyName);
    const option = page.getByRole('option', { name: new RegExp(`^${target.reference} · `) });
    // The search answers after the typing stops; the list opens (again) on a click.
    await expect(async () => {
      if (!(await option.isVisible())) await field(addForm, 'Target').click();
      await expect(option).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 45_000 });
    await option.click();
    await pick(addForm, 'Role', role);
    await addForm.getByRole('textbox', { name: 'Source', exact: true }).fill('Italian and Libyan case files, 2016');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    await expect(
      page.getByTestId('members-table').getByRole('row', { name: new RegExp(target.reference) }),
    ).toContainText(role);
  }
  await expect(page.getByTestId('members-table').getByRole('row')).toHaveCount(4);

  // The picture: the network, three members and the shared phone number; the route on the map.
  const graph = page.getByTestId('network-graph');
  await expect(graph).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await expect(graph).toHaveAttribute('data-nodes', '5');
  await expect(page.getByTestId('route-map')).toHaveAttribute('data-drawn', 'true', { timeout: 30_000 });
  await expect(
    page.getByText('Picture of 3 members, 1 links and 1 shared identifiers', { exact: false }),
  ).toBeVisible();
  await expect(page.getByTestId('shared-identifiers-table')).toContainText('+218912345678');

  // Italy's proposed link: confirmed here.
  const links = page.getByTestId('links-table');
  const italianLink = links.getByRole('row', { name: new RegExp(targets.pilot.reference) });
  await expect(italianLink).toContainText('Proposed');
  await italianLink.getByRole('button', { name: /^Confirm the link/ }).click();
  await expect(italianLink).toContainText('Confirmed');

  // The shared number's proposal: linked with a grading.
  const proposals = page.getByTestId('proposals-table');
  await expect(proposals.getByRole('row')).toHaveCount(2);
  await proposals.getByRole('button', { name: /^Link / }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm the link' });
  await pick(confirm, 'Type', 'Financial');
  await pick(confirm, 'Source reliability', /^B:/);
  await pick(confirm, 'Information assessment', /^2:/);
  await confirm.getByRole('button', { name: 'Confirm link' }).click();
  await expect(page.getByText('No pair involving a member shares an identifier.')).toBeVisible();
  await expect(links.getByRole('row', { name: new RegExp(targets.collector.reference) })).toContainText('Financial');
  await expect(links.getByRole('row', { name: new RegExp(targets.collector.reference) })).toContainText('Confirmed');
  await expect(
    page.getByText('Picture of 3 members, 2 links and 1 shared identifiers', { exact: false }),
  ).toBeVisible();
  await expect(graph).toHaveAttribute('data-drawn', 'true');
  await checkpoint(page, 'networks-2-network-page');

  // Edit: the network is now known to be active.
  await page.getByRole('button', { name: 'Edit network' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit network' });
  await pick(edit, 'Status', /^Active$/);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();

  // The list, with the roll-up's figures (rolled up now rather than waiting for the worker's next one).
  await ok(request, tokens.coordinator, 'POST', `/api/operations/${operationId}/status/refresh`);
  await page.getByRole('link', { name: '← All networks' }).click();
  const row = page.getByTestId('networks-table').getByRole('row', { name: new RegExp(NETWORK) });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Also known as The Sabratha boys');
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText('Not disrupted', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row.getByRole('cell').nth(2)).toHaveText('3');
  await checkpoint(page, 'networks-3-list');
});

test('an investigator of a country outside the operation finds no such network', async ({ page, request }) => {
  const answer = await request.get(`/api/networks/${networkId}`, {
    headers: { Authorization: `Bearer ${tokens.tunisia}` },
  });
  expect(answer.status()).toBe(404);
  await page.goto('/sign-in');
  await signIn(page, people.tunisia.email, PASSWORD);
  await expect(page.getByRole('button', { name: /account menu/ })).toBeVisible();
  await page.goto(`/operations/${operationId}/networks/${networkId}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Not found' }).first()).toBeVisible();
  await expect(page.getByText(NETWORK)).toHaveCount(0);
  await checkpoint(page, 'networks-4-outside-investigator');
});
