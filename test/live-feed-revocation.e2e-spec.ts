import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { FeedReader } from './support/feed-reader';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { bearer, TEST_PASSWORD, TestDragnet, TestUser } from './support/test-dragnet';

/** A revoked or expired token ends an open stream within a few seconds (checks every 2 s). */
const ENDS_WITHIN_MS = 8_000;

async function endOf(reader: FeedReader): Promise<void> {
  let timeout: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      reader.ended,
      new Promise(
        (_, reject) => (timeout = setTimeout(() => reject(new Error('the stream did not end')), ENDS_WITHIN_MS)),
      ),
    ]);
  } finally {
    clearTimeout(timeout);
  }
}

describe('Live feed obeys revocation (logout, deactivation, password, role, country, expiry)', () => {
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let admin: TestUser;
  let reporter: TestUser;
  let feedApi: string;
  let operationId: string;
  let targetId: string;
  const readers: FeedReader[] = [];

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, admin, reporter] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Admin),
      dragnet.user(Role.Investigator, 'IT'),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR']);
    targetId = await fixture.target(operationId, 'IT');
    await fixture.advance(operationId, 'active');
    // Streams are read from a second API process; revocations go through the first.
    feedApi = await dragnet.startAnotherApi();
  });
  // Each test's streams end with it, so one that failed cannot read a later test's leads.
  afterEach(() => readers.splice(0).forEach((reader) => reader.close()));
  afterAll(async () => {
    await dragnet.close();
  });

  const open = async (user: { token: string }) => {
    const reader = await FeedReader.open(`${feedApi}/api/operations/${operationId}/events`, user);
    readers.push(reader);
    expect(reader.status).toBe(200);
    return reader;
  };

  /** An Italian investigator with an open stream that has already shown one lead. */
  async function watchingInvestigator(): Promise<{ user: TestUser; reader: FeedReader }> {
    const user = await dragnet.user(Role.Investigator, 'IT');
    const reader = await open(user);
    const before = await fixture.lead(reporter, targetId, { country: 'IT', narrative: 'Before the cut' });
    // A busy machine can take a while to carry the first event; the cut itself is what is measured.
    await reader.waitFor((event) => event.data.data.id === before, 40_000);
    return { user, reader };
  }

  /** After the cut: a lead the user could have seen is reported, and the stream ends without it. */
  async function expectCut(user: TestUser, reader: FeedReader, reason: RegExp): Promise<void> {
    const after = await fixture.lead(reporter, targetId, { country: 'IT', narrative: 'After the cut' });
    await endOf(reader);
    expect(reader.events.filter((event) => event.data.data.id === after)).toEqual([]);
    const last = reader.events[reader.events.length - 1];
    expect(last.event).toBe('feed.ended');
    expect(last.data.data.reason).toMatch(reason);
    // Nor was it read on the user's behalf.
    const shown = await dragnet.dataSource.query(
      `SELECT 1 FROM audit_entries WHERE action = 'lead.read' AND entity_id = $1 AND actor_id = $2`,
      [after, user.id],
    );
    expect(shown).toEqual([]);
  }

  it('ends the stream at logout, before any later event', async () => {
    const { user, reader } = await watchingInvestigator();
    await dragnet.http.post('/api/auth/logout').set(bearer(user)).expect(204);
    await expectCut(user, reader, /no longer valid/);
  });

  it('ends the stream when an admin deactivates the user', async () => {
    const { user, reader } = await watchingInvestigator();
    await dragnet.http.patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    await expectCut(user, reader, /no longer valid/);
  });

  it('ends the stream when the user changes their password', async () => {
    const { user, reader } = await watchingInvestigator();
    await dragnet.http
      .post('/api/me/password')
      .set(bearer(user))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a different long passphrase 42' })
      .expect(204);
    await expectCut(user, reader, /no longer valid/);
  });

  it('ends the stream when the role changes', async () => {
    const { user, reader } = await watchingInvestigator();
    await dragnet.http
      .patch(`/api/users/${user.id}`)
      .set(bearer(admin))
      .send({ role: 'observer', country: null })
      .expect(200);
    await expectCut(user, reader, /no longer valid/);
  });

  it('ends the stream when the country changes', async () => {
    const { user, reader } = await watchingInvestigator();
    await dragnet.http.patch(`/api/users/${user.id}`).set(bearer(admin)).send({ country: 'GR' }).expect(200);
    await expectCut(user, reader, /no longer valid/);
  });

  it('ends an idle stream within a few seconds when the change was made directly in the database', async () => {
    // No session-change message on the bus: the periodic check must catch it on its own.
    const { user, reader } = await watchingInvestigator();
    await dragnet.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
    await endOf(reader);
    expect(reader.events[reader.events.length - 1].event).toBe('feed.ended');
  });

  it('ends the stream when its token expires', async () => {
    const user = await dragnet.user(Role.Investigator, 'IT');
    const [row] = await dragnet.dataSource.query(`SELECT token_generation FROM users WHERE id = $1`, [user.id]);
    // A token of three seconds, signed by the API's own key, as login would sign a short-lived one.
    const token = await dragnet.app
      .get(JwtService)
      .signAsync({ sub: user.id, role: user.role, gen: row.token_generation, jti: randomUUID() }, { expiresIn: 3 });
    const reader = await open({ token });
    await endOf(reader);
    const last = reader.events[reader.events.length - 1];
    expect(last.event).toBe('feed.ended');
    expect(last.data.data.reason).toMatch(/expired/);
  });
});
