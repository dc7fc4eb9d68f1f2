import { Role } from '@dragnet/domain';
import { Networks1796189028679 } from '../migrations/1796189028679-Networks';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

interface GraphBody {
  nodes: { id: string; kind: string; status?: string; roles?: string[] }[];
  edges: { kind: string; source: string; target: string }[];
}

describe('Smuggling networks', () => {
  let dragnet: TestDragnet;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let spanish: TestUser;
  let outsider: TestUser;
  let observer: TestUser;
  let operationId: string;
  let otherOperationId: string;
  /** Accepted, wanted by Italy: every participant reads them. */
  let leader: string;
  let pilot: string;
  let driver: string;
  /** Nominated by Spain: only Spain and the coordinators read it. */
  let spanishNomination: string;
  let foreignTarget: string;
  let networkId: string;

  const call = (user: TestUser, method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => {
    const request = dragnet.http[method](path).set(bearer(user));
    return body ? request.send(body) : request;
  };
  const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((detail) => detail.field);
  const auditCount = async (action: string) =>
    (await dragnet.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE action = $1`, [action]))[0]
      .n as number;
  const network = (body: object) => call(coordinator, 'post', `/api/operations/${operationId}/networks`, body);
  const member = (id: string, body: object) => call(coordinator, 'post', `/api/networks/${id}/members`, body);
  const identifier = (user: TestUser, targetId: string, body: object) =>
    call(user, 'post', `/api/targets/${targetId}/identifiers`, body);
  const graph = async (user: TestUser) =>
    (await call(user, 'get', `/api/networks/${networkId}/graph`).expect(200)).body as GraphBody;

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, italian, greek, spanish, outsider, observer] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'ES'),
      dragnet.user(Role.Investigator, 'FR'),
      dragnet.user(Role.Observer),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR', 'ES']);
    otherOperationId = await fixture.operation(['IT']);
    await call(coordinator, 'post', `/api/operations/${operationId}/members`, { userId: observer.id }).expect(201);
    leader = await fixture.target(operationId, 'IT', 'accepted', 'Al Masri');
    pilot = await fixture.target(operationId, 'IT', 'accepted', 'Haddad');
    driver = await fixture.target(operationId, 'IT', 'accepted', 'Nasser');
    spanishNomination = await fixture.target(operationId, 'ES', 'nominated', 'Karim');
    foreignTarget = await fixture.target(otherOperationId, 'IT', 'accepted', 'Saleh');
    await fixture.advance(operationId, 'active');
  }, 120_000);
  afterAll(() => dragnet.close());

  describe('networks', () => {
    it('records a network with its route and modi operandi, audited', async () => {
      const created = await network({
        name: 'Zuwara  network',
        aliases: ['The fishermen'],
        originCountries: ['er', 'SD'],
        transitCountries: ['LY'],
        destinationCountries: ['IT'],
        modiOperandi: ['sea_crossing', 'hawala'],
        modusOperandiNotes: 'Rubber boats from Sabratha beaches',
      }).expect(201);
      networkId = created.body.id;
      expect(created.body).toMatchObject({
        name: 'Zuwara  network',
        originCountries: ['ER', 'SD'],
        transitCountries: ['LY'],
        modiOperandi: ['sea_crossing', 'hawala'],
        status: 'suspected',
        version: 1,
      });
      expect(await auditCount('network.create')).toBe(1);
    });

    it('refuses an unknown modus operandi code, a name already used and a non-coordinator, naming the field', async () => {
      const unknown = await network({ name: 'Other', modiOperandi: ['teleportation'] }).expect(400);
      expect(fields(unknown.body)).toContain('modiOperandi');
      const taken = await network({ name: 'zuwara network' }).expect(409);
      expect(fields(taken.body)).toEqual(['name']);
      await call(italian, 'post', `/api/operations/${operationId}/networks`, { name: 'Mine' }).expect(403);
      await call(coordinator, 'patch', `/api/networks/${networkId}`, { status: 'active', version: 7 }).expect(409);
      const changed = await call(coordinator, 'patch', `/api/networks/${networkId}`, { status: 'active', version: 1 });
      expect(changed.body).toMatchObject({ status: 'active', version: 2 });
    });
  });

  describe('members', () => {
    it('adds members with a role, a period and a source, and refuses the same role and period twice', async () => {
      await member(networkId, { targetId: leader, role: 'leader', sourceNote: 'Italian case file' }).expect(201);
      await member(networkId, {
        targetId: pilot,
        role: 'boat_pilot',
        periodFrom: '2015-06-01',
        sourceNote: 'Arrest report',
      }).expect(201);
      await member(networkId, { targetId: driver, role: 'transporter_or_driver', sourceNote: 'Wiretap' }).expect(201);
      const twice = await member(networkId, { targetId: leader, role: 'leader', sourceNote: 'Again' }).expect(409);
      expect(fields(twice.body)).toEqual(['role']);
      // Another period is another membership.
      await member(networkId, {
        targetId: leader,
        role: 'leader',
        periodTo: '2014-12-31',
        sourceNote: 'Old file',
      }).expect(201);
      expect(fields((await member(networkId, { targetId: pilot, role: 'organiser' }).expect(400)).body)).toEqual([
        'sourceNote',
      ]);
      expect(
        fields((await member(networkId, { targetId: foreignTarget, role: 'other', sourceNote: 'x' }).expect(400)).body),
      ).toEqual(['targetId']);
      expect(
        fields((await member(networkId, { targetId: pilot, role: 'captain', sourceNote: 'x' }).expect(400)).body),
      ).toEqual(['role']);
    });

    it('lets investigators see a network only through targets they may read', async () => {
      const hidden = await network({ name: 'Madrid cell' }).expect(201);
      await member(hidden.body.id, {
        targetId: spanishNomination,
        role: 'recruiter',
        sourceNote: 'Spanish nomination',
      }).expect(201);
      const listed = async (user: TestUser) =>
        (
          (await call(user, 'get', `/api/operations/${operationId}/networks`).expect(200)).body.items as {
            id: string;
          }[]
        ).map((item) => item.id);
      expect(await listed(italian)).toEqual([networkId]);
      expect((await listed(spanish)).sort()).toEqual([networkId, hidden.body.id].sort());
      expect((await listed(coordinator)).length).toBe(2);
      // Observers see the operation's networks, and only the members they may read.
      expect((await listed(observer)).length).toBe(2);
      expect((await call(observer, 'get', `/api/networks/${hidden.body.id}/members`).expect(200)).body).toEqual([]);
      await call(italian, 'get', `/api/networks/${hidden.body.id}`).expect(404);
      await call(italian, 'get', `/api/networks/${hidden.body.id}/graph`).expect(404);
      await call(outsider, 'get', `/api/networks/${networkId}`).expect(404);
      await call(outsider, 'get', `/api/operations/${operationId}/networks`).expect(404);
      await call(spanish, 'get', `/api/networks/${hidden.body.id}`).expect(200);
    });

    it('audits each list in one entry naming what it showed', async () => {
      const before = await auditCount('network.member.list');
      const members = await call(italian, 'get', `/api/networks/${networkId}/members`).expect(200);
      expect(members.body.map((row: { reference: string; targetStatus: string }) => row.targetStatus)).toEqual(
        expect.arrayContaining(['accepted']),
      );
      // Each member names its target (the console's members table shows the name beside the reference).
      expect(members.body).toEqual(expect.arrayContaining([expect.objectContaining({ familyName: 'Al Masri' })]));
      for (const row of members.body) expect(typeof row.givenNames).toBe('string');
      expect(await auditCount('network.member.list')).toBe(before + 1);
      const [entry] = await dragnet.dataSource.query(
        `SELECT after FROM audit_entries WHERE action = 'network.member.list' ORDER BY id DESC LIMIT 1`,
      );
      expect(new Set(entry.after.targetIds)).toEqual(new Set([leader, pilot, driver]));
    });
  });

  describe('identifiers, links and proposals', () => {
    let restrictedLead: string;

    it('normalises phone numbers to E.164 and refuses invalid ones naming the field', async () => {
      const bad = await identifier(italian, leader, { kind: 'phone', value: '+39 12' }).expect(400);
      expect(fields(bad.body)).toEqual(['value']);
      const saved = await identifier(italian, leader, { kind: 'phone', value: '+218 91 234 5678' }).expect(201);
      expect(saved.body.normalised).toBe('+218912345678');
      await identifier(coordinator, pilot, { kind: 'phone', value: '091-234-5678', country: 'LY' }).expect(201);
      await identifier(italian, leader, { kind: 'phone', value: '00218912345678', country: 'IT' }).expect(409);
      const document = await identifier(coordinator, driver, { kind: 'travel_document', value: 'A1234567' }).expect(
        400,
      );
      expect(fields(document.body)).toEqual(['country']);
      await identifier(greek, leader, { kind: 'online_handle', value: '@abu' }).expect(403);
    });

    it('proposes a link for targets sharing an identifier, which a coordinator confirms or dismisses', async () => {
      const proposals = async () =>
        (await call(coordinator, 'get', `/api/operations/${operationId}/links/proposals`).expect(200)).body;
      const first = await proposals();
      expect(first.total).toBe(1);
      expect(new Set([first.items[0].first.id, first.items[0].second.id])).toEqual(new Set([leader, pilot]));
      expect(first.items[0].shared).toEqual([{ kind: 'phone', value: '+218912345678' }]);
      await call(italian, 'get', `/api/operations/${operationId}/links/proposals`).expect(403);

      // Confirming is adding the link; the pair is then no longer proposed.
      const link = await call(coordinator, 'post', `/api/targets/${leader}/links`, {
        otherTargetId: pilot,
        type: 'co_offender',
        sourceReliability: 'B',
        informationAssessment: 2,
        note: 'Shared Libyan number',
      }).expect(201);
      expect(link.body.status).toBe('confirmed');
      expect((await proposals()).total).toBe(0);

      await identifier(coordinator, driver, { kind: 'vehicle_plate', value: 'ab-123-cd', country: 'IT' }).expect(201);
      await identifier(coordinator, pilot, { kind: 'vehicle_plate', value: 'AB 123 CD' }).expect(201);
      expect((await proposals()).total).toBe(1);
      await call(coordinator, 'post', `/api/operations/${operationId}/links/proposals/dismiss`, {
        targetId: driver,
        otherId: pilot,
      }).expect(204);
      expect((await proposals()).total).toBe(0);
    });

    it('takes link proposals from investigators, and refuses a link to another operation naming the field', async () => {
      const proposed = await call(italian, 'post', `/api/targets/${driver}/links`, {
        otherTargetId: leader,
        type: 'associate',
        sourceReliability: 'C',
        informationAssessment: 3,
      }).expect(201);
      expect(proposed.body.status).toBe('proposed');
      await call(italian, 'post', `/api/links/${proposed.body.id}/decision`, { status: 'confirmed' }).expect(403);
      const decided = await call(coordinator, 'post', `/api/links/${proposed.body.id}/decision`, {
        status: 'confirmed',
      });
      expect(decided.status).toBe(200);
      expect(decided.body.status).toBe('confirmed');
      await call(coordinator, 'post', `/api/links/${proposed.body.id}/decision`, { status: 'dismissed' }).expect(409);
      const foreign = await call(italian, 'post', `/api/targets/${driver}/links`, {
        otherTargetId: foreignTarget,
        type: 'family',
        sourceReliability: 'B',
        informationAssessment: 2,
      }).expect(400);
      expect(fields(foreign.body)).toEqual(['otherTargetId']);
      const again = await call(coordinator, 'post', `/api/targets/${leader}/links`, {
        otherTargetId: driver,
        type: 'associate',
        sourceReliability: 'B',
        informationAssessment: 2,
      }).expect(409);
      expect(fields(again.body)).toEqual(['type']);
    });

    it('shows identifiers and links drawn from an H2 lead only to who may read the lead', async () => {
      restrictedLead = await fixture.lead(greek, driver, { handlingCode: 'H2', country: 'GR' });
      await call(greek, 'post', `/api/leads/${restrictedLead}/identifiers`, {
        kind: 'phone',
        value: '+218 91 234 5678',
      }).expect(201);
      await call(greek, 'post', `/api/targets/${driver}/links`, {
        otherTargetId: pilot,
        type: 'financial',
        sourceReliability: 'A',
        informationAssessment: 1,
        leadId: restrictedLead,
      }).expect(201);
      await call(italian, 'post', `/api/leads/${restrictedLead}/identifiers`, {
        kind: 'phone',
        value: '+218 91 234 5678',
      }).expect(404);

      const phonesOf = async (user: TestUser) =>
        ((await call(user, 'get', `/api/targets/${driver}/identifiers`).expect(200)).body as { kind: string }[]).filter(
          (row) => row.kind === 'phone',
        ).length;
      expect(await phonesOf(greek)).toBe(1);
      expect(await phonesOf(coordinator)).toBe(1);
      expect(await phonesOf(italian)).toBe(0);
      const linkTypes = async (user: TestUser) =>
        ((await call(user, 'get', `/api/targets/${driver}/links`).expect(200)).body as { type: string }[])
          .map((row) => row.type)
          .sort();
      expect(await linkTypes(greek)).toEqual(['associate', 'financial']);
      expect(await linkTypes(italian)).toEqual(['associate']);

      // The graph: what Greece may read shows the driver sharing the Libyan phone; Italy's does not.
      const shared = (body: GraphBody) =>
        body.edges
          .filter((edge) => edge.kind === 'shared_identifier' && edge.target === 'identifier:phone:+218912345678')
          .map((edge) => edge.source)
          .sort();
      const greekGraph = await graph(greek);
      const italianGraph = await graph(italian);
      expect(shared(greekGraph)).toEqual([`target:${driver}`, `target:${leader}`, `target:${pilot}`].sort());
      expect(shared(italianGraph)).toEqual([`target:${leader}`, `target:${pilot}`].sort());
      expect(greekGraph.edges.filter((edge) => edge.kind === 'link')).toHaveLength(3);
      expect(italianGraph.edges.filter((edge) => edge.kind === 'link')).toHaveLength(2);
    });

    it('answers the graph with each member, its roles and status, and audits the read', async () => {
      await call(coordinator, 'post', `/api/targets/${pilot}/status`, { status: 'arrested', country: 'IT' }).expect(
        200,
      );
      const before = await auditCount('network.graph.read');
      const body = await graph(coordinator);
      expect(await auditCount('network.graph.read')).toBe(before + 1);
      const targets = body.nodes.filter((node) => node.kind === 'target');
      expect(targets).toHaveLength(3);
      expect(targets.find((node) => node.id === `target:${pilot}`)).toMatchObject({
        status: 'arrested',
        roles: ['boat_pilot'],
      });
      expect(targets.find((node) => node.id === `target:${leader}`)?.roles).toEqual(['leader', 'leader']);
      expect(body.edges.filter((edge) => edge.kind === 'membership')).toHaveLength(4);
      const ids = new Set(body.nodes.map((node) => node.id));
      for (const edge of body.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    });
  });

  describe('taken down, measured', () => {
    interface NetworkRow {
      name: string;
      members: number;
      arrested: number;
      stillAtLarge: number;
      leadersAndOrganisers: number;
      leadersAndOrganisersArrested: number;
      shareAtLarge: number;
      takedown: string;
    }
    const zuwara = async () => {
      const status = await call(coordinator, 'post', `/api/operations/${operationId}/status/refresh`).expect(201);
      return (status.body.networks as NetworkRow[]).find((row) => row.name === 'Zuwara  network')!;
    };
    const arrest = (targetId: string) =>
      call(coordinator, 'post', `/api/targets/${targetId}/status`, { status: 'arrested', country: 'IT' }).expect(200);

    it('counts each network in the roll-up, and calls it disrupted, then dismantled, by the documented rule', async () => {
      // The boat pilot is arrested; the leader and the driver are still at large.
      expect(await zuwara()).toMatchObject({
        members: 3,
        arrested: 1,
        stillAtLarge: 2,
        leadersAndOrganisers: 1,
        leadersAndOrganisersArrested: 0,
        shareAtLarge: 0.67,
        takedown: 'not_disrupted',
      });
      await arrest(leader);
      expect(await zuwara()).toMatchObject({ arrested: 2, leadersAndOrganisersArrested: 1, takedown: 'disrupted' });
      await arrest(driver);
      expect(await zuwara()).toMatchObject({ arrested: 3, stillAtLarge: 0, shareAtLarge: 0, takedown: 'dismantled' });
    });

    it('shows network figures to coordinators and observers, not to investigators', async () => {
      const observed = await call(observer, 'get', `/api/operations/${operationId}/status`).expect(200);
      expect(observed.body.networks.map((row: NetworkRow) => row.name)).toContain('Zuwara  network');
      const investigated = await call(italian, 'get', `/api/operations/${operationId}/status`).expect(200);
      expect(investigated.body.networks).toBeNull();
    });

    it('exports the same figures as a Networks file and in the JSON results', async () => {
      await dragnet.startWorker();
      try {
        const exported = async (body: object) => {
          const requested = await call(coordinator, 'post', `/api/operations/${operationId}/exports`, body).expect(202);
          for (let attempt = 0; attempt < 300; attempt++) {
            const state = await call(coordinator, 'get', `/api/exports/${requested.body.id}`).expect(200);
            if (state.body.status === 'ready')
              return (await call(coordinator, 'get', `/api/exports/${requested.body.id}/download`).buffer(true)).text;
            if (state.body.status === 'failed') throw new Error(JSON.stringify(state.body));
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          throw new Error('export never became ready');
        };
        const csv = (await exported({ format: 'csv', scope: 'networks' })).replace(/^\uFEFF/, '').split('\r\n');
        expect(csv[0]).toBe(
          'network,network_status,members,arrested,located,still_at_large,leaders_and_organisers,leaders_and_organisers_arrested,share_at_large,takedown',
        );
        expect(csv).toContain('Zuwara  network,active,3,3,0,0,1,1,0,dismantled');
        const json = JSON.parse(await exported({ format: 'json', scope: 'summary' }));
        const status = await call(coordinator, 'get', `/api/operations/${operationId}/status`).expect(200);
        expect(json.networks).toEqual(status.body.networks);
      } finally {
        await dragnet.stopWorkers();
      }
    });
  });

  describe('the network column of target imports', () => {
    let nominationOperation: string;
    const importCsv = (user: TestUser, rows: string[]) =>
      dragnet.http
        .post(`/api/operations/${nominationOperation}/targets/import`)
        .set(bearer(user))
        .set('Content-Type', 'text/csv')
        .send(
          [
            'nominating_reference,family_name,wanted_by_country,nominating_country,smuggling_role,network',
            ...rows,
          ].join('\n'),
        );
    const membersOf = (name: string) =>
      dragnet.dataSource.query(
        `SELECT t.nominating_reference AS reference, m.role::text AS role FROM networks n
         JOIN network_members m ON m.network_id = n.id JOIN targets t ON t.id = m.target_id
         WHERE n.operation_id = $1 AND n.name = $2 ORDER BY 1`,
        [nominationOperation, name],
      );

    beforeAll(async () => {
      nominationOperation = await fixture.operation(['IT', 'GR']);
      await fixture.advance(nominationOperation, 'nomination');
    });

    it("links a coordinator's rows to networks by name or alias, recording new names as networks", async () => {
      const known = await call(coordinator, 'post', `/api/operations/${nominationOperation}/networks`, {
        name: 'Sabratha ring',
        aliases: ['The Sabratha boys'],
      }).expect(201);
      const answer = await importCsv(coordinator, [
        'C-1,Omar,IT,IT,organiser,sabratha RING',
        'C-2,Yusuf,IT,IT,transporter,The  Sabratha boys',
        'C-3,Idris,GR,GR,,Kufra route',
        'C-4,Salem,GR,GR,,',
      ]).expect(200);
      expect(answer.body).toMatchObject({ created: 4, errorCount: 0 });
      expect(await membersOf('Sabratha ring')).toEqual([
        { reference: 'C-1', role: 'organiser' },
        { reference: 'C-2', role: 'transporter_or_driver' },
      ]);
      expect(await membersOf('Kufra route')).toEqual([{ reference: 'C-3', role: 'other' }]);
      const listed = await call(coordinator, 'get', `/api/operations/${nominationOperation}/networks`).expect(200);
      expect(listed.body.items.map((item: { id: string; name: string }) => item.name).sort()).toEqual([
        'Kufra route',
        'Sabratha ring',
      ]);
      expect(listed.body.items.some((item: { id: string }) => item.id === known.body.id)).toBe(true);
      // Importing the same file again updates the nominations and adds no membership twice.
      await importCsv(coordinator, ['C-1,Omar,IT,IT,organiser,Sabratha ring']).expect(200);
      expect(await membersOf('Sabratha ring')).toHaveLength(2);
    });

    it('lets an investigator name only a network it can see, and rejects the file otherwise naming the row', async () => {
      const refused = await importCsv(italian, ['I-1,Bashir,IT,,recruiter,Sabratha ring', 'I-2,Amin,IT,,,Nowhere']);
      expect(refused.status).toBe(422);
      expect(refused.body.details ?? refused.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ row: 3, field: 'network' })]),
      );
      // Italy sees the Sabratha ring through its own nominations (C-1, C-2).
      const taken = await importCsv(italian, ['I-1,Bashir,IT,,recruiter,Sabratha ring']).expect(200);
      expect(taken.body.created).toBe(1);
      expect(await membersOf('Sabratha ring')).toContainEqual({ reference: 'I-1', role: 'recruiter' });
      // Greece cannot see the ring (its members are Italian nominations): the same answer as for no network.
      const greekRow = await importCsv(greek, ['G-1,Nikos,GR,,,Sabratha ring']);
      expect(greekRow.status).toBe(422);
    });
  });

  it('refuses changes once the operation is closed', async () => {
    await fixture.advance(otherOperationId, 'closed');
    await call(coordinator, 'post', `/api/operations/${otherOperationId}/networks`, { name: 'Late' }).expect(409);
  });

  it('turns the free-text network names of targets into networks when migrating', async () => {
    const legacy = await fixture.operation(['IT']);
    const first = await fixture.target(legacy, 'IT', 'accepted', 'Omar');
    const second = await fixture.target(legacy, 'IT', 'accepted', 'Yusuf');
    await call(coordinator, 'patch', `/api/targets/${first}`, {
      networkName: 'Sabratha ring',
      smugglingRole: 'organiser',
      version: 2,
    }).expect(200);
    await call(coordinator, 'patch', `/api/targets/${second}`, { networkName: ' sabratha  RING ', version: 2 }).expect(
      200,
    );
    const runner = dragnet.dataSource.createQueryRunner();
    try {
      const migration = new Networks1796189028679();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const rows = await dragnet.dataSource.query(
      `SELECT n.name, m.target_id, m.role::text AS role FROM networks n JOIN network_members m ON m.network_id = n.id
       WHERE n.operation_id = $1 ORDER BY m.role`,
      [legacy],
    );
    expect(rows).toEqual([
      { name: 'Sabratha ring', target_id: first, role: 'organiser' },
      { name: 'Sabratha ring', target_id: second, role: 'other' },
    ]);
  });
});
