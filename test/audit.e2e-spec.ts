import { Client } from 'pg';
import { Role } from '@dragnet/domain';
import { FieldworkFixture, leadBody } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

describe('Audit trail', () => {
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let admin: TestUser;
  let coordinator: TestUser;
  let italian: TestUser;
  let operationId: string;
  let targetId: string;

  const superuser = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: dragnet.config.DATABASE_URL });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    admin = await dragnet.user(Role.Admin);
    coordinator = await dragnet.user(Role.Coordinator);
    italian = await dragnet.user(Role.Investigator, 'IT');
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR']);
    await fixture.advance(operationId, 'active');
    targetId = await fixture.target(operationId, 'IT');
  });
  afterAll(() => dragnet.close());

  describe('reads', () => {
    it("records who read a target's detail and a lead, with role, country and request id", async () => {
      const leadId = await fixture.lead(italian, targetId, leadBody());
      await dragnet.http
        .get(`/api/targets/${targetId}`)
        .set(bearer(italian))
        .set('X-Request-Id', 'read-target-1')
        .expect(200);
      await dragnet.http
        .get(`/api/leads/${leadId}`)
        .set(bearer(italian))
        .set('X-Request-Id', 'read-lead-1')
        .expect(200);
      const rows = await dragnet.dataSource.query(
        `SELECT action, entity_type, entity_id, actor_id, actor_role, actor_country, request_id, at
           FROM audit_entries WHERE request_id IN ('read-target-1', 'read-lead-1') ORDER BY id`,
      );
      expect(rows).toEqual([
        expect.objectContaining({
          action: 'target.read',
          entity_type: 'target',
          entity_id: targetId,
          actor_id: italian.id,
          actor_role: 'investigator',
          actor_country: 'IT',
          request_id: 'read-target-1',
        }),
        expect.objectContaining({
          action: 'lead.read',
          entity_id: leadId,
          actor_id: italian.id,
          request_id: 'read-lead-1',
        }),
      ]);
    });

    it('records which leads a list showed (lead.list), once per request', async () => {
      await dragnet.http
        .get(`/api/targets/${targetId}/leads`)
        .set(bearer(italian))
        .set('X-Request-Id', 'list-leads-1')
        .expect(200);
      const rows = await dragnet.dataSource.query(
        `SELECT action, entity_type, entity_id, after FROM audit_entries WHERE request_id = 'list-leads-1'`,
      );
      expect(rows).toEqual([
        {
          action: 'lead.list',
          entity_type: 'target',
          entity_id: targetId,
          after: { leadIds: expect.arrayContaining([expect.any(String)]) },
        },
      ]);
    });

    it('records every other read of protected data: histories, lists and searches, warrants, requests, tasks', async () => {
      const leadId = await fixture.lead(italian, targetId, leadBody());
      await dragnet.http
        .post(`/api/targets/${targetId}/warrants`)
        .set(bearer(coordinator))
        .send({ issuingCountry: 'IT', reference: 'W-AUDIT-1', wantedFor: 'prosecution' })
        .expect(201);
      await dragnet.http
        .post(`/api/targets/${targetId}/requests`)
        .set(bearer(italian))
        .send({ type: 'blue' })
        .expect(201);
      const task = await dragnet.http
        .post(`/api/operations/${operationId}/tasks`)
        .set(bearer(coordinator))
        .send({ assignedCountry: 'IT', type: 'locate', title: 'Check the address', targetId })
        .expect(201);
      const reads: [string, string][] = [
        ['target-history', `/api/targets/${targetId}/history`],
        ['lead-history', `/api/leads/${leadId}/history`],
        ['target-list', `/api/operations/${operationId}/targets`],
        ['target-search', `/api/operations/${operationId}/targets?q=Masri`],
        ['warrants', `/api/targets/${targetId}/warrants`],
        ['target-requests', `/api/targets/${targetId}/requests`],
        ['task', `/api/tasks/${task.body.id}`],
      ];
      for (const [requestId, path] of reads)
        await dragnet.http.get(path).set(bearer(italian)).set('X-Request-Id', `audit-${requestId}`).expect(200);
      const rows: { request_id: string; action: string; entity_id: string; after: Record<string, unknown> | null }[] =
        await dragnet.dataSource.query(
          `SELECT request_id, action, entity_id, after FROM audit_entries WHERE request_id LIKE 'audit-%' ORDER BY id`,
        );
      // One entry per response, naming what it showed.
      expect(rows.map((row) => [row.request_id, row.action, row.entity_id])).toEqual([
        ['audit-target-history', 'target.history', targetId],
        ['audit-lead-history', 'lead.history', leadId],
        ['audit-target-list', 'target.list', operationId],
        ['audit-target-search', 'target.list', operationId],
        ['audit-warrants', 'warrant.list', targetId],
        ['audit-target-requests', 'notice_request.list', targetId],
        ['audit-task', 'task.read', task.body.id],
      ]);
      expect(rows[2].after).toEqual({ targetIds: expect.arrayContaining([targetId]) });
      expect(rows[3].after).toEqual({ targetIds: [targetId], q: 'Masri' });
      expect(rows[4].after).toEqual({ warrantIds: [expect.any(String)] });
      expect(rows[5].after).toEqual({ requestIds: [expect.any(String)] });
    });

    it('records nothing for a read that answered 404', async () => {
      const greek = await dragnet.user(Role.Investigator, 'GR');
      const hidden = await fixture.target(operationId, 'IT', 'nominated');
      await dragnet.http
        .get(`/api/targets/${hidden}`)
        .set(bearer(greek))
        .set('X-Request-Id', 'hidden-read')
        .expect(404);
      const rows = await dragnet.dataSource.query(`SELECT 1 FROM audit_entries WHERE request_id = 'hidden-read'`);
      expect(rows).toEqual([]);
    });
  });

  describe('GET /api/audit', () => {
    it('filters by user, country, entity, action and time, for admins and coordinators only', async () => {
      await dragnet.http.get(`/api/targets/${targetId}`).set(bearer(italian)).expect(200);
      const byUser = await dragnet.http
        .get('/api/audit')
        .query({ userId: italian.id, action: 'target.read', entityType: 'target', entityId: targetId, country: 'it' })
        .set(bearer(coordinator))
        .expect(200);
      expect(byUser.body.total).toBeGreaterThanOrEqual(2);
      for (const entry of byUser.body.items)
        expect(entry).toMatchObject({
          actorId: italian.id,
          actorCountry: 'IT',
          action: 'target.read',
          entityId: targetId,
        });
      expect(byUser.body.items[0].txid).toBeUndefined();

      const future = await dragnet.http
        .get('/api/audit')
        .query({ from: new Date(Date.now() + 3600_000).toISOString() })
        .set(bearer(admin))
        .expect(200);
      expect(future.body).toMatchObject({ items: [], total: 0 });
      const past = await dragnet.http
        .get('/api/audit')
        .query({ to: '2000-01-01T00:00:00Z' })
        .set(bearer(admin))
        .expect(200);
      expect(past.body.total).toBe(0);

      await dragnet.http.get('/api/audit').set(bearer(italian)).expect(403);
      const bad = await dragnet.http
        .get('/api/audit')
        .query({ from: 'yesterday', userId: 'me', limit: 501 })
        .set(bearer(admin))
        .expect(400);
      expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'from',
        'limit',
        'userId',
      ]);
    });

    it('exports the matching entries as CSV and audits the download', async () => {
      const answer = await dragnet.http
        .get('/api/audit/export.csv')
        .query({ userId: italian.id, action: 'target.read' })
        .set(bearer(coordinator))
        .set('X-Request-Id', 'audit-export-1')
        .expect(200);
      expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = answer.text.trim().split('\n');
      expect(lines[0]).toBe('id,at,actorId,actorRole,actorCountry,action,entityType,entityId,requestId,before,after');
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const line of lines.slice(1))
        expect(line).toContain(`,${italian.id},investigator,IT,target.read,target,${targetId},`);
      const [exported] = await dragnet.dataSource.query(
        `SELECT action, actor_id FROM audit_entries WHERE request_id = 'audit-export-1'`,
      );
      expect(exported).toEqual({ action: 'audit.export', actor_id: coordinator.id });
    });
  });

  describe('tamper evidence', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit entries and links, even to the superuser', async () => {
      await dragnet.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
      await superuser(async (client) => {
        for (const statement of [
          `UPDATE audit_entries SET action = 'x'`,
          `DELETE FROM audit_entries`,
          `TRUNCATE audit_entries CASCADE`,
          `UPDATE audit_seals SET chain_hash = 'x'`,
          `DELETE FROM audit_seals`,
        ]) {
          await expect(client.query(statement)).rejects.toThrow(/is append-only/);
        }
      });
    });

    it('verifies the chain, then reports the first link broken by a row altered behind its back', async () => {
      const clean = await dragnet.http.get('/api/audit/verify').set(bearer(admin)).expect(200);
      expect(clean.body).toMatchObject({ valid: true, firstBreak: null, unsealed: 0 });
      expect(clean.body.checked).toBeGreaterThan(10);
      expect(clean.body.headHash).toMatch(/^[0-9a-f]{64}$/);

      const [victim] = await dragnet.dataSource.query(
        `SELECT e.id, s.seq FROM audit_entries e JOIN audit_seals s ON s.entry_id = e.id
          WHERE e.action = 'target.read' ORDER BY s.seq LIMIT 1`,
      );
      await superuser(async (client) => {
        // Deliberately around the append-only trigger, as an attacker with superuser rights could.
        await client.query(`SET session_replication_role = replica`);
        await client.query(`UPDATE audit_entries SET actor_id = NULL WHERE id = $1`, [victim.id]);
      });
      const broken = await dragnet.http.get('/api/audit/verify').set(bearer(coordinator)).expect(200);
      expect(broken.body).toMatchObject({
        valid: false,
        firstBreak: { seq: victim.seq, entryId: victim.id, reason: `audit entry ${victim.id} or its link was altered` },
      });
      await dragnet.http.get('/api/audit/verify').set(bearer(italian)).expect(403);
    });

    it('reports a deleted entry and a removed link', async () => {
      const other = await TestDragnet.start();
      try {
        const otherAdmin = await other.user(Role.Admin);
        for (let index = 0; index < 3; index++) await other.user(Role.Observer);
        await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        const links = await other.dataSource.query(`SELECT seq, entry_id FROM audit_seals ORDER BY seq`);
        const client = new Client({ connectionString: other.config.DATABASE_URL });
        await client.connect();
        await client.query(`SET session_replication_role = replica`);
        await client.query(`DELETE FROM audit_entries WHERE id = $1`, [links[1].entry_id]);
        await client.query(`DELETE FROM audit_seals WHERE seq = $1`, [links[3].seq]);
        await client.end();
        const report = await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        expect(report.body.firstBreak).toEqual({
          seq: links[1].seq,
          entryId: links[1].entry_id,
          reason: `audit entry ${links[1].entry_id} was deleted`,
        });
      } finally {
        await other.close();
      }
    });

    it('seals an entry whose transaction commits after later entries, and says so until then', async () => {
      const other = await TestDragnet.start();
      try {
        const otherAdmin = await other.user(Role.Admin);
        const slow = new Client({ connectionString: other.config.DATABASE_URL });
        await slow.connect();
        await slow.query('BEGIN');
        await slow.query(
          `INSERT INTO audit_entries (actor_role, action, entity_type, entity_id, request_id)
           VALUES ('system', 'test.slow', 'test', 'slow', 'slow-transaction')`,
        );
        await other.user(Role.Observer);
        const during = await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        expect(during.body).toMatchObject({ valid: true });
        // The observer's entry came after the open transaction began: it waits for it, and says so.
        expect(during.body.unsealed).toBeGreaterThanOrEqual(1);
        await slow.query('COMMIT');
        await slow.end();
        const after = await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        expect(after.body).toMatchObject({ valid: true, unsealed: 0 });
        expect(after.body.checked).toBe(during.body.checked + during.body.unsealed + 1);
        const [slowSeal] = await other.dataSource.query(
          `SELECT s.seq FROM audit_seals s JOIN audit_entries e ON e.id = s.entry_id WHERE e.action = 'test.slow'`,
        );
        expect(Number(slowSeal.seq)).toBeGreaterThan(Number(during.body.headSeq));
      } finally {
        await other.close();
      }
    });

    it('the worker links new entries into the chain in the background', async () => {
      const other = await TestDragnet.start({ AUDIT_SEAL_INTERVAL_MS: '50' });
      try {
        await other.startWorker();
        await other.user(Role.Observer);
        const deadline = Date.now() + 15_000;
        let unsealed = -1;
        while (Date.now() < deadline) {
          [{ unsealed }] = await other.dataSource.query(
            `SELECT count(*)::int AS unsealed FROM audit_entries e
              WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)`,
          );
          if (unsealed === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(unsealed).toBe(0);
      } finally {
        await other.close();
      }
    });

    it('seals and verifies a chain of 100,000 entries', async () => {
      const other = await TestDragnet.start();
      try {
        const otherAdmin = await other.user(Role.Admin);
        await other.dataSource.query(
          `INSERT INTO audit_entries (actor_role, action, entity_type, entity_id, after, request_id)
           SELECT 'system', 'test.bulk', 'test', n::text, jsonb_build_object('n', n, 'note', 'bulk row ' || n), 'bulk'
             FROM generate_series(1, 100000) AS n`,
        );
        // The first verification seals what is pending (in batches), the second only reads the chain.
        await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        const report = await other.http.get('/api/audit/verify').set(bearer(otherAdmin)).expect(200);
        expect(report.body).toMatchObject({ valid: true, unsealed: 0, firstBreak: null });
        expect(report.body.checked).toBeGreaterThan(100_000);
      } finally {
        await other.close();
      }
    }, 120_000);
  });
});
