import { randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { leadBody } from './fieldwork-fixture';
import type { OpenApiDocument } from './openapi-arbitraries';
import { bearer, TEST_PASSWORD, TestDragnet, TestUser } from './test-dragnet';

/** Who calls: each role, and an investigator of a participating and of a non-participating country. */
export const PERSONAS = ['anonymous', 'admin', 'coordinator', 'investigator', 'outsider', 'observer'] as const;
export type Persona = (typeof PERSONAS)[number];

/** The country whose records the world holds; the outsider's country does not take part. */
export const HOME = 'IT';
export const NEIGHBOUR = 'GR';
export const OUTSIDE = 'FR';

/**
 * An operation and its records, made through the API, for the security tests: the operation is active
 * (leads and tasks), a second one takes nominations; targets, a lead, a task, a warrant and a notice
 * request belong to Italy. Helpers make fresh records for requests that consume one.
 */
export class SecurityWorld {
  users = {} as Record<Exclude<Persona, 'anonymous'>, TestUser> & { neighbour: TestUser };
  operationId = '';
  nominationOperationId = '';
  targetId = '';
  otherTargetId = '';
  leadId = '';
  taskId = '';
  warrantId = '';
  requestId = '';
  observerMemberId = '';
  /** A network of the active operation whose member is Italy's accepted target. */
  networkId = '';
  memberId = '';
  /** A link proposed by Italy between two of its accepted targets. */
  linkId = '';
  /** Results files of the active operation, built and ready: the whole operation's (a coordinator's). */
  coordinatorExportId = '';

  /**
   * Italy's records no other country may see: the ids the object-level test replays. The export is
   * Italy's investigator's view of the shared operation: Greece takes part in it and still may not see it.
   */
  privateIds = {
    operationId: '',
    targetId: '',
    leadId: '',
    taskId: '',
    requestId: '',
    warrantId: '',
    exportId: '',
    networkId: '',
    memberId: '',
    linkId: '',
  };

  constructor(readonly dragnet: TestDragnet) {}

  static async build(dragnet: TestDragnet): Promise<SecurityWorld> {
    const world = new SecurityWorld(dragnet);
    await world.setUp();
    return world;
  }

  token(persona: Persona): string | null {
    return persona === 'anonymous' ? null : this.users[persona].token;
  }

  private get coordinator(): TestUser {
    return this.users.coordinator;
  }

  private async setUp(): Promise<void> {
    const { dragnet } = this;
    this.users.admin = await dragnet.user(Role.Admin);
    this.users.coordinator = await dragnet.user(Role.Coordinator);
    this.users.investigator = await dragnet.user(Role.Investigator, HOME);
    this.users.outsider = await dragnet.user(Role.Investigator, OUTSIDE);
    this.users.observer = await dragnet.user(Role.Observer);
    this.users.neighbour = await dragnet.user(Role.Investigator, NEIGHBOUR);

    this.operationId = await this.operation([HOME, NEIGHBOUR], 'active');
    await this.call('post', `/api/operations/${this.operationId}/members`, { userId: this.users.observer.id }, 201);
    this.nominationOperationId = await this.operation([HOME, NEIGHBOUR], 'nomination');
    this.targetId = await this.target();
    this.otherTargetId = await this.target('Al Masry');
    this.leadId = await this.lead();
    this.taskId = await this.task();
    this.warrantId = await this.warrant(this.targetId);
    this.requestId = await this.noticeRequest(this.targetId, true);

    // Italy's own: an operation without the neighbour, a nominated target, an H2 lead, a task, a draft.
    this.privateIds.operationId = await this.operation([HOME], 'active');
    this.privateIds.targetId = await this.target('Haddad', 'nominated');
    const shared = await this.target('Nasser');
    this.privateIds.leadId = await this.lead(shared, { handlingCode: 'H2', country: HOME });
    this.privateIds.taskId = await this.task();
    this.privateIds.requestId = await this.noticeRequest(shared, false);
    this.privateIds.warrantId = await this.warrant(this.privateIds.targetId);

    this.networkId = await this.network();
    this.memberId = await this.member(this.networkId, this.targetId);
    this.linkId = await this.link(this.targetId, this.otherTargetId);
    // Italy's own network: in the operation Greece does not take part in.
    const italianTarget = await this.target('Haddad', 'accepted', this.privateIds.operationId);
    this.privateIds.networkId = await this.network(this.privateIds.operationId);
    this.privateIds.memberId = await this.member(this.privateIds.networkId, italianTarget);
    this.privateIds.linkId = await this.link(
      italianTarget,
      await this.target('Nasser', 'accepted', this.privateIds.operationId),
    );

    // The active operation lets investigators export their country's view; the worker builds both files.
    await this.call('patch', `/api/operations/${this.operationId}`, { investigatorExportsAllowed: true }, 200);
    this.coordinatorExportId = await this.resultsExport(this.coordinator);
    this.privateIds.exportId = await this.resultsExport(this.users.investigator);
    await this.buildExports([this.coordinatorExportId, this.privateIds.exportId]);
  }

  /** Requests a CSV results export of the active operation (queued until a worker builds it). */
  async resultsExport(user: TestUser): Promise<string> {
    const created = await this.call(
      'post',
      `/api/operations/${this.operationId}/exports`,
      { format: 'csv' },
      202,
      user,
    );
    return created.id as string;
  }

  /**
   * Runs a worker until the exports are ready, then stops it: the security tests compare database
   * checksums around each request, so nothing may keep writing in the background.
   */
  private async buildExports(ids: string[]): Promise<void> {
    await this.dragnet.startWorker();
    try {
      for (let attempt = 0; ; attempt++) {
        const rows: { status: string }[] = await this.dragnet.dataSource.query(
          `SELECT status FROM exports WHERE id = ANY($1)`,
          [ids],
        );
        if (rows.length === ids.length && rows.every((row) => row.status === 'ready')) return;
        if (rows.some((row) => row.status === 'failed') || attempt >= 600)
          throw new Error(`exports not built: ${JSON.stringify(rows)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await this.dragnet.stopWorkers();
    }
  }

  async call(
    method: 'post' | 'patch' | 'get',
    path: string,
    body: object | undefined,
    status: number,
    user?: TestUser,
  ) {
    const pending = this.dragnet.http[method](path).set(bearer(user ?? this.coordinator));
    const answer = await (body ? pending.send(body) : pending);
    if (answer.status !== status)
      throw new Error(`${method.toUpperCase()} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  async operation(countries: string[], status: string): Promise<string> {
    const created = await this.call(
      'post',
      '/api/operations',
      { code: `SEC-${randomUUID().slice(0, 8)}`, name: 'Security world' },
      201,
    );
    for (const country of countries)
      await this.call(
        'post',
        `/api/operations/${created.id}/participants`,
        {
          country,
          roles: ['destination'],
          ncbName: `NCB ${country}`,
          focalPointEmails: [`fp@${country.toLowerCase()}.example`],
        },
        201,
      );
    const workflow = ['planning', 'nomination', 'active'];
    for (const next of workflow.slice(1, workflow.indexOf(status) + 1))
      await this.call('post', `/api/operations/${created.id}/status`, { status: next }, 200);
    return created.id as string;
  }

  /** A target wanted and nominated by Italy, accepted unless told otherwise. */
  async target(familyName = 'Al Masri', status = 'accepted', operationId = this.operationId): Promise<string> {
    const created = await this.call(
      'post',
      `/api/operations/${operationId}/targets`,
      { familyName, givenNames: 'Mohammed', wantedByCountry: HOME, nominatingCountry: HOME, birthYear: 1979 },
      201,
    );
    if (status !== 'nominated') await this.call('post', `/api/targets/${created.id}/status`, { status }, 200);
    return created.id as string;
  }

  async lead(targetId = this.targetId, overrides: object = {}): Promise<string> {
    const answer = await this.dragnet.http
      .post(`/api/targets/${targetId}/leads`)
      .set(bearer(this.users.investigator))
      .set('Idempotency-Key', randomUUID())
      .send(leadBody({ country: HOME, ...overrides }));
    if (answer.status !== 201) throw new Error(`lead: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.id as string;
  }

  async task(): Promise<string> {
    const created = await this.call(
      'post',
      `/api/operations/${this.operationId}/tasks`,
      { type: 'check_records', title: 'Check national records', assignedCountry: HOME, targetId: this.targetId },
      201,
    );
    return created.id as string;
  }

  async warrant(targetId: string): Promise<string> {
    const created = await this.call(
      'post',
      `/api/targets/${targetId}/warrants`,
      {
        issuingCountry: HOME,
        wantedFor: 'prosecution',
        reference: `W-${randomUUID().slice(0, 6)}`,
        maximumPenaltyMonths: 120,
      },
      201,
    );
    return created.id as string;
  }

  /** A blue notice request of Italy, submitted (shared) or left a draft. */
  async noticeRequest(targetId: string, submitted: boolean): Promise<string> {
    const created = await this.call(
      'post',
      `/api/targets/${targetId}/requests`,
      { type: 'blue', summary: 'Locate the subject' },
      201,
      this.users.investigator,
    );
    if (submitted)
      await this.call(
        'post',
        `/api/requests/${created.id}/transitions`,
        { to: 'submitted' },
        200,
        this.users.investigator,
      );
    return created.id as string;
  }

  async network(operationId = this.operationId): Promise<string> {
    const created = await this.call(
      'post',
      `/api/operations/${operationId}/networks`,
      { name: `Network ${randomUUID().slice(0, 8)}`, modiOperandi: ['sea_crossing'] },
      201,
    );
    return created.id as string;
  }

  async member(networkId: string, targetId: string): Promise<string> {
    const created = await this.call(
      'post',
      `/api/networks/${networkId}/members`,
      { targetId, role: 'organiser', sourceNote: 'Case file' },
      201,
    );
    return created.id as string;
  }

  /** A link between two targets, proposed by Italy's investigator (or added by a coordinator where Italy cannot). */
  async link(targetId: string, otherTargetId: string): Promise<string> {
    const created = await this.call(
      'post',
      `/api/targets/${targetId}/links`,
      { otherTargetId, type: 'associate', sourceReliability: 'B', informationAssessment: 2 },
      201,
      this.users.investigator,
    );
    return created.id as string;
  }

  /** A new user with a persona's role and country, signed in: for requests that end a session. */
  async freshSession(persona: Persona): Promise<TestUser | null> {
    if (persona === 'anonymous') return null;
    const model = this.users[persona];
    return this.dragnet.user(model.role, model.country);
  }

  async freshUser(): Promise<TestUser> {
    return this.dragnet.user(Role.Observer);
  }

  loginBody() {
    return { email: this.users.observer.email, password: TEST_PASSWORD };
  }
}

/** What the security suites run against; requests go to the second API process, as across replicas. */
export interface SecuritySetup {
  dragnet: TestDragnet;
  world: SecurityWorld;
  baseUrl: string;
  document: OpenApiDocument;
}

export async function startSecurityWorld(): Promise<SecuritySetup> {
  // Thousands of requests log in and fail to: the login limits are not what these suites test.
  const dragnet = await TestDragnet.start({
    LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '100000',
    LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '1000000',
  });
  try {
    const baseUrl = await dragnet.startAnotherApi();
    const world = await SecurityWorld.build(dragnet);
    const document = (await dragnet.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    return { dragnet, world, baseUrl, document };
  } catch (error) {
    await dragnet.close();
    throw error;
  }
}
