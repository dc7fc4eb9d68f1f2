import { randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { BuiltDragnet } from './support/built-dragnet';
import { FieldworkFixture, leadBody } from './support/fieldwork-fixture';
import { FeedReader } from './support/feed-reader';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

describe('Live feed of an operation (server-sent events across API processes)', () => {
  const built = new BuiltDragnet();
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let spanish: TestUser;
  let secondApi: string;
  let operationId: string;
  let targetId: string;
  const readers: FeedReader[] = [];

  const feed = async (user: TestUser, id = operationId) => {
    const reader = await FeedReader.open(`${secondApi}/api/operations/${id}/events`, user);
    readers.push(reader);
    return reader;
  };
  const report = (user: TestUser, body: object) =>
    dragnet.http
      .post(`/api/targets/${targetId}/leads`)
      .set(bearer(user))
      .set('Idempotency-Key', randomUUID())
      .send(body)
      .expect(201);

  beforeAll(async () => {
    // The second API runs from compiled code, as a process of its own.
    await built.build(['api']);
    dragnet = await TestDragnet.start();
    [coordinator, italian, greek, spanish] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'ES'),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR', 'ES']);
    targetId = await fixture.target(operationId, 'IT');
    await fixture.advance(operationId, 'active');
    // The feed is read from a second API process (an OS process); changes are made through the first.
    secondApi = await dragnet.startApiProcess(built);
  }, 300_000);
  afterAll(async () => {
    readers.forEach((reader) => reader.close());
    await dragnet?.close();
    await built.remove();
  });

  it('answers 404 for an operation the caller may not see, before any stream starts', async () => {
    const outsider = await dragnet.user(Role.Investigator, 'FR');
    expect((await feed(outsider)).status).toBe(404);
    expect((await feed(coordinator, randomUUID())).status).toBe(404);
  });

  it('sends a new lead, created through another API process, to those who may see it', async () => {
    const [coordinatorFeed, italianFeed, spanishFeed] = await Promise.all([
      feed(coordinator),
      feed(italian),
      feed(spanish),
    ]);
    const lead = await report(greek, leadBody({ country: 'GR', narrative: 'Seen at the port of Patras' }));
    const forCoordinator = await coordinatorFeed.waitFor(
      (event) => event.event === 'lead.created' && event.data.data.id === lead.body.id,
    );
    expect(forCoordinator.data.data.narrative).toBe('Seen at the port of Patras');
    // Italy wants the target, so it sees the H1 lead; Spain neither reported it, hosts it, nor wants the target.
    await italianFeed.waitFor((event) => event.data.data.id === lead.body.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(spanishFeed.events.filter((event) => event.data.data.id === lead.body.id)).toHaveLength(0);
    // What the feed showed is audited as a read (before it is sent), once per reader it reached.
    const shownTo: { actor_id: string }[] = await dragnet.dataSource.query(
      `SELECT actor_id FROM audit_entries
        WHERE action = 'lead.read' AND entity_id = $1 AND after = '{"via": "live-feed"}'::jsonb`,
      [lead.body.id],
    );
    expect(shownTo.map((row) => row.actor_id).sort()).toEqual([coordinator.id, italian.id].sort());
  });

  it('keeps H2 and H3 leads to the reporting country and coordinators', async () => {
    const [coordinatorFeed, italianFeed, greekFeed] = await Promise.all([
      feed(coordinator),
      feed(italian),
      feed(greek),
    ]);
    const lead = await report(greek, leadBody({ handlingCode: 'H2' }));
    await coordinatorFeed.waitFor((event) => event.data.data.id === lead.body.id);
    await greekFeed.waitFor((event) => event.data.data.id === lead.body.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(italianFeed.events.filter((event) => event.data.data.id === lead.body.id)).toHaveLength(0);
  });

  it('sends lead and target status changes as they happen', async () => {
    const coordinatorFeed = await feed(coordinator);
    const lead = await report(italian, leadBody({ country: 'IT' }));
    await dragnet.http
      .post(`/api/leads/${lead.body.id}/transitions`)
      .set(bearer(coordinator))
      .send({ to: 'under_assessment' })
      .expect(200);
    const moved = await coordinatorFeed.waitFor(
      (event) => event.event === 'lead.status' && event.data.data.id === lead.body.id,
    );
    expect(moved.data.data.status).toBe('under_assessment');
    await dragnet.http
      .post(`/api/targets/${targetId}/status`)
      .set(bearer(coordinator))
      .send({ status: 'located', country: 'GR' })
      .expect(200);
    const located = await coordinatorFeed.waitFor((event) => event.event === 'target.status');
    expect(located.data.data).toMatchObject({ id: targetId, status: 'located' });
  });

  it("sends a task to its country's investigators only", async () => {
    const [greekFeed, spanishFeed] = await Promise.all([feed(greek), feed(spanish)]);
    const task = await dragnet.http
      .post(`/api/operations/${operationId}/tasks`)
      .set(bearer(coordinator))
      .send({ assignedCountry: 'GR', type: 'locate', title: 'Check the Patras address', targetId })
      .expect(201);
    await greekFeed.waitFor((event) => event.event === 'task.created' && event.data.data.id === task.body.id);
    await dragnet.http
      .post(`/api/tasks/${task.body.id}/transitions`)
      .set(bearer(greek))
      .send({ to: 'acknowledged' })
      .expect(200);
    await greekFeed.waitFor((event) => event.event === 'task.status' && event.data.data.status === 'acknowledged');
    expect(spanishFeed.events.filter((event) => event.data.data.id === task.body.id)).toHaveLength(0);
  });
});
