import { Role } from '@dragnet/domain';
import { bearer, TEST_PASSWORD, TestDragnet, TestUser } from './support/test-dragnet';

describe('Accounts and access', () => {
  let dragnet: TestDragnet;
  let admin: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    admin = await dragnet.user(Role.Admin);
    coordinator = await dragnet.user(Role.Coordinator);
  });
  afterAll(() => dragnet.close());

  describe('login', () => {
    it('returns a bearer token that opens /api/me', async () => {
      const login = await dragnet.http
        .post('/api/auth/login')
        .send({ email: coordinator.email, password: TEST_PASSWORD })
        .expect(200);
      expect(login.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(login.body.expiresIn).toBeGreaterThan(0);
      const me = await dragnet.http
        .get('/api/me')
        .set({ Authorization: `Bearer ${login.body.accessToken}` })
        .expect(200);
      expect(me.body).toMatchObject({ id: coordinator.id, email: coordinator.email, role: 'coordinator' });
      expect(me.body.passwordHash).toBeUndefined();
    });

    it('accepts the e-mail in any case', async () => {
      await dragnet.http
        .post('/api/auth/login')
        .send({ email: coordinator.email.toUpperCase(), password: TEST_PASSWORD })
        .expect(200);
    });

    it('answers the same 401 for a wrong password and an unknown e-mail', async () => {
      const wrong = await dragnet.http
        .post('/api/auth/login')
        .send({ email: coordinator.email, password: 'not the password at all' })
        .expect(401);
      const unknown = await dragnet.http
        .post('/api/auth/login')
        .send({ email: 'nobody@dragnet.test', password: 'not the password at all' })
        .expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect(wrong.body.requestId).toEqual(expect.any(String));
    });
  });

  describe('tokens', () => {
    it('rejects requests without a token, with a garbage token and with a forged signature', async () => {
      await dragnet.http.get('/api/me').expect(401);
      await dragnet.http.get('/api/me').set({ Authorization: 'Bearer not-a-jwt' }).expect(401);
      const [header, payload] = coordinator.token.split('.');
      await dragnet.http
        .get('/api/me')
        .set({ Authorization: `Bearer ${header}.${payload}.forgedsignature` })
        .expect(401);
      await dragnet.http
        .get('/api/me')
        .set({ Authorization: `Basic ${coordinator.token}` })
        .expect(401);
    });

    it('stops working as soon as the user is deactivated', async () => {
      const observer = await dragnet.user(Role.Observer);
      await dragnet.http.get('/api/me').set(bearer(observer)).expect(200);
      await dragnet.http.patch(`/api/users/${observer.id}`).set(bearer(admin)).send({ active: false }).expect(200);
      await dragnet.http.get('/api/me').set(bearer(observer)).expect(401);
      await dragnet.http.post('/api/auth/login').send({ email: observer.email, password: TEST_PASSWORD }).expect(401);
    });
  });

  describe('user administration', () => {
    it('lets only admins manage users', async () => {
      for (const path of ['/api/users']) {
        await dragnet.http.get(path).set(bearer(coordinator)).expect(403);
        await dragnet.http.post(path).set(bearer(coordinator)).send({}).expect(403);
      }
      await dragnet.http
        .patch(`/api/users/${coordinator.id}`)
        .set(bearer(coordinator))
        .send({ role: 'admin' })
        .expect(403);
    });

    it('creates an investigator with a real country and hashes the password with argon2id', async () => {
      const created = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({
          email: 'Investigator.IT@ncb.example',
          displayName: 'NCB Rome',
          password: 'correct horse battery',
          role: 'investigator',
          country: 'it',
        })
        .expect(201);
      expect(created.body).toMatchObject({
        email: 'investigator.it@ncb.example',
        role: 'investigator',
        country: 'IT',
        active: true,
      });
      expect(created.body.passwordHash).toBeUndefined();
      const [row] = await dragnet.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [created.body.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      await dragnet.http
        .post('/api/auth/login')
        .send({ email: 'investigator.it@ncb.example', password: 'correct horse battery' })
        .expect(200);
    });

    it('rejects an investigator without a country, a made-up country, and a duplicate e-mail', async () => {
      const base = { displayName: 'X', password: 'correct horse battery', role: 'investigator' };
      const missing = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ ...base, email: 'a@ncb.example' })
        .expect(400);
      expect(missing.body.details).toContainEqual(expect.objectContaining({ field: 'country' }));
      const fake = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ ...base, email: 'b@ncb.example', country: 'XX' })
        .expect(400);
      expect(fake.body.details).toContainEqual({
        field: 'country',
        message: 'country must be an ISO 3166-1 alpha-2 code',
      });
      const duplicate = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ ...base, email: coordinator.email, role: 'coordinator' })
        .expect(409);
      expect(duplicate.body.details).toContainEqual(expect.objectContaining({ field: 'email' }));
    });

    it('rejects short and common passwords, naming the field', async () => {
      const short = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'short@ncb.example', displayName: 'S', password: 'short', role: 'observer' })
        .expect(400);
      expect(short.body.details).toContainEqual(expect.objectContaining({ field: 'password' }));
      const common = await dragnet.http
        .post('/api/users')
        .set(bearer(admin))
        .send({ email: 'common@ncb.example', displayName: 'C', password: 'Password12345678', role: 'observer' })
        .expect(400);
      expect(common.body.details).toContainEqual({ field: 'password', message: 'password is too common' });
    });

    it('lists users with filters and pagination', async () => {
      for (const country of ['DE', 'FR', 'GR']) await dragnet.user(Role.Investigator, country);
      const page = await dragnet.http.get('/api/users?role=investigator&limit=2').set(bearer(admin)).expect(200);
      expect(page.body.limit).toBe(2);
      expect(page.body.offset).toBe(0);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.total).toBeGreaterThanOrEqual(3);
      expect(page.body.items.every((user: { role: string }) => user.role === 'investigator')).toBe(true);
      const french = await dragnet.http.get('/api/users?country=fr').set(bearer(admin)).expect(200);
      expect(french.body.items.map((user: { country: string }) => user.country)).toEqual(['FR']);
      await dragnet.http.get('/api/users?limit=501').set(bearer(admin)).expect(400);
      await dragnet.http.get('/api/users?active=maybe').set(bearer(admin)).expect(400);
    });

    it('changes role and country, applies them at once, and audits the change', async () => {
      const user = await dragnet.user(Role.Observer);
      const changed = await dragnet.http
        .patch(`/api/users/${user.id}`)
        .set(bearer(admin))
        .send({ role: 'investigator', country: 'ES' })
        .expect(200);
      expect(changed.body).toMatchObject({ role: 'investigator', country: 'ES' });
      const me = await dragnet.http.get('/api/me').set(bearer(user)).expect(200);
      expect(me.body).toMatchObject({ role: 'investigator', country: 'ES' });
      const [audit] = await dragnet.dataSource.query(
        `SELECT actor_id, actor_role, action, before, after, request_id FROM audit_entries WHERE entity_id = $1 AND action = 'user.update'`,
        [user.id],
      );
      expect(audit).toMatchObject({
        actor_id: admin.id,
        actor_role: 'admin',
        before: expect.objectContaining({ role: 'observer' }),
      });
      expect(audit.after).toMatchObject({ role: 'investigator', country: 'ES' });
      expect(JSON.stringify(audit)).not.toContain('argon2');
      expect(audit.request_id).toEqual(changed.headers['x-request-id']);
    });

    it('refuses mass assignment of fields the endpoint does not take', async () => {
      const response = await dragnet.http
        .patch(`/api/users/${coordinator.id}`)
        .set(bearer(admin))
        .send({ id: 'x', passwordHash: 'x' })
        .expect(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'id',
        'passwordHash',
      ]);
    });

    it('answers 404 for an unknown user and 400 for a malformed id', async () => {
      await dragnet.http
        .patch('/api/users/00000000-0000-4000-8000-000000000000')
        .set(bearer(admin))
        .send({ active: true })
        .expect(404);
      const malformed = await dragnet.http.get('/api/users/not-a-uuid').set(bearer(admin)).expect(400);
      expect(malformed.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });
});
