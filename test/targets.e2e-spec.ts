import { Role } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

describe('Target lists: nominating, accepting, searching, history, warrants', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let spanish: TestUser;
  let observer: TestUser;
  let operationId: string;

  const suspect = {
    familyName: 'Al Masri',
    givenNames: 'Mohammed',
    aliases: ['Abu Yusuf'],
    sex: 'M',
    birthDate: '1979-03-14',
    nationalities: ['eg'],
    identityDocuments: [{ type: 'passport', number: 'A1234567', issuingCountry: 'EG' }],
    wantedByCountry: 'IT',
    offenceCategories: ['migrant_smuggling'],
    smugglingRole: 'organiser',
    priority: 'high',
  };

  async function nominate(user: TestUser, body: object = suspect) {
    const response = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(user))
      .send(body)
      .expect(201);
    return response.body as { id: string; reference: string; version: number; status: string };
  }

  async function move(user: TestUser, id: string, body: object, status = 200) {
    return dragnet.http.post(`/api/targets/${id}/status`).set(bearer(user)).send(body).expect(status);
  }

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, italian, greek, spanish, observer] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'ES'),
      dragnet.user(Role.Observer),
    ]);
    const operation = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'HYDRA-2016', name: 'Operation Hydra' })
      .expect(201);
    operationId = operation.body.id;
    for (const country of ['IT', 'GR']) {
      await dragnet.http
        .post(`/api/operations/${operationId}/participants`)
        .set(bearer(coordinator))
        .send({
          country,
          roles: ['destination'],
          ncbName: `NCB ${country}`,
          focalPointEmails: [`fp@${country}.example`],
        })
        .expect(201);
    }
    await dragnet.http
      .post(`/api/operations/${operationId}/members`)
      .set(bearer(coordinator))
      .send({ userId: observer.id })
      .expect(201);
  });
  afterAll(() => dragnet.close());

  it('lets an investigator nominate for its own country, with a readable reference and derived birth year', async () => {
    const target = await nominate(italian);
    expect(target).toMatchObject({
      reference: 'HYDRA-2016-0001',
      status: 'nominated',
      nominatingCountry: 'IT',
      wantedByCountry: 'IT',
      nationalities: ['EG'],
      birthYear: 1979,
      version: 1,
    });
    const second = await nominate(italian, { ...suspect, familyName: 'Haddad', givenNames: 'Karim' });
    expect(second.reference).toBe('HYDRA-2016-0002');
  });

  it('refuses a nomination for another country, from a non-participant, and from observers', async () => {
    const other = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(italian))
      .send({ ...suspect, nominatingCountry: 'GR' })
      .expect(403);
    expect(other.body.message).toContain('own country');
    await dragnet.http.post(`/api/operations/${operationId}/targets`).set(bearer(spanish)).send(suspect).expect(404);
    await dragnet.http.post(`/api/operations/${operationId}/targets`).set(bearer(observer)).send(suspect).expect(403);
  });

  it('validates every field and names each bad one', async () => {
    const response = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(italian))
      .send({
        familyName: '',
        sex: 'X',
        birthDate: '1979-02-30',
        nationalities: ['ZZ'],
        wantedByCountry: 'XX',
        priority: 'urgent',
        heightCm: -1,
        identityDocuments: [{ type: 'passport' }],
      })
      .expect(400);
    const fields = response.body.details.map((detail: { field: string }) => detail.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'familyName',
        'sex',
        'birthDate',
        'nationalities',
        'wantedByCountry',
        'priority',
        'heightCm',
        'identityDocuments[0].number',
      ]),
    );
    const mismatch = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(italian))
      .send({ ...suspect, birthYear: 1980 })
      .expect(400);
    expect(mismatch.body.details).toEqual([{ field: 'birthYear', message: 'birthYear does not match birthDate' }]);
    const ancient = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(italian))
      .send({ ...suspect, birthDate: '1850-01-01' })
      .expect(400);
    expect(ancient.body.details).toEqual([{ field: 'birthDate', message: 'birthDate must be between 1900 and 2100' }]);
  });

  it('shows nominated targets only to coordinators and the nominating country, accepted ones to every participant', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Visible', givenNames: 'Test' });
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(greek)).expect(404);
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(observer)).expect(404);
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(italian)).expect(200);
    await move(italian, target.id, { status: 'accepted' }, 403);
    await move(coordinator, target.id, { status: 'accepted' });
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(greek)).expect(200);
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(observer)).expect(200);
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(spanish)).expect(404);
    const greekList = await dragnet.http
      .get(`/api/operations/${operationId}/targets?limit=500`)
      .set(bearer(greek))
      .expect(200);
    expect(greekList.body.items.every((item: { status: string }) => item.status !== 'nominated')).toBe(true);
    expect(greekList.body.items.map((item: { id: string }) => item.id)).toContain(target.id);
  });

  it('follows the status workflow, records who, when and where, and names the allowed moves', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Workflow' });
    const early = await move(coordinator, target.id, { status: 'arrested', country: 'IT' }, 409);
    expect(early.body.message).toBe("Target cannot move from 'nominated' to 'arrested'; allowed: accepted, rejected");
    await move(coordinator, target.id, { status: 'accepted', note: 'confirmed by FIS' });
    await move(italian, target.id, { status: 'located', country: 'GR' }, 403);
    const located = await move(greek, target.id, {
      status: 'located',
      at: '2016-05-10T08:30:00Z',
      note: 'address in Piraeus',
    });
    expect(located.body).toMatchObject({
      status: 'located',
      locatedCountry: 'GR',
      locatedAt: '2016-05-10T08:30:00.000Z',
    });
    await move(coordinator, target.id, { status: 'accepted', note: 'trace lost' });
    await move(coordinator, target.id, { status: 'arrested' }, 400);
    const arrested = await move(coordinator, target.id, {
      status: 'arrested',
      country: 'gr',
      at: '2016-05-12T06:00:00Z',
    });
    expect(arrested.body).toMatchObject({ status: 'arrested', arrestedCountry: 'GR' });
    await move(coordinator, target.id, { status: 'extradited' });
    const history = await dragnet.http.get(`/api/targets/${target.id}/history`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((change: { toStatus: string }) => change.toStatus)).toEqual([
      'nominated',
      'accepted',
      'located',
      'accepted',
      'arrested',
      'extradited',
    ]);
    expect(history.body[2]).toMatchObject({
      fromStatus: 'accepted',
      country: 'GR',
      actorId: greek.id,
      actorRole: 'investigator',
      note: 'address in Piraeus',
    });
    expect(history.body[1]).toMatchObject({ actorId: coordinator.id, note: 'confirmed by FIS' });
  });

  it('rejects a stale version with 409 and keeps the first change', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Stale' });
    await dragnet.http
      .patch(`/api/targets/${target.id}`)
      .set(bearer(italian))
      .send({ networkName: 'First', version: 1 })
      .expect(200);
    const stale = await dragnet.http
      .patch(`/api/targets/${target.id}`)
      .set(bearer(coordinator))
      .send({ networkName: 'Second', version: 1 })
      .expect(409);
    expect(stale.body.details).toEqual([{ field: 'version', message: 'current version is 2' }]);
    const current = await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(coordinator)).expect(200);
    expect(current.body).toMatchObject({ networkName: 'First', version: 2 });
    await dragnet.http
      .patch(`/api/targets/${target.id}`)
      .set(bearer(coordinator))
      .send({ networkName: 'No version' })
      .expect(400);
    await move(coordinator, target.id, { status: 'accepted', version: 1 }, 409);
  });

  it('lets the nominating country edit only while nominated, and never mass-assigns status or ids', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Editable' });
    const sneaky = await dragnet.http
      .patch(`/api/targets/${target.id}`)
      .set(bearer(italian))
      .send({ status: 'accepted', operationId, reference: 'X', version: 1 })
      .expect(400);
    expect(sneaky.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'operationId',
      'reference',
      'status',
    ]);
    await move(coordinator, target.id, { status: 'accepted' });
    await dragnet.http
      .patch(`/api/targets/${target.id}`)
      .set(bearer(italian))
      .send({ networkName: 'x', version: 2 })
      .expect(403);
  });

  it('finds names across transliterations and typos', async () => {
    const muhammad = await nominate(italian, {
      ...suspect,
      familyName: 'Almasri',
      givenNames: 'Muhammad',
      aliases: [],
    });
    const yusuf = await nominate(italian, {
      ...suspect,
      familyName: 'Benali',
      givenNames: 'Youssef',
      aliases: ['Abdel Karim'],
    });
    const search = async (q: string) => {
      const response = await dragnet.http
        .get(`/api/operations/${operationId}/targets`)
        .query({ q })
        .set(bearer(coordinator))
        .expect(200);
      return response.body.items.map((item: { id: string }) => item.id) as string[];
    };
    expect(await search('Mohamed Al-Masri')).toContain(muhammad.id);
    expect(await search('Yusuf Ben Ali')).toContain(yusuf.id);
    expect(await search('abdul karim')).toContain(yusuf.id);
    expect(await search('Yousef')).not.toContain(muhammad.id);
  });

  it('proposes likely duplicates to coordinators and forgets a dismissed pair', async () => {
    const first = await nominate(italian, {
      ...suspect,
      familyName: 'Haddadin',
      givenNames: 'Youssef',
      birthDate: '1985-07-01',
      identityDocuments: [],
    });
    const second = await nominate(greek, {
      ...suspect,
      familyName: 'Hadadin',
      givenNames: 'Yusuf',
      birthDate: '1985-07-01',
      wantedByCountry: 'IT',
      identityDocuments: [],
    });
    await dragnet.http.get(`/api/operations/${operationId}/targets/duplicates`).set(bearer(italian)).expect(403);
    const pairs = await dragnet.http
      .get(`/api/operations/${operationId}/targets/duplicates?limit=500`)
      .set(bearer(coordinator))
      .expect(200);
    const ids = (pair: { first: { id: string }; second: { id: string } }) =>
      [pair.first.id, pair.second.id].sort().join();
    const wanted = [first.id, second.id].sort().join();
    const pair = pairs.body.items.find(
      (item: { first: { id: string }; second: { id: string } }) => ids(item) === wanted,
    );
    expect(pair.score).toBeGreaterThanOrEqual(0.5);
    expect(pair.reasons.map((reason: { code: string }) => reason.code)).toEqual(
      expect.arrayContaining(['similar_names', 'same_birth_date']),
    );
    await dragnet.http
      .post(`/api/operations/${operationId}/targets/duplicates/dismiss`)
      .set(bearer(coordinator))
      .send({ targetId: first.id, otherId: second.id })
      .expect(204);
    const after = await dragnet.http
      .get(`/api/operations/${operationId}/targets/duplicates?limit=500`)
      .set(bearer(coordinator))
      .expect(200);
    expect(
      after.body.items.filter((item: { first: { id: string }; second: { id: string } }) => ids(item) === wanted),
    ).toHaveLength(0);
  });

  it('merges a duplicate into the record that stays, keeping its names, warrants and history', async () => {
    const survivor = await nominate(italian, {
      ...suspect,
      familyName: 'Almasri',
      givenNames: 'Muhamad',
      aliases: [],
      heightCm: null,
      identityDocuments: [],
    });
    const duplicate = await nominate(greek, {
      ...suspect,
      familyName: 'El-Masry',
      givenNames: 'Mohamed',
      aliases: ['Abu Yusuf'],
      heightCm: 178,
      wantedByCountry: 'IT',
    });
    await move(coordinator, duplicate.id, { status: 'accepted' });
    await dragnet.http
      .post(`/api/targets/${duplicate.id}/warrants`)
      .set(bearer(coordinator))
      .send({ issuingCountry: 'IT', reference: 'W-1', wantedFor: 'prosecution' })
      .expect(201);
    await dragnet.http
      .post(`/api/targets/${duplicate.id}/merge`)
      .set(bearer(italian))
      .send({ intoId: survivor.id })
      .expect(403);
    await dragnet.http
      .post(`/api/targets/${duplicate.id}/merge`)
      .set(bearer(coordinator))
      .send({ intoId: duplicate.id })
      .expect(400);
    const merged = await dragnet.http
      .post(`/api/targets/${duplicate.id}/merge`)
      .set(bearer(coordinator))
      .send({ intoId: survivor.id })
      .expect(200);
    expect(merged.body.aliases).toEqual(expect.arrayContaining(['Mohamed El-Masry', 'Abu Yusuf']));
    expect(merged.body).toMatchObject({ id: survivor.id, heightCm: 178 });
    expect(merged.body.identityDocuments).toEqual(suspect.identityDocuments);
    const warrants = await dragnet.http
      .get(`/api/targets/${survivor.id}/warrants`)
      .set(bearer(coordinator))
      .expect(200);
    expect(warrants.body.map((warrant: { reference: string }) => warrant.reference)).toEqual(['W-1']);
    const history = await dragnet.http.get(`/api/targets/${survivor.id}/history`).set(bearer(coordinator)).expect(200);
    expect(history.body.map((change: { toStatus: string }) => change.toStatus)).toEqual([
      'nominated',
      'nominated',
      'accepted',
      'nominated',
    ]);
    expect(history.body.at(-1).note).toBe(`Merged ${duplicate.reference} into ${survivor.reference}`);
    await dragnet.http.get(`/api/targets/${duplicate.id}`).set(bearer(coordinator)).expect(404);
    await dragnet.http
      .post(`/api/targets/${duplicate.id}/merge`)
      .set(bearer(coordinator))
      .send({ intoId: survivor.id })
      .expect(404);
    const search = await dragnet.http
      .get(`/api/operations/${operationId}/targets`)
      .query({ q: 'Abu Yusuf' })
      .set(bearer(coordinator))
      .expect(200);
    expect(search.body.items.map((item: { id: string }) => item.id)).toContain(survivor.id);
    expect(search.body.items.map((item: { id: string }) => item.id)).not.toContain(duplicate.id);
  });

  it('filters the list', async () => {
    const greekWanted = await nominate(greek, {
      ...suspect,
      familyName: 'Papadopoulos',
      wantedByCountry: 'GR',
      nationalities: ['AL'],
      priority: 'low',
    });
    const byWanted = await dragnet.http
      .get(`/api/operations/${operationId}/targets?wantedBy=gr`)
      .set(bearer(coordinator))
      .expect(200);
    expect(byWanted.body.items.map((item: { id: string }) => item.id)).toEqual([greekWanted.id]);
    const byNationality = await dragnet.http
      .get(`/api/operations/${operationId}/targets?nationality=AL&priority=low&nominatingCountry=GR&status=nominated`)
      .set(bearer(coordinator))
      .expect(200);
    expect(byNationality.body.total).toBe(1);
    const byOffence = await dragnet.http
      .get(`/api/operations/${operationId}/targets?offence=corruption`)
      .set(bearer(coordinator))
      .expect(200);
    expect(byOffence.body.total).toBe(0);
  });

  it('sorts the list by a whitelisted key, both ways, with the reference breaking ties, and pages without overlap', async () => {
    for (const [familyName, givenNames] of [
      ['Zeller', 'Anna'],
      ['abbas', 'Omar'],
      ['Zeller', 'Anna'],
      ['Moreau', 'Luc'],
    ])
      await nominate(coordinator, {
        ...suspect,
        familyName,
        givenNames,
        nominatingCountry: 'IT',
        identityDocuments: [],
        aliases: [],
      });
    type Item = {
      id: string;
      reference: string;
      familyName: string;
      givenNames: string;
      status: string;
      updatedAt: string;
    };
    const list = async (query: string, user: TestUser = coordinator) =>
      (
        await dragnet.http
          .get(`/api/operations/${operationId}/targets?limit=500&${query}`)
          .set(bearer(user))
          .expect(200)
      ).body as { items: Item[]; total: number };
    // What PostgreSQL's collation does with case is its business; the order must match its own ORDER BY.
    const collated = async (columns: string, direction: 'ASC' | 'DESC') =>
      (
        (await dragnet.dataSource.query(
          `SELECT id FROM targets WHERE operation_id = $1 AND merged_into_id IS NULL
            ORDER BY ${[...columns.split(', '), 'reference'].map((column) => `${column} ${direction}`).join(', ')}`,
          [operationId],
        )) as { id: string }[]
      ).map((row) => row.id);
    const ids = (page: { items: Item[] }) => page.items.map((item) => item.id);

    const byName = await list('sort=name');
    expect(byName.total).toBeGreaterThanOrEqual(6);
    expect(ids(byName)).toEqual(await collated('family_name, given_names', 'ASC'));
    const twins = byName.items.filter((item) => item.familyName === 'Zeller');
    expect(twins.map((item) => item.reference)).toEqual(twins.map((item) => item.reference).sort());
    expect(ids(await list('sort=-name'))).toEqual(await collated('family_name, given_names', 'DESC'));
    expect(ids(await list('sort=status'))).toEqual(await collated('status', 'ASC'));
    expect(ids(await list('sort=-updatedAt'))).toEqual(await collated('updated_at', 'DESC'));
    expect(ids(await list('sort=wantedBy'))).toEqual(await collated('wanted_by_country', 'ASC'));

    // Pages of two, sorted by a key with ties, put together give the whole list once.
    const paged: string[] = [];
    for (let offset = 0; offset < byName.total; offset += 2) {
      const page = await dragnet.http
        .get(`/api/operations/${operationId}/targets?sort=-status&limit=2&offset=${offset}`)
        .set(bearer(coordinator))
        .expect(200);
      paged.push(...ids(page.body));
    }
    expect(paged).toEqual(ids(await list('sort=-status')));

    // A search keeps its filter and takes the order asked for instead of the closest spelling.
    const searched = await list('q=Zeller&sort=-name');
    expect(searched.items.map((item) => item.familyName)).toEqual(['Zeller', 'Zeller']);
    expect(searched.items[0].reference > searched.items[1].reference).toBe(true);

    // Need-to-know still holds: an investigator's sorted list is its filtered list in another order.
    const greekIds = ids(await list('', greek)).sort();
    expect(ids(await list('sort=name', greek)).sort()).toEqual(greekIds);

    for (const sort of ['family_name', 'name;DROP TABLE targets', '+name', 'NAME', '--name']) {
      const refused = await dragnet.http
        .get(`/api/operations/${operationId}/targets`)
        .query({ sort })
        .set(bearer(coordinator))
        .expect(400);
      expect(refused.body.details).toEqual([
        { field: 'sort', message: expect.stringContaining('sort must be one of: reference, -reference, name, -name') },
      ]);
    }
  });

  it('manages warrants for the wanting country and coordinators, validated', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Warrant' });
    const created = await dragnet.http
      .post(`/api/targets/${target.id}/warrants`)
      .set(bearer(italian))
      .send({
        issuingCountry: 'it',
        issuingAuthority: 'Tribunale di Palermo',
        reference: 'RG 123/2015',
        wantedFor: 'prosecution',
        maximumPenaltyMonths: 180,
      })
      .expect(201);
    expect(created.body).toMatchObject({ issuingCountry: 'IT', wantedFor: 'prosecution', maximumPenaltyMonths: 180 });
    const bad = await dragnet.http
      .post(`/api/targets/${target.id}/warrants`)
      .set(bearer(italian))
      .send({ issuingCountry: 'XX', wantedFor: 'fun', maximumPenaltyMonths: -3 })
      .expect(400);
    expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'issuingCountry',
      'maximumPenaltyMonths',
      'wantedFor',
    ]);
    await dragnet.http
      .post(`/api/targets/${target.id}/warrants`)
      .set(bearer(greek))
      .send({ issuingCountry: 'GR', wantedFor: 'sentence' })
      .expect(404);
    const changed = await dragnet.http
      .patch(`/api/targets/${target.id}/warrants/${created.body.id}`)
      .set(bearer(coordinator))
      .send({ sentenceImposedMonths: 48 })
      .expect(200);
    expect(changed.body.sentenceImposedMonths).toBe(48);
    const list = await dragnet.http.get(`/api/targets/${target.id}/warrants`).set(bearer(italian)).expect(200);
    expect(list.body).toHaveLength(1);
    await dragnet.http.delete(`/api/targets/${target.id}/warrants/${created.body.id}`).set(bearer(italian)).expect(204);
    await dragnet.http.delete(`/api/targets/${target.id}/warrants/${created.body.id}`).set(bearer(italian)).expect(404);
  });

  it('audits every change', async () => {
    const target = await nominate(italian, { ...suspect, familyName: 'Audited' });
    await move(coordinator, target.id, { status: 'rejected', note: 'insufficient basis' });
    const actions = await dragnet.dataSource.query(
      `SELECT action, actor_id FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
      [target.id],
    );
    expect(actions).toEqual([
      { action: 'target.create', actor_id: italian.id },
      { action: 'target.status', actor_id: coordinator.id },
    ]);
    await dragnet.http.get(`/api/targets/${target.id}`).set(bearer(greek)).expect(404);
  });
});
