import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role } from '@dragnet/domain';
import { BuiltDragnet } from './support/built-dragnet';
import { bearer, TEST_PASSWORD, TestDragnet, TestUser } from './support/test-dragnet';

describe('Authentication hardening', () => {
  const built = new BuiltDragnet();
  let dragnet: TestDragnet;
  let otherApi: string;
  let admin: TestUser;

  beforeAll(async () => {
    // The second API runs from compiled code, as a process of its own.
    await built.build(['api']);
    dragnet = await TestDragnet.start({
      LOGIN_MAX_ATTEMPTS_PER_ACCOUNT: '4',
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '40',
      LOGIN_RATE_WINDOW_SECONDS: '120',
    });
    otherApi = await dragnet.startApiProcess(built);
    admin = await dragnet.user(Role.Admin);
  }, 300_000);
  afterAll(async () => {
    await dragnet?.close();
    await built.remove();
  });

  const login = (api: 'first' | 'second', email: string, password: string) =>
    (api === 'first' ? dragnet.http : request(otherApi)).post('/api/auth/login').send({ email, password });

  describe('login rate limits', () => {
    it('counts attempts per account across API processes and answers 429 with Retry-After, even for the right password', async () => {
      const victim = await dragnet.user(Role.Coordinator);
      const statuses: number[] = [];
      for (const api of ['first', 'second', 'first', 'second'] as const)
        statuses.push((await login(api, victim.email, 'a wrong guess of a password')).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      const blocked = await login('second', victim.email.toUpperCase(), TEST_PASSWORD).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(120);
      expect(blocked.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: expect.stringMatching(/^Too many login attempts; try again in \d+ seconds$/),
        requestId: expect.any(String),
      });
      await login('first', victim.email, TEST_PASSWORD).expect(429);
    });

    it('treats an address without an account exactly like one with an account', async () => {
      const unknown = `nobody-${randomUUID()}@dragnet.test`;
      const answers = [];
      for (let attempt = 0; attempt < 5; attempt++)
        answers.push(await login('first', unknown, 'a wrong guess of a password'));
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 429]);
      expect(answers[4].body.message).toMatch(/^Too many login attempts/);
    });

    it('clears the account count on a successful login', async () => {
      const user = await dragnet.user(Role.Observer);
      for (let attempt = 0; attempt < 3; attempt++)
        await login('first', user.email, 'a wrong guess of a password').expect(401);
      await login('second', user.email, TEST_PASSWORD).expect(200);
      for (let attempt = 0; attempt < 3; attempt++)
        await login('first', user.email, 'a wrong guess of a password').expect(401);
      await login('first', user.email, TEST_PASSWORD).expect(200);
    });

    it('limits attempts per client address across accounts', async () => {
      const limited = await TestDragnet.start({ LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '3', LOGIN_RATE_WINDOW_SECONDS: '60' });
      try {
        const second = request(await limited.startApiProcess(built));
        const tries = [limited.http, second, limited.http].map((http, index) =>
          http
            .post('/api/auth/login')
            .send({ email: `guess${index}@dragnet.test`, password: 'a wrong guess of a password' }),
        );
        for (const attempt of tries) await attempt.expect(401);
        const refused = await second
          .post('/api/auth/login')
          .send({ email: 'yet-another@dragnet.test', password: 'a wrong guess of a password' })
          .expect(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      } finally {
        await limited.close();
      }
      // It starts an API process of its own.
    }, 180_000);
  });

  describe('token revocation', () => {
    it('logout revokes the presented token on every process, and only that token', async () => {
      const user = await dragnet.user(Role.Coordinator);
      const second = (await login('second', user.email, TEST_PASSWORD).expect(200)).body.accessToken as string;
      await dragnet.http.post('/api/auth/logout').set(bearer(user)).expect(204);
      await dragnet.http.get('/api/me').set(bearer(user)).expect(401);
      await request(otherApi).get('/api/me').set(bearer(user)).expect(401);
      await request(otherApi)
        .get('/api/me')
        .set(bearer({ token: second }))
        .expect(200);
      const [audit] = await dragnet.dataSource.query(
        `SELECT action, actor_id FROM audit_entries WHERE action = 'user.logout'`,
      );
      expect(audit).toEqual({ action: 'user.logout', actor_id: user.id });
    });

    it('a password change revokes every earlier token; the new password works and the old does not', async () => {
      const user = await dragnet.user(Role.Observer);
      const other = (await login('second', user.email, TEST_PASSWORD).expect(200)).body.accessToken as string;
      const wrong = await dragnet.http
        .post('/api/me/password')
        .set(bearer(user))
        .send({ currentPassword: 'not my password at all', newPassword: 'a brand new passphrase' })
        .expect(400);
      expect(wrong.body.details).toEqual([
        { field: 'currentPassword', message: 'currentPassword is not your current password' },
      ]);
      const weak = await dragnet.http
        .post('/api/me/password')
        .set(bearer(user))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'Password12345678' })
        .expect(400);
      expect(weak.body.details).toEqual([{ field: 'newPassword', message: 'newPassword is too common' }]);
      await dragnet.http.get('/api/me').set(bearer(user)).expect(200);

      await dragnet.http
        .post('/api/me/password')
        .set(bearer(user))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
        .expect(204);
      await dragnet.http.get('/api/me').set(bearer(user)).expect(401);
      await request(otherApi)
        .get('/api/me')
        .set(bearer({ token: other }))
        .expect(401);
      await login('first', user.email, TEST_PASSWORD).expect(401);
      const fresh = await login('first', user.email, 'a brand new passphrase').expect(200);
      await dragnet.http
        .get('/api/me')
        .set(bearer({ token: fresh.body.accessToken }))
        .expect(200);
    });

    it('an admin resetting a password or deactivating an account ends its sessions', async () => {
      const user = await dragnet.user(Role.Observer);
      await dragnet.http
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin))
        .send({ password: 'an admin chosen passphrase' })
        .expect(200);
      await dragnet.http.get('/api/me').set(bearer(user)).expect(401);
      const again = await login('first', user.email, 'an admin chosen passphrase').expect(200);
      await dragnet.http.patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      await dragnet.http.patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: true }).expect(200);
      await dragnet.http
        .get('/api/me')
        .set(bearer({ token: again.body.accessToken }))
        .expect(401);
    });

    it('rejects an expired token and one without a token id or generation', async () => {
      const user = await dragnet.user(Role.Observer);
      const jwt = dragnet.app.get(JwtService);
      const expired = await jwt.signAsync(
        { sub: user.id, role: user.role, gen: 0, jti: randomUUID() },
        { expiresIn: -10 },
      );
      const answer = await dragnet.http
        .get('/api/me')
        .set(bearer({ token: expired }))
        .expect(401);
      expect(answer.body.message).toBe('Invalid or expired token');
      const legacy = await jwt.signAsync({ sub: user.id, role: user.role });
      await dragnet.http
        .get('/api/me')
        .set(bearer({ token: legacy }))
        .expect(401);
    });

    it('issues tokens that expire after JWT_TTL_SECONDS', async () => {
      const answer = await login('first', admin.email, TEST_PASSWORD).expect(200);
      expect(answer.body.expiresIn).toBe(dragnet.config.JWT_TTL_SECONDS);
    });
  });
});
