import { Role } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

describe('Operations, participants and members', () => {
  let dragnet: TestDragnet;
  let admin: TestUser;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let observer: TestUser;

  const hydra = {
    code: 'hydra-2016',
    name: 'Operation Hydra',
    operationalStart: '2016-05-09',
    operationalEnd: '2016-05-13',
  };
  const italy = {
    country: 'IT',
    roles: ['transit', 'destination'],
    ncbName: 'NCB Rome',
    focalPointEmails: ['fp@ncb-rome.example'],
  };

  async function createOperation(code: string, extra: object = {}) {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code, name: `Operation ${code}`, ...extra })
      .expect(201);
    return response.body as { id: string; code: string; version: number; status: string };
  }

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [admin, coordinator, italian, greek, observer] = await Promise.all([
      dragnet.user(Role.Admin),
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Observer),
    ]);
  });
  afterAll(() => dragnet.close());

  it('lets a coordinator create an operation with the documented defaults', async () => {
    const response = await dragnet.http.post('/api/operations').set(bearer(coordinator)).send(hydra).expect(201);
    expect(response.body).toMatchObject({
      code: 'HYDRA-2016',
      name: 'Operation Hydra',
      crimeFocus: 'migrant_smuggling',
      status: 'planning',
      operationalStart: '2016-05-09',
      operationalEnd: '2016-05-13',
      version: 1,
      createdBy: coordinator.id,
    });
    const [audit] = await dragnet.dataSource.query(`SELECT action, actor_id FROM audit_entries WHERE entity_id = $1`, [
      response.body.id,
    ]);
    expect(audit).toEqual({ action: 'operation.create', actor_id: coordinator.id });
  });

  it('rejects a repeated code with 409, whatever its case', async () => {
    await createOperation('DUPE-1');
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'dupe-1', name: 'Again' })
      .expect(409);
    expect(response.body.details).toEqual([{ field: 'code', message: 'code must be unique' }]);
  });

  it('rejects bad fields with 400 naming each, and phase dates out of order', async () => {
    const response = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: '!', name: '', crimeFocus: 'piracy', operationalStart: '2016-02-30' })
      .expect(400);
    const fields = response.body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'crimeFocus', 'operationalStart']));
    const order = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'ORDER-1', name: 'x', operationalStart: '2016-05-13', operationalEnd: '2016-05-09' })
      .expect(400);
    expect(order.body.details).toEqual([
      { field: 'operationalEnd', message: 'operationalEnd must not be before operationalStart' },
    ]);
    const { rows } = { rows: await dragnet.dataSource.query(`SELECT 1 FROM operations WHERE code = 'ORDER-1'`) };
    expect(rows).toHaveLength(0);
  });

  it('lets only coordinators create and change operations', async () => {
    for (const user of [admin, italian, observer]) {
      await dragnet.http.post('/api/operations').set(bearer(user)).send({ code: 'NOPE-1', name: 'x' }).expect(403);
    }
    const operation = await createOperation('ROLES-1');
    await dragnet.http.patch(`/api/operations/${operation.id}`).set(bearer(italian)).send({ name: 'x' }).expect(403);
    await dragnet.http
      .post(`/api/operations/${operation.id}/status`)
      .set(bearer(italian))
      .send({ status: 'nomination' })
      .expect(403);
    await dragnet.http.get('/api/operations').set(bearer(admin)).expect(403);
  });

  describe('visibility', () => {
    let visible: { id: string };
    let hidden: { id: string };

    beforeAll(async () => {
      visible = await createOperation('VIS-IT');
      hidden = await createOperation('VIS-HIDDEN');
      await dragnet.http
        .post(`/api/operations/${visible.id}/participants`)
        .set(bearer(coordinator))
        .send(italy)
        .expect(201);
      await dragnet.http
        .post(`/api/operations/${visible.id}/members`)
        .set(bearer(coordinator))
        .send({ userId: observer.id })
        .expect(201);
    });

    it('shows investigators only the operations their country takes part in', async () => {
      const list = await dragnet.http.get('/api/operations?limit=500').set(bearer(italian)).expect(200);
      expect(list.body.items.map((operation: { id: string }) => operation.id)).toEqual([visible.id]);
      expect(list.body.total).toBe(1);
      await dragnet.http.get(`/api/operations/${visible.id}`).set(bearer(italian)).expect(200);
      await dragnet.http.get(`/api/operations/${hidden.id}`).set(bearer(italian)).expect(404);
      await dragnet.http.get(`/api/operations/${visible.id}`).set(bearer(greek)).expect(404);
      await dragnet.http.get(`/api/operations/${visible.id}/participants`).set(bearer(greek)).expect(404);
      const greekList = await dragnet.http.get('/api/operations').set(bearer(greek)).expect(200);
      expect(greekList.body.total).toBe(0);
    });

    it('shows observers only the operations they are members of', async () => {
      const list = await dragnet.http.get('/api/operations').set(bearer(observer)).expect(200);
      expect(list.body.items.map((operation: { id: string }) => operation.id)).toEqual([visible.id]);
      await dragnet.http.get(`/api/operations/${hidden.id}`).set(bearer(observer)).expect(404);
      await dragnet.http.get(`/api/operations/${visible.id}/participants`).set(bearer(observer)).expect(200);
    });

    it('answers 404, not 403, for an operation that does not exist', async () => {
      await dragnet.http
        .get('/api/operations/00000000-0000-4000-8000-000000000000')
        .set(bearer(coordinator))
        .expect(404);
    });

    it('filters and pages the list', async () => {
      const filtered = await dragnet.http.get('/api/operations?country=it&q=vis').set(bearer(coordinator)).expect(200);
      expect(filtered.body.items.map((operation: { code: string }) => operation.code)).toEqual(['VIS-IT']);
      const paged = await dragnet.http.get('/api/operations?limit=1&offset=1').set(bearer(coordinator)).expect(200);
      expect(paged.body).toMatchObject({ limit: 1, offset: 1 });
      expect(paged.body.items).toHaveLength(1);
      expect(paged.body.total).toBeGreaterThan(2);
      await dragnet.http.get('/api/operations?limit=0').set(bearer(coordinator)).expect(400);
      await dragnet.http.get('/api/operations?status=sleeping').set(bearer(coordinator)).expect(400);
    });
  });

  describe('updates and the status workflow', () => {
    it('rejects a stale version with 409 and keeps the first change', async () => {
      const operation = await createOperation('STALE-1');
      await dragnet.http
        .patch(`/api/operations/${operation.id}`)
        .set(bearer(coordinator))
        .send({ name: 'First', version: 1 })
        .expect(200);
      const stale = await dragnet.http
        .patch(`/api/operations/${operation.id}`)
        .set(bearer(coordinator))
        .send({ name: 'Second', version: 1 })
        .expect(409);
      expect(stale.body.details).toEqual([{ field: 'version', message: 'current version is 2' }]);
      const current = await dragnet.http.get(`/api/operations/${operation.id}`).set(bearer(coordinator)).expect(200);
      expect(current.body).toMatchObject({ name: 'First', version: 2 });
    });

    it('follows planning → nomination → active → follow_up → closed and names the allowed moves otherwise', async () => {
      const operation = await createOperation('FLOW-1');
      const skip = await dragnet.http
        .post(`/api/operations/${operation.id}/status`)
        .set(bearer(coordinator))
        .send({ status: 'active' })
        .expect(409);
      expect(skip.body.message).toBe("Operation cannot move from 'planning' to 'active'; allowed: nomination");
      for (const status of ['nomination', 'active', 'follow_up', 'closed']) {
        const moved = await dragnet.http
          .post(`/api/operations/${operation.id}/status`)
          .set(bearer(coordinator))
          .send({ status })
          .expect(200);
        expect(moved.body.status).toBe(status);
      }
      const back = await dragnet.http
        .post(`/api/operations/${operation.id}/status`)
        .set(bearer(coordinator))
        .send({ status: 'active' })
        .expect(409);
      expect(back.body.message).toContain('allowed: none');
      const history = await dragnet.dataSource.query(
        `SELECT after->>'status' AS status FROM audit_entries WHERE entity_id = $1 AND action = 'operation.status' ORDER BY id`,
        [operation.id],
      );
      expect(history.map((row: { status: string }) => row.status)).toEqual([
        'nomination',
        'active',
        'follow_up',
        'closed',
      ]);
    });

    it('keeps a closed operation read-only', async () => {
      const operation = await createOperation('CLOSED-1');
      for (const status of ['nomination', 'active', 'follow_up', 'closed']) {
        await dragnet.http
          .post(`/api/operations/${operation.id}/status`)
          .set(bearer(coordinator))
          .send({ status })
          .expect(200);
      }
      await dragnet.http
        .patch(`/api/operations/${operation.id}`)
        .set(bearer(coordinator))
        .send({ name: 'Renamed' })
        .expect(409);
      await dragnet.http
        .post(`/api/operations/${operation.id}/participants`)
        .set(bearer(coordinator))
        .send(italy)
        .expect(409);
      await dragnet.http
        .post(`/api/operations/${operation.id}/members`)
        .set(bearer(coordinator))
        .send({ userId: observer.id })
        .expect(409);
      await dragnet.http.get(`/api/operations/${operation.id}`).set(bearer(coordinator)).expect(200);
    });
  });

  describe('participants', () => {
    let operation: { id: string };
    beforeAll(async () => {
      operation = await createOperation('PART-1');
    });

    it('adds, lists, changes and removes a participating country', async () => {
      const added = await dragnet.http
        .post(`/api/operations/${operation.id}/participants`)
        .set(bearer(coordinator))
        .send({ ...italy, country: 'it', focalPointEmails: ['FP@ncb-rome.example', 'fp@ncb-rome.example'] })
        .expect(201);
      expect(added.body).toMatchObject({
        country: 'IT',
        roles: ['transit', 'destination'],
        focalPointEmails: ['fp@ncb-rome.example'],
      });
      await dragnet.http
        .post(`/api/operations/${operation.id}/participants`)
        .set(bearer(coordinator))
        .send(italy)
        .expect(409);
      const changed = await dragnet.http
        .patch(`/api/operations/${operation.id}/participants/it`)
        .set(bearer(coordinator))
        .send({ roles: ['source'], ncbName: 'NCB Roma' })
        .expect(200);
      expect(changed.body).toMatchObject({ roles: ['source'], ncbName: 'NCB Roma' });
      const list = await dragnet.http
        .get(`/api/operations/${operation.id}/participants`)
        .set(bearer(coordinator))
        .expect(200);
      expect(list.body.map((participant: { country: string }) => participant.country)).toEqual(['IT']);
      await dragnet.http.delete(`/api/operations/${operation.id}/participants/IT`).set(bearer(coordinator)).expect(204);
      await dragnet.http.delete(`/api/operations/${operation.id}/participants/IT`).set(bearer(coordinator)).expect(404);
      const actions = await dragnet.dataSource.query(
        `SELECT action FROM audit_entries WHERE entity_type = 'participant' AND entity_id = $1 ORDER BY id`,
        [added.body.id],
      );
      expect(actions.map((row: { action: string }) => row.action)).toEqual([
        'participant.create',
        'participant.update',
        'participant.delete',
      ]);
    });

    it('validates the country, roles and focal points', async () => {
      const response = await dragnet.http
        .post(`/api/operations/${operation.id}/participants`)
        .set(bearer(coordinator))
        .send({ country: 'XX', roles: ['hub'], ncbName: 'NCB', focalPointEmails: ['not-an-address'] })
        .expect(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'country',
        'focalPointEmails',
        'roles',
      ]);
      await dragnet.http
        .patch(`/api/operations/${operation.id}/participants/XX`)
        .set(bearer(coordinator))
        .send({})
        .expect(400);
      await dragnet.http
        .get(`/api/operations/00000000-0000-4000-8000-000000000000/participants`)
        .set(bearer(coordinator))
        .expect(404);
    });
  });

  describe('members', () => {
    it('adds observers only, once, and removes them', async () => {
      const operation = await createOperation('MEMB-1');
      const other = await dragnet.user(Role.Observer);
      const added = await dragnet.http
        .post(`/api/operations/${operation.id}/members`)
        .set(bearer(coordinator))
        .send({ userId: other.id })
        .expect(201);
      expect(added.body).toMatchObject({ userId: other.id, user: { id: other.id, role: 'observer' } });
      expect(added.body.user.passwordHash).toBeUndefined();
      await dragnet.http
        .post(`/api/operations/${operation.id}/members`)
        .set(bearer(coordinator))
        .send({ userId: other.id })
        .expect(409);
      const investigator = await dragnet.http
        .post(`/api/operations/${operation.id}/members`)
        .set(bearer(coordinator))
        .send({ userId: italian.id })
        .expect(400);
      expect(investigator.body.details[0]).toMatchObject({ field: 'userId' });
      await dragnet.http.get(`/api/operations/${operation.id}`).set(bearer(other)).expect(200);
      const list = await dragnet.http
        .get(`/api/operations/${operation.id}/members`)
        .set(bearer(coordinator))
        .expect(200);
      expect(list.body.map((member: { userId: string }) => member.userId)).toEqual([other.id]);
      await dragnet.http.get(`/api/operations/${operation.id}/members`).set(bearer(other)).expect(403);
      await dragnet.http
        .delete(`/api/operations/${operation.id}/members/${other.id}`)
        .set(bearer(coordinator))
        .expect(204);
      await dragnet.http.get(`/api/operations/${operation.id}`).set(bearer(other)).expect(404);
    });
  });
});
