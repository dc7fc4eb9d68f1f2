import { randomUUID } from 'node:crypto';
import { leadBody } from './fieldwork-fixture';
import { HOME, NEIGHBOUR, type Persona, type SecurityWorld } from './security-world';

/** One request, as a matrix entry builds it for a persona. */
export interface MatrixRequest {
  path: string;
  body?: unknown;
  /** Raw body with its content type (e.g. a CSV import). */
  raw?: { contentType: string; text: string };
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Replaces the persona's token (null: no token), for requests that end a session. */
  token?: string | null;
  /** A server-sent events stream: only the status is read, then the connection is closed. */
  stream?: boolean;
}

export interface MatrixEntry {
  /** Expected status per persona. */
  expect: Record<Persona, number>;
  /** A request that is valid for the persona that may make it, built fresh for each call. */
  request: (world: SecurityWorld, persona: Persona) => MatrixRequest | Promise<MatrixRequest>;
}

/** Expected statuses in the order of PERSONAS. */
const s = (
  anonymous: number,
  admin: number,
  coordinator: number,
  investigator: number,
  outsider: number,
  observer: number,
) => ({
  anonymous,
  admin,
  coordinator,
  investigator,
  outsider,
  observer,
});

/** Readers of operational data: coordinators, the participating investigator and the member observer. */
const READ = s(401, 403, 200, 200, 404, 200);
/** Coordinators only (the role check answers before any lookup). */
const COORDINATOR = (status: number) => s(401, 403, status, 403, 403, 403);
/** Coordinators and investigators of the owning country; the outsider does not see the record. */
const WORK = (status: number) => s(401, 403, status, status, 404, 403);
const ADMIN = (status: number) => s(401, status, 403, 403, 403, 403);
const AUDITORS = s(401, 200, 200, 403, 403, 403);
const ANYONE_SIGNED_IN = (status: number) => s(401, status, status, status, status, status);

const sessionToken = async (world: SecurityWorld, persona: Persona) =>
  (await world.freshSession(persona))?.token ?? null;

/** A ready export: Italy's investigator's for investigators, the coordinator's whole-operation file for the rest. */
const exportFor = (world: SecurityWorld, persona: Persona) =>
  persona === 'investigator' || persona === 'outsider' ? world.privateIds.exportId : world.coordinatorExportId;

const CSV_HEADER = 'nominating_reference,family_name,given_names,wanted_by_country,nominating_country';

/**
 * Every operation of the OpenAPI document, keyed `METHOD /path/{param}`, with the status each persona
 * must get. A new endpoint without an entry fails the authorization test: add it here.
 */
