import { randomUUID } from 'node:crypto';
import { Role } from '@dragnet/domain';
import { ConfigError, JobName, LiveEventBus, QueueName, type LiveEvent } from '@dragnet/platform';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { TestDragnet } from './support/test-dragnet';

/** Two deployments on one Redis, each with its own database and the default (derived) namespace. */
describe('Deployments sharing a Redis', () => {
  let first: TestDragnet;
  let second: TestDragnet;

  beforeAll(async () => {
    // An empty QUEUE_PREFIX is unset: each derives its namespace from its DATABASE_URL.
    [first, second] = await Promise.all([
      TestDragnet.start({ QUEUE_PREFIX: '' }),
      TestDragnet.start({ QUEUE_PREFIX: '' }),
    ]);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('derive different namespaces from their databases', () => {
    expect(first.config.REDIS_URL).toBe(second.config.REDIS_URL);
    expect(first.config.queuePrefix).toMatch(/^\{dragnet-[A-Za-z0-9_-]+-[0-9a-f]{8}\}$/);
    expect(first.config.queuePrefix).not.toBe(second.config.queuePrefix);
  });

  it('never hear each other’s live events', async () => {
    const heard = (dragnet: TestDragnet) => {
      const events: LiveEvent[] = [];
      const subscription = dragnet.app
        .get(LiveEventBus)
        .all()
        .subscribe((event) => events.push(event));
      return { events, stop: () => subscription.unsubscribe() };
    };
    const inFirst = heard(first);
    const inSecond = heard(second);
    try {
      // Let both subscriptions reach Redis before anything is published.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const coordinator = await first.user(Role.Coordinator);
      const fixture = new FieldworkFixture(first, coordinator);
      const operationId = await fixture.operation(['IT']);
      const targetId = await fixture.target(operationId, 'IT');
      await fixture.advance(operationId, 'active');
      await fixture.lead(await first.user(Role.Investigator, 'IT'), targetId, { country: 'IT' });
      const deadline = Date.now() + 10_000;
      while (!inFirst.events.some((event) => event.type === 'lead.created') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(inFirst.events.map((event) => event.type)).toContain('lead.created');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(inSecond.events).toEqual([]);
    } finally {
      inFirst.stop();
      inSecond.stop();
    }
  });

  it('refuses to boot a deployment whose explicit QUEUE_PREFIX another database already uses', async () => {
    const refused = TestDragnet.start({ QUEUE_PREFIX: first.config.queuePrefix });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(
      /QUEUE_PREFIX .* is already used on this Redis by the deployment of database/,
    );
  });

  it('ends a roll-up for an operation it does not have at once, without retries', async () => {
    await first.startWorker();
    const queue = first.producer.queue(QueueName.Housekeeping);
    const job = await queue.add(JobName.OperationStatusRollup, { operationId: randomUUID() }, { attempts: 5 });
    const deadline = Date.now() + 20_000;
    let state = await job.getState();
    while (state !== 'completed' && state !== 'failed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await job.getState();
    }
    const finished = await queue.getJob(job.id!);
    expect(state).toBe('completed');
    // One attempt, the one that ended it.
    expect(finished?.attemptsMade).toBe(1);
    expect(finished?.returnvalue).toEqual({ skipped: expect.stringMatching(/does not exist/) });
  });
});