export const AUTHORIZATION_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/auth/login': {
    expect: s(200, 200, 200, 200, 200, 200),
    request: (world) => ({ path: '/api/auth/login', body: world.loginBody(), token: null }),
  },
  'POST /api/auth/logout': {
    expect: ANYONE_SIGNED_IN(204),
    request: async (world, persona) => ({ path: '/api/auth/logout', token: await sessionToken(world, persona) }),
  },
  'GET /api/me': { expect: ANYONE_SIGNED_IN(200), request: () => ({ path: '/api/me' }) },
  'POST /api/me/password': {
    expect: ANYONE_SIGNED_IN(204),
    request: async (world, persona) => ({
      path: '/api/me/password',
      token: await sessionToken(world, persona),
      body: { currentPassword: 'a long enough test passphrase', newPassword: `a fresh passphrase ${randomUUID()}` },
    }),
  },
  'POST /api/users': {
    expect: ADMIN(201),
    request: () => ({
      path: '/api/users',
      body: {
        email: `new-${randomUUID()}@dragnet.test`,
        displayName: 'New',
        password: 'a long enough new passphrase',
        role: 'observer',
      },
    }),
  },
  'GET /api/users': { expect: ADMIN(200), request: () => ({ path: '/api/users' }) },
  'POST /api/queue-dashboard/session': {
    expect: ADMIN(200),
    request: () => ({ path: '/api/queue-dashboard/session' }),
  },
  'DELETE /api/queue-dashboard/session': {
    expect: ADMIN(204),
    request: () => ({ path: '/api/queue-dashboard/session' }),
  },
  'GET /api/users/{id}': {
    expect: ADMIN(200),
    request: (world) => ({ path: `/api/users/${world.users.observer.id}` }),
  },
  'PATCH /api/users/{id}': {
    expect: ADMIN(200),
    request: (world) => ({ path: `/api/users/${world.users.observer.id}`, body: { displayName: 'Observer' } }),
  },

  'POST /api/operations': {
    expect: COORDINATOR(201),
    request: () => ({
      path: '/api/operations',
      body: { code: `NEW-${randomUUID().slice(0, 8)}`, name: 'New operation' },
    }),
  },
  'GET /api/operations': { expect: s(401, 403, 200, 200, 200, 200), request: () => ({ path: '/api/operations' }) },
  'GET /api/operations/{id}': { expect: READ, request: (world) => ({ path: `/api/operations/${world.operationId}` }) },
  'PATCH /api/operations/{id}': {
    expect: COORDINATOR(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}`, body: { description: 'Updated' } }),
  },
  'POST /api/operations/{id}/status': {
    expect: COORDINATOR(200),
    request: async (world) => ({
      path: `/api/operations/${await world.operation([], 'planning')}/status`,
      body: { status: 'nomination' },
    }),
  },
  'POST /api/operations/{id}/participants': {
    expect: COORDINATOR(201),
    request: async (world) => ({
      path: `/api/operations/${await world.operation([], 'planning')}/participants`,
      body: { country: 'ES', roles: ['transit'], ncbName: 'NCB Madrid', focalPointEmails: ['fp@es.example'] },
    }),
  },
  'GET /api/operations/{id}/participants': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/participants` }),
  },
  'PATCH /api/operations/{id}/participants/{country}': {
    expect: COORDINATOR(200),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/participants/${NEIGHBOUR}`,
      body: { ncbName: `NCB Athens` },
    }),
  },
  'DELETE /api/operations/{id}/participants/{country}': {
    expect: COORDINATOR(204),
    request: async (world) => ({
      path: `/api/operations/${await world.operation(['ES'], 'planning')}/participants/ES`,
    }),
  },
  'POST /api/operations/{id}/members': {
    expect: COORDINATOR(201),
    request: async (world) => ({
      path: `/api/operations/${world.operationId}/members`,
      body: { userId: (await world.freshUser()).id },
    }),
  },
  'GET /api/operations/{id}/members': {
    expect: COORDINATOR(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}/members` }),
  },
  'DELETE /api/operations/{id}/members/{userId}': {
    expect: COORDINATOR(204),
    request: async (world) => {
      const user = await world.freshUser();
      await world.call('post', `/api/operations/${world.operationId}/members`, { userId: user.id }, 201);
      return { path: `/api/operations/${world.operationId}/members/${user.id}` };
    },
  },
  'GET /api/operations/{id}/targets/duplicates': {
    expect: COORDINATOR(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}/targets/duplicates` }),
  },
  'POST /api/operations/{id}/targets/duplicates/dismiss': {
    expect: COORDINATOR(204),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/targets/duplicates/dismiss`,
      body: { targetId: world.targetId, otherId: world.otherTargetId },
    }),
  },
  'GET /api/targets/import-template.csv': {
    expect: s(401, 403, 200, 200, 200, 200),
    request: () => ({ path: '/api/targets/import-template.csv' }),
  },
  'POST /api/operations/{id}/targets/import': {
    expect: WORK(200),
    request: (world) => ({
      path: `/api/operations/${world.nominationOperationId}/targets/import`,
      raw: {
        contentType: 'text/csv',
        text: `${CSV_HEADER}\nIMP-${randomUUID().slice(0, 8)},Karim,Omar,${HOME},${HOME}\n`,
      },
    }),
  },
  'POST /api/operations/{id}/targets': {
    expect: WORK(201),
    request: (world) => ({
      path: `/api/operations/${world.nominationOperationId}/targets`,
      body: { familyName: 'Karim', wantedByCountry: HOME, nominatingCountry: HOME },
    }),
  },
  'GET /api/operations/{id}/targets': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/targets` }),
  },
  'GET /api/targets/{id}': { expect: READ, request: (world) => ({ path: `/api/targets/${world.targetId}` }) },
  'PATCH /api/targets/{id}': {
    expect: WORK(200),
    request: async (world) => ({
      // Investigators change their country's nominations while they are still nominations.
      path: `/api/targets/${await world.target('Saleh', 'nominated', world.nominationOperationId)}`,
      body: { networkName: 'Zuwara network', version: 1 },
    }),
  },
  'POST /api/targets/{id}/status': {
    expect: WORK(200),
    request: async (world) => ({
      path: `/api/targets/${await world.target('Saleh')}/status`,
      body: { status: 'located', country: HOME, note: 'Seen in Ancona' },
    }),
  },
  'GET /api/targets/{id}/history': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/history` }),
  },
  'POST /api/targets/{id}/merge': {
    expect: COORDINATOR(200),
    request: async (world) => ({
      path: `/api/targets/${await world.target('Saleh')}/merge`,
      body: { intoId: await world.target('Salih') },
    }),
  },
  'POST /api/targets/{id}/warrants': {
    expect: WORK(201),
    request: (world) => ({
      path: `/api/targets/${world.targetId}/warrants`,
      body: { issuingCountry: HOME, wantedFor: 'prosecution', reference: `W-${randomUUID().slice(0, 6)}` },
    }),
  },
  'GET /api/targets/{id}/warrants': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/warrants` }),
  },
  'PATCH /api/targets/{id}/warrants/{warrantId}': {
    expect: WORK(200),
    request: (world) => ({
      path: `/api/targets/${world.targetId}/warrants/${world.warrantId}`,
      body: { charge: 'Aggravated migrant smuggling' },
    }),
  },
  'DELETE /api/targets/{id}/warrants/{warrantId}': {
    expect: WORK(204),
    request: async (world) => ({
      path: `/api/targets/${world.targetId}/warrants/${await world.warrant(world.targetId)}`,
    }),
  },
  'POST /api/targets/{id}/requests': {
    expect: WORK(201),
    request: async (world, persona) => ({
      path: `/api/targets/${await world.target('Saleh')}/requests`,
      body: { type: 'blue', summary: 'Locate', ...(persona === 'coordinator' ? { requestingCountry: HOME } : {}) },
    }),
  },
  'GET /api/targets/{id}/requests': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/requests` }),
  },
  'GET /api/operations/{id}/requests': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/requests` }),
  },
  'GET /api/operations/{id}/requests/missing-red-notices': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/requests/missing-red-notices` }),
  },
  'GET /api/requests/{id}': { expect: READ, request: (world) => ({ path: `/api/requests/${world.requestId}` }) },
  'PATCH /api/requests/{id}': {
    expect: WORK(200),
    request: async (world) => ({
      path: `/api/requests/${await world.noticeRequest(await world.target('Saleh'), false)}`,
      body: { summary: 'Locate and report', version: 1 },
    }),
  },
  'POST /api/requests/{id}/transitions': {
    expect: WORK(200),
    request: async (world) => ({
      path: `/api/requests/${await world.noticeRequest(await world.target('Saleh'), false)}/transitions`,
      body: { to: 'submitted' },
    }),
  },
  'GET /api/requests/{id}/compliance': {
    expect: READ,
    request: (world) => ({ path: `/api/requests/${world.requestId}/compliance` }),
  },
  'GET /api/requests/{id}/history': {
    expect: READ,
    request: (world) => ({ path: `/api/requests/${world.requestId}/history` }),
  },
  'POST /api/targets/{id}/leads': {
    expect: WORK(201),
    request: (world, persona) => ({
      path: `/api/targets/${world.targetId}/leads`,
      headers: { 'Idempotency-Key': randomUUID() },
      body: leadBody({ country: HOME, ...(persona === 'coordinator' ? { reportingCountry: HOME } : {}) }),
    }),
  },
  'GET /api/targets/{id}/leads': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/leads` }),
  },
  'GET /api/operations/{id}/leads': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/leads` }),
  },
  'GET /api/leads/{id}': { expect: READ, request: (world) => ({ path: `/api/leads/${world.leadId}` }) },
  'POST /api/leads/{id}/transitions': {
    expect: COORDINATOR(200),
    request: async (world) => ({
      path: `/api/leads/${await world.lead()}/transitions`,
      body: { to: 'under_assessment' },
    }),
  },
  'GET /api/leads/{id}/history': { expect: READ, request: (world) => ({ path: `/api/leads/${world.leadId}/history` }) },
  'POST /api/operations/{id}/tasks': {
    expect: COORDINATOR(201),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/tasks`,
      body: { type: 'locate', title: 'Locate the subject', assignedCountry: HOME, targetId: world.targetId },
    }),
  },
  'GET /api/operations/{id}/tasks': {
    expect: s(401, 403, 200, 200, 404, 403),
    request: (world) => ({ path: `/api/operations/${world.operationId}/tasks` }),
  },
  'POST /api/operations/{id}/tasks/bulk': {
    expect: COORDINATOR(201),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/tasks/bulk`,
      body: { type: 'check_records', title: 'Check records', countries: [HOME], targetIds: [world.targetId] },
    }),
  },
  'POST /api/leads/{id}/tasks': {
    expect: COORDINATOR(201),
    request: async (world) => ({ path: `/api/leads/${await world.lead()}/tasks`, body: {} }),
  },
  'GET /api/operations/{id}/events': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/events`, stream: true }),
  },
  'GET /api/tasks/{id}': {
    expect: s(401, 403, 200, 200, 404, 403),
    request: (world) => ({ path: `/api/tasks/${world.taskId}` }),
  },
  'POST /api/tasks/{id}/transitions': {
    expect: WORK(200),
    request: async (world, persona) => ({
      path: `/api/tasks/${await world.task()}/transitions`,
      body: { to: persona === 'coordinator' ? 'cancelled' : 'acknowledged', note: 'Noted' },
    }),
  },
  'GET /api/tasks/{id}/history': {
    expect: s(401, 403, 200, 200, 404, 403),
    request: (world) => ({ path: `/api/tasks/${world.taskId}/history` }),
  },
  'GET /api/operations/{id}/status': {
    // Investigators get their country's figures, observer members the totals (the shape is tested in
    // operation-status.e2e-spec.ts); a non-participant does not see the operation.
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/status` }),
  },
  'GET /api/operations/{id}/status/history': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/status/history`, query: { limit: '10' } }),
  },
  'POST /api/operations/{id}/status/refresh': {
    expect: COORDINATOR(201),
    request: (world) => ({ path: `/api/operations/${world.operationId}/status/refresh` }),
  },
  'GET /api/operations/{id}/reminders': {
    expect: COORDINATOR(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}/reminders`, query: { status: 'failed' } }),
  },
  'POST /api/operations/{id}/exports': {
    // The world's operation lets investigators export their country's view (403 where it does not:
    // tested beside the matrix); observers and admins never export.
    expect: WORK(202),
    request: (world) => ({ path: `/api/operations/${world.operationId}/exports`, body: { format: 'json' } }),
  },
  'GET /api/operations/{id}/exports': {
    expect: WORK(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}/exports` }),
  },
  'GET /api/exports/{id}': {
    // Investigators see the exports they requested: Italy's own; the outsider is shown Italy's.
    expect: WORK(200),
    request: (world, persona) => ({ path: `/api/exports/${exportFor(world, persona)}` }),
  },
  'GET /api/exports/{id}/download': {
    expect: WORK(200),
    request: (world, persona) => ({ path: `/api/exports/${exportFor(world, persona)}/download` }),
  },
  'POST /api/operations/{id}/networks': {
    expect: COORDINATOR(201),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/networks`,
      body: { name: `Network ${randomUUID().slice(0, 8)}`, modiOperandi: ['hawala'] },
    }),
  },
  'GET /api/operations/{id}/networks': {
    expect: READ,
    request: (world) => ({ path: `/api/operations/${world.operationId}/networks` }),
  },
  'GET /api/networks/{id}': { expect: READ, request: (world) => ({ path: `/api/networks/${world.networkId}` }) },
  'PATCH /api/networks/{id}': {
    expect: COORDINATOR(200),
    request: async (world) => ({
      path: `/api/networks/${await world.network()}`,
      body: { status: 'active', transitCountries: ['LY'], version: 1 },
    }),
  },
  'POST /api/networks/{id}/members': {
    expect: COORDINATOR(201),
    request: async (world) => ({
      path: `/api/networks/${await world.network()}/members`,
      body: { targetId: world.targetId, role: 'leader', sourceLeadId: world.leadId },
    }),
  },
  'GET /api/networks/{id}/members': {
    expect: READ,
    request: (world) => ({ path: `/api/networks/${world.networkId}/members` }),
  },
  'DELETE /api/networks/{id}/members/{memberId}': {
    expect: COORDINATOR(204),
    request: async (world) => ({
      path: `/api/networks/${world.networkId}/members/${await world.member(world.networkId, await world.target('Saleh'))}`,
    }),
  },
  'GET /api/networks/{id}/graph': {
    expect: READ,
    request: (world) => ({ path: `/api/networks/${world.networkId}/graph` }),
  },
  'POST /api/targets/{id}/identifiers': {
    expect: WORK(201),
    request: (world) => ({
      path: `/api/targets/${world.targetId}/identifiers`,
      body: { kind: 'online_handle', value: `@h${randomUUID().slice(0, 12)}` },
    }),
  },
  'GET /api/targets/{id}/identifiers': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/identifiers` }),
  },
  'POST /api/leads/{id}/identifiers': {
    expect: WORK(201),
    request: (world) => ({
      path: `/api/leads/${world.leadId}/identifiers`,
      body: { kind: 'money_transfer_account', value: `LY${randomUUID().slice(0, 12)}` },
    }),
  },
  'POST /api/targets/{id}/links': {
    expect: WORK(201),
    request: async (world) => ({
      path: `/api/targets/${world.targetId}/links`,
      body: {
        otherTargetId: await world.target('Salih'),
        type: 'co_offender',
        sourceReliability: 'B',
        informationAssessment: 2,
      },
    }),
  },
  'GET /api/targets/{id}/links': {
    expect: READ,
    request: (world) => ({ path: `/api/targets/${world.targetId}/links` }),
  },
  'POST /api/links/{id}/decision': {
    expect: COORDINATOR(200),
    request: async (world) => ({
      path: `/api/links/${await world.link(world.targetId, await world.target('Salih'))}/decision`,
      body: { status: 'confirmed' },
    }),
  },
  'GET /api/operations/{id}/links/proposals': {
    expect: COORDINATOR(200),
    request: (world) => ({ path: `/api/operations/${world.operationId}/links/proposals` }),
  },
  'POST /api/operations/{id}/links/proposals/dismiss': {
    expect: COORDINATOR(204),
    request: (world) => ({
      path: `/api/operations/${world.operationId}/links/proposals/dismiss`,
      body: { targetId: world.targetId, otherId: world.otherTargetId },
    }),
  },
  'GET /api/health': { expect: s(200, 200, 200, 200, 200, 200), request: () => ({ path: '/api/health' }) },
  'GET /api/audit': { expect: AUDITORS, request: () => ({ path: '/api/audit' }) },
  'GET /api/audit/export.csv': {
    expect: AUDITORS,
    request: () => ({ path: '/api/audit/export.csv', query: { action: 'user.create' } }),
  },
  'GET /api/audit/verify': { expect: AUDITORS, request: () => ({ path: '/api/audit/verify' }) },
};
