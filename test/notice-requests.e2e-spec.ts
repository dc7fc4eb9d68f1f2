import { addMonths, Role, todayUtc } from '@dragnet/domain';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

interface RequestBody {
  id: string;
  status: string;
  version: number;
  [field: string]: unknown;
}

describe('Notice and diffusion requests', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let spanish: TestUser;
  let german: TestUser;
  let observer: TestUser;
  let operationId: string;
  let referenceCount = 0;

  /** Enough to identify the person for a red notice. */
  const identified = {
    familyName: 'Al Masri',
    givenNames: 'Mohammed',
    birthDate: '1979-03-14',
    identityDocuments: [{ type: 'passport', number: 'A1234567', issuingCountry: 'EG' }],
    wantedByCountry: 'IT',
    nominatingCountry: 'IT',
  };
  const goodWarrant = {
    issuingCountry: 'IT',
    reference: 'RG 123/2015',
    wantedFor: 'prosecution',
    maximumPenaltyMonths: 24,
  };
  const nextReference = () => `2016/${String(++referenceCount).padStart(5, '0')}`;
  const fieldsOf = (details: { field: string }[]) => details.map((detail) => detail.field);

  /** An accepted target, wanted by Italy unless told otherwise. */
  async function target(overrides: object = {}, operation = operationId): Promise<string> {
    const created = await dragnet.http
      .post(`/api/operations/${operation}/targets`)
      .set(bearer(coordinator))
      .send({ ...identified, ...overrides })
      .expect(201);
    await dragnet.http
      .post(`/api/targets/${created.body.id}/status`)
      .set(bearer(coordinator))
      .send({ status: 'accepted' })
      .expect(200);
    return created.body.id as string;
  }

  async function warrant(targetId: string, body: object = goodWarrant): Promise<string> {
    const response = await dragnet.http
      .post(`/api/targets/${targetId}/warrants`)
      .set(bearer(coordinator))
      .send(body)
      .expect(201);
    return response.body.id as string;
  }

  async function draft(user: TestUser, targetId: string, body: object, status = 201) {
    const response = await dragnet.http.post(`/api/targets/${targetId}/requests`).set(bearer(user)).send(body);
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body as RequestBody;
  }

  async function move(user: TestUser, requestId: string, body: object, status = 200) {
    const response = await dragnet.http.post(`/api/requests/${requestId}/transitions`).set(bearer(user)).send(body);
    expect([response.status, response.body]).toEqual([status, expect.anything()]);
    return response.body as RequestBody & { message: string; details?: { field: string; message: string }[] };
  }

  async function read(user: TestUser, requestId: string, status = 200) {
    const response = await dragnet.http.get(`/api/requests/${requestId}`).set(bearer(user)).expect(status);
    return response.body as RequestBody;
  }

  /** A red notice request that meets every rule, drafted by Italy. */
  async function compliantRedRequest(): Promise<RequestBody> {
    const targetId = await target();
    await warrant(targetId);
    return draft(italian, targetId, { type: 'red', article3Attested: true, summary: 'Organiser of crossings' });
  }

  /** Drafted, submitted, reviewed and published. */
  async function publishedRedNotice(publishedAt?: string): Promise<RequestBody> {
    const request = await compliantRedRequest();
    await move(italian, request.id, { to: 'submitted' });
    await move(coordinator, request.id, { to: 'under_review' });
    return move(coordinator, request.id, { to: 'published', reference: nextReference(), publishedAt });
  }

  async function participant(operation: string, country: string) {
    await dragnet.http
      .post(`/api/operations/${operation}/participants`)
      .set(bearer(coordinator))
      .send({ country, roles: ['destination'], ncbName: `NCB ${country}`, focalPointEmails: [`fp@${country}.example`] })
      .expect(201);
  }

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, italian, greek, spanish, german, observer] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'ES'),
      dragnet.user(Role.Investigator, 'DE'),
      dragnet.user(Role.Observer),
    ]);
    const operation = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'HYDRA-2016', name: 'Operation Hydra' })
      .expect(201);
    operationId = operation.body.id;
    for (const country of ['IT', 'GR', 'ES']) await participant(operationId, country);
    await dragnet.http
      .post(`/api/operations/${operationId}/members`)
      .set(bearer(coordinator))
      .send({ userId: observer.id })
      .expect(201);
  });
  afterAll(() => dragnet.close());

  describe('drafting', () => {
    it('lets investigators of the wanted-by country and coordinators draft, and nobody else', async () => {
      const targetId = await target();
      const own = await draft(italian, targetId, { type: 'red' });
      expect(own).toMatchObject({
        type: 'red',
        status: 'draft',
        requestingCountry: 'IT',
        requestedBy: italian.id,
        article3Attested: false,
        recipients: [],
        submittedAt: null,
        version: 1,
      });
      const forOther = await draft(italian, targetId, { type: 'yellow', requestingCountry: 'GR' }, 403);
      expect(forOther.message).toContain('own country');
      await draft(greek, targetId, { type: 'blue' }, 403);
      await draft(observer, targetId, { type: 'blue' }, 403);
      await draft(german, targetId, { type: 'blue' }, 404);
      const byCoordinator = await draft(coordinator, targetId, { type: 'blue' });
      expect(byCoordinator.requestingCountry).toBe('IT');
      const forGreece = await draft(coordinator, targetId, { type: 'red', requestingCountry: 'gr' });
      expect(forGreece.requestingCountry).toBe('GR');
    });

    it('keeps one open request of a type per target and requesting country', async () => {
      const targetId = await target();
      const first = await draft(italian, targetId, { type: 'red' });
      const again = await draft(coordinator, targetId, { type: 'red' }, 409);
      expect(again.message).toContain('already has an open red request');
      await move(italian, first.id, { to: 'withdrawn' });
      await draft(italian, targetId, { type: 'red' });
    });

    it('validates the request and refuses recipients on a notice', async () => {
      const targetId = await target();
      const bad = await draft(italian, targetId, { type: 'pink', recipients: ['XX'], status: 'published' }, 400);
      expect(fieldsOf(bad.details as { field: string }[]).sort()).toEqual(['recipients', 'status', 'type']);
      const onNotice = await draft(italian, targetId, { type: 'red', recipients: ['GR'] }, 400);
      expect(onNotice.details).toEqual([
        { field: 'recipients', message: 'recipients are given for diffusions only; a notice goes through review' },
      ]);
      const both = await draft(
        italian,
        targetId,
        { type: 'red_diffusion', recipients: ['GR'], recipientsAll: true },
        400,
      );
      expect(fieldsOf(both.details as { field: string }[])).toEqual(['recipients']);
    });

    it('refuses a request for a rejected target', async () => {
      const created = await dragnet.http
        .post(`/api/operations/${operationId}/targets`)
        .set(bearer(coordinator))
        .send(identified)
        .expect(201);
      await dragnet.http
        .post(`/api/targets/${created.body.id}/status`)
        .set(bearer(coordinator))
        .send({ status: 'rejected' })
        .expect(200);
      const refused = await draft(coordinator, created.body.id, { type: 'red' }, 409);
      expect(refused.message).toBe('No new request for a target that is rejected');
    });

    it('changes a draft only, for its country and coordinators, with the version read', async () => {
      const request = await compliantRedRequest();
      const patch = (user: TestUser, body: object, status: number) =>
        dragnet.http.patch(`/api/requests/${request.id}`).set(bearer(user)).send(body).expect(status);
      const changed = await patch(italian, { summary: 'Runs boats from Zuwara', version: 1 }, 200);
      expect(changed.body).toMatchObject({ summary: 'Runs boats from Zuwara', version: 2 });
      const stale = await patch(coordinator, { summary: 'Second', version: 1 }, 409);
      expect(stale.body.details).toEqual([{ field: 'version', message: 'current version is 2' }]);
      await patch(coordinator, { summary: 'No version' }, 400);
      const sneaky = await patch(italian, { status: 'published', type: 'blue', version: 2 }, 400);
      expect(fieldsOf(sneaky.body.details).sort()).toEqual(['status', 'type']);
      await patch(greek, { summary: 'Not mine', version: 2 }, 404);
      await patch(coordinator, { justification: 'Wanted for 40 crossings', version: 2 }, 200);
      await move(italian, request.id, { to: 'submitted' });
      await patch(greek, { summary: 'Not mine', version: 4 }, 403);
      const late = await patch(italian, { summary: 'Too late', version: 4 }, 409);
      expect(late.body.message).toBe('Only a draft can be changed; this request is submitted');
    });
  });

  describe('red notice rules', () => {
    it('lists every unmet rule in a 422 on submission and changes nothing; the compliance check shows the same', async () => {
      const targetId = await target({ birthDate: null, identityDocuments: [] });
      const request = await draft(italian, targetId, { type: 'red' });
      const compliance = await dragnet.http
        .get(`/api/requests/${request.id}/compliance`)
        .set(bearer(italian))
        .expect(200);
      expect(compliance.body.compliant).toBe(false);
      expect(fieldsOf(compliance.body.problems)).toEqual([
        'warrants',
        'article3Attested',
        'target.birthDate',
        'target.identifiers',
      ]);
      const refused = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(refused.message).toBe('The red notice request does not meet 4 rules');
      expect(refused.details).toEqual(compliance.body.problems);
      expect(await read(italian, request.id)).toMatchObject({ status: 'draft', version: 1, submittedAt: null });
      const history = await dragnet.http.get(`/api/requests/${request.id}/history`).set(bearer(italian)).expect(200);
      expect(history.body.map((change: { toStatus: string }) => change.toStatus)).toEqual(['draft']);
      const audited = await dragnet.dataSource.query(`SELECT action FROM audit_entries WHERE entity_id = $1`, [
        request.id,
      ]);
      expect(audited).toEqual([{ action: 'request.create' }]);
    });

    it('needs a warrant with a reference and at least 24 months for prosecution: 23 is refused, 24 accepted', async () => {
      const targetId = await target();
      const warrantId = await warrant(targetId, { ...goodWarrant, reference: null, maximumPenaltyMonths: 23 });
      const request = await draft(italian, targetId, { type: 'red', article3Attested: true });
      const refused = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(refused.message).toBe('The red notice request does not meet 2 rules');
      expect(fieldsOf(refused.details!)).toEqual(['warrants[0].reference', 'warrants[0].maximumPenaltyMonths']);
      await dragnet.http
        .patch(`/api/targets/${targetId}/warrants/${warrantId}`)
        .set(bearer(italian))
        .send({ reference: 'RG 9/2016' })
        .expect(200);
      const still = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(still.details).toEqual([
        {
          field: 'warrants[0].maximumPenaltyMonths',
          message: 'for prosecution the offence must carry a maximum penalty of at least 24 months (23 given)',
        },
      ]);
      await dragnet.http
        .patch(`/api/targets/${targetId}/warrants/${warrantId}`)
        .set(bearer(italian))
        .send({ maximumPenaltyMonths: 24 })
        .expect(200);
      expect(await move(italian, request.id, { to: 'submitted' })).toMatchObject({ status: 'submitted' });
    });

    it('needs at least 6 months imposed or remaining for a sentence: 5 is refused, 6 accepted', async () => {
      const targetId = await target();
      const warrantId = await warrant(targetId, {
        issuingCountry: 'IT',
        reference: 'SE 4/2014',
        wantedFor: 'sentence',
        sentenceImposedMonths: 5,
        sentenceRemainingMonths: 5,
      });
      const request = await draft(italian, targetId, { type: 'red', article3Attested: true });
      const refused = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(fieldsOf(refused.details!)).toEqual(['warrants[0].sentenceImposedMonths']);
      await dragnet.http
        .patch(`/api/targets/${targetId}/warrants/${warrantId}`)
        .set(bearer(coordinator))
        .send({ sentenceRemainingMonths: 6 })
        .expect(200);
      const compliance = await dragnet.http
        .get(`/api/requests/${request.id}/compliance`)
        .set(bearer(coordinator))
        .expect(200);
      expect(compliance.body).toEqual({ compliant: true, problems: [] });
      await move(italian, request.id, { to: 'submitted' });
    });

    it('needs the Article 3 attestation and the minimum identifiers, and accepts a birth year and a photograph', async () => {
      const targetId = await target({ birthDate: null, identityDocuments: [] });
      await warrant(targetId);
      const request = await draft(italian, targetId, { type: 'red' });
      const refused = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(fieldsOf(refused.details!)).toEqual(['article3Attested', 'target.birthDate', 'target.identifiers']);
      await dragnet.http
        .patch(`/api/requests/${request.id}`)
        .set(bearer(italian))
        .send({ article3Attested: true, version: 1 })
        .expect(200);
      await dragnet.http
        .patch(`/api/targets/${targetId}`)
        .set(bearer(coordinator))
        .send({ birthYear: 1979, photographReference: 'PH-2016-17', version: 2 })
        .expect(200);
      await move(italian, request.id, { to: 'submitted' });
    });

    it('checks the rules again when the country answers an information request', async () => {
      const request = await compliantRedRequest();
      await move(italian, request.id, { to: 'submitted' });
      await move(coordinator, request.id, { to: 'under_review' });
      await move(coordinator, request.id, { to: 'info_requested', reason: 'Send the warrant text' });
      const targetId = (await read(italian, request.id)).targetId as string;
      const [current] = (await dragnet.http.get(`/api/targets/${targetId}/warrants`).set(bearer(italian)).expect(200))
        .body;
      await dragnet.http.delete(`/api/targets/${targetId}/warrants/${current.id}`).set(bearer(italian)).expect(204);
      const refused = await move(italian, request.id, { to: 'submitted' }, 422);
      expect(refused.details).toEqual([{ field: 'warrants', message: 'the target has no arrest warrant' }]);
      expect((await read(italian, request.id)).status).toBe('info_requested');
    });

    it('reports other notice types as compliant', async () => {
      const targetId = await target({ birthDate: null, identityDocuments: [] });
      const request = await draft(italian, targetId, { type: 'yellow' });
      const compliance = await dragnet.http
        .get(`/api/requests/${request.id}/compliance`)
        .set(bearer(italian))
        .expect(200);
      expect(compliance.body).toEqual({ compliant: true, problems: [] });
      await move(italian, request.id, { to: 'submitted' });
    });
  });

  describe('notice workflow', () => {
    it('lets the requesting country submit and answer, and only coordinators review', async () => {
      const request = await compliantRedRequest();
      await move(greek, request.id, { to: 'submitted' }, 404);
      await move(observer, request.id, { to: 'submitted' }, 403);
      await move(italian, request.id, { to: 'submitted' });
      await move(greek, request.id, { to: 'under_review' }, 403);
      const own = await move(italian, request.id, { to: 'under_review' }, 403);
      expect(own.message).toBe('Only coordinators move a request to under_review');
      await move(coordinator, request.id, { to: 'under_review' });
      await move(italian, request.id, { to: 'info_requested', reason: 'x' }, 403);
      const noReason = await move(coordinator, request.id, { to: 'info_requested' }, 400);
      expect(fieldsOf(noReason.details!)).toEqual(['reason']);
      await move(coordinator, request.id, { to: 'info_requested', reason: 'Which court issued the warrant?' });
      await move(greek, request.id, { to: 'submitted' }, 403);
      await move(italian, request.id, { to: 'submitted', reason: 'Tribunale di Palermo' });
      await move(coordinator, request.id, { to: 'under_review' });
      await move(italian, request.id, { to: 'published', reference: nextReference() }, 403);
      await move(coordinator, request.id, { to: 'published', reference: nextReference() });
      await move(italian, request.id, { to: 'cancelled', reason: 'x' }, 403);
      await move(italian, request.id, { to: 'suspended', reason: 'x' }, 403);
      const withdrawn = await move(italian, request.id, { to: 'withdrawn', reason: 'Arrested at home' });
      expect(withdrawn.status).toBe('withdrawn');
      const after = await move(coordinator, request.id, { to: 'published' }, 409);
      expect(after.message).toBe("Notice request cannot move from 'withdrawn' to 'published'; allowed: none");
    });

    it('refuses moves the workflow does not allow, naming the allowed ones', async () => {
      const request = await compliantRedRequest();
      const early = await move(coordinator, request.id, { to: 'published', reference: nextReference() }, 409);
      expect(early.message).toBe(
        "Notice request cannot move from 'draft' to 'published'; allowed: submitted, withdrawn",
      );
      await move(coordinator, request.id, { to: 'circulated' }, 409);
      await move(coordinator, request.id, { to: 'submitted' });
      await move(coordinator, request.id, { to: 'refused' }, 409);
      await move(coordinator, request.id, { to: 'under_review' });
      await move(coordinator, request.id, { to: 'submitted' }, 409);
      await move(coordinator, request.id, { to: 'refused' }, 400);
      const refused = await move(coordinator, request.id, { to: 'refused', reason: 'Predominantly political' });
      expect(refused.status).toBe('refused');
      await move(italian, request.id, { to: 'withdrawn' }, 409);
    });

    it('lets coordinators cancel a published notice and the country withdraw a draft', async () => {
      const published = await publishedRedNotice();
      await move(coordinator, published.id, { to: 'cancelled' }, 400);
      await move(coordinator, published.id, { to: 'cancelled', reason: 'Warrant quashed' });
      const request = await compliantRedRequest();
      await move(greek, request.id, { to: 'withdrawn' }, 404);
      await move(italian, request.id, { to: 'withdrawn' });
    });

    it('publishes with a YYYY/NNNNN reference, five years of validity and the retention review six months before expiry', async () => {
      const request = await compliantRedRequest();
      await move(italian, request.id, { to: 'submitted' });
      await move(coordinator, request.id, { to: 'under_review' });
      const missing = await move(coordinator, request.id, { to: 'published' }, 400);
      expect(missing.details).toEqual([{ field: 'reference', message: 'reference is required to publish a notice' }]);
      for (const reference of ['16/12345', '2016/1234', '2016-12345', '2016/123456']) {
        const bad = await move(coordinator, request.id, { to: 'published', reference }, 400);
        expect([reference, fieldsOf(bad.details!)]).toEqual([reference, ['reference']]);
      }
      const future = addMonths(todayUtc(), 1);
      await move(coordinator, request.id, { to: 'published', reference: nextReference(), publishedAt: future }, 400);
      const reference = nextReference();
      const published = await move(coordinator, request.id, { to: 'published', reference, publishedAt: '2024-02-29' });
      expect(published).toMatchObject({
        status: 'published',
        reference,
        publishedAt: '2024-02-29',
        expiresAt: '2029-02-28',
        retentionReviewDue: '2028-08-28',
      });
      const other = await compliantRedRequest();
      await move(italian, other.id, { to: 'submitted' });
      await move(coordinator, other.id, { to: 'under_review' });
      const taken = await move(coordinator, other.id, { to: 'published', reference }, 409);
      expect(taken.details).toEqual([{ field: 'reference', message: 'reference must be unique' }]);
      const today = todayUtc();
      const byDefault = await move(coordinator, other.id, { to: 'published', reference: nextReference() });
      expect(byDefault).toMatchObject({
        publishedAt: today,
        expiresAt: addMonths(today, 60),
        retentionReviewDue: addMonths(today, 54),
      });
      const misplaced = await move(coordinator, other.id, { to: 'withdrawn', reference: nextReference() }, 400);
      expect(misplaced.details).toEqual([
        { field: 'reference', message: 'reference is given only when publishing a notice' },
      ]);
    });

    it('lets a notice expire only once its five years have passed', async () => {
      const recent = await publishedRedNotice();
      const early = await move(coordinator, recent.id, { to: 'expired' }, 409);
      expect(early.message).toBe(`The notice is valid until ${recent.expiresAt}; it cannot expire before then`);
      const old = await publishedRedNotice('2016-05-10');
      expect(old).toMatchObject({ expiresAt: '2021-05-10', retentionReviewDue: '2020-11-10' });
      await move(italian, old.id, { to: 'expired' }, 403);
      expect(await move(coordinator, old.id, { to: 'expired' })).toMatchObject({ status: 'expired' });
    });

    it('suspends a notice for at most six months, and lifts the suspension', async () => {
      const request = await publishedRedNotice();
      const today = todayUtc();
      const limit = addMonths(today, 6);
      const dayAfterLimit = new Date(`${limit}T00:00:00Z`);
      dayAfterLimit.setUTCDate(dayAfterLimit.getUTCDate() + 1);
      await move(italian, request.id, { to: 'suspended', reason: 'x' }, 403);
      await move(coordinator, request.id, { to: 'suspended' }, 400);
      const beyond = await move(
        coordinator,
        request.id,
        { to: 'suspended', reason: 'Article 3 review', suspensionEnds: todayUtc(dayAfterLimit) },
        400,
      );
      expect(beyond.details).toEqual([
        { field: 'suspensionEnds', message: `a suspension lasts at most six months (until ${limit} at the latest)` },
      ]);
      await move(coordinator, request.id, { to: 'suspended', reason: 'x', suspensionEnds: today }, 400);
      const suspended = await move(coordinator, request.id, {
        to: 'suspended',
        reason: 'Article 3 review',
        suspensionEnds: limit,
      });
      expect(suspended).toMatchObject({
        status: 'suspended',
        suspendedAt: today,
        suspensionEnds: limit,
        suspensionLapsed: false,
      });
      await move(coordinator, request.id, { to: 'withdrawn' }, 409);
      await move(italian, request.id, { to: 'published' }, 403);
      await move(coordinator, request.id, { to: 'published', reference: nextReference() }, 400);
      const lifted = await move(coordinator, request.id, { to: 'published', reason: 'Review done' });
      expect(lifted).toMatchObject({
        status: 'published',
        reference: request.reference,
        expiresAt: request.expiresAt,
        suspendedAt: null,
        suspensionEnds: null,
      });
      const again = await move(coordinator, request.id, { to: 'suspended', reason: 'New information' });
      expect(again.suspensionEnds).toBe(limit);
    });

    it('shows a suspension that has run out as lapsed, due back to published', async () => {
      const request = await publishedRedNotice();
      await move(coordinator, request.id, { to: 'suspended', reason: 'Check' });
      // Six months pass.
      await dragnet.dataSource.query(
        `UPDATE notice_requests SET suspended_at = suspended_at - 183, suspension_ends = (now() AT TIME ZONE 'UTC')::date WHERE id = $1`,
        [request.id],
      );
      expect(await read(italian, request.id)).toMatchObject({ status: 'suspended', suspensionLapsed: true });
    });
  });

  describe('diffusions', () => {
    it('need recipients, go straight to circulated, and are seen only by their country, the recipients and coordinators', async () => {
      const targetId = await target();
      const diffusion = await draft(italian, targetId, { type: 'red_diffusion', recipients: ['gr', 'GR'] });
      expect(diffusion.recipients).toEqual(['GR']);
      await read(greek, diffusion.id, 404);
      await move(italian, diffusion.id, { to: 'submitted' }, 409);
      await move(greek, diffusion.id, { to: 'circulated' }, 404);
      const circulated = await move(italian, diffusion.id, { to: 'circulated' });
      expect(circulated).toMatchObject({ status: 'circulated', recipients: ['GR'], submittedAt: expect.any(String) });
      await read(greek, diffusion.id);
      await read(coordinator, diffusion.id);
      await read(spanish, diffusion.id, 404);
      await read(observer, diffusion.id, 404);
      await dragnet.http.get(`/api/requests/${diffusion.id}/history`).set(bearer(spanish)).expect(404);
      const ids = async (user: TestUser) =>
        (await dragnet.http.get(`/api/targets/${targetId}/requests`).set(bearer(user)).expect(200)).body.items.map(
          (item: { id: string }) => item.id,
        );
      expect(await ids(greek)).toEqual([diffusion.id]);
      expect(await ids(spanish)).toEqual([]);
      await move(greek, diffusion.id, { to: 'withdrawn' }, 403);
      await move(coordinator, diffusion.id, { to: 'published' }, 409);
      await move(italian, diffusion.id, { to: 'withdrawn', reason: 'Located at home' });
      await read(greek, diffusion.id);
    });

    it('refuses to circulate without recipients, and takes them, or all, on circulation', async () => {
      const targetId = await target();
      const diffusion = await draft(italian, targetId, { type: 'blue_diffusion' });
      const none = await move(italian, diffusion.id, { to: 'circulated' }, 422);
      expect(none.details).toEqual([
        { field: 'recipients', message: 'name the recipient countries, or set recipientsAll' },
      ]);
      await move(italian, diffusion.id, { to: 'circulated', recipients: ['XX'] }, 400);
      const toAll = await move(italian, diffusion.id, { to: 'circulated', recipientsAll: true });
      expect(toAll).toMatchObject({ status: 'circulated', recipientsAll: true, recipients: [] });
      await read(spanish, diffusion.id);
      await read(observer, diffusion.id, 404);
      await move(italian, diffusion.id, { to: 'expired' });
    });
  });

  describe('lists', () => {
    it("filters an operation's requests and finds the targets still lacking a red notice or red diffusion", async () => {
      const operation = await dragnet.http
        .post('/api/operations')
        .set(bearer(coordinator))
        .send({ code: 'HYDRA-LISTS', name: 'Lists' })
        .expect(201);
      const listsOperation = operation.body.id as string;
      for (const country of ['IT', 'GR', 'ES']) await participant(listsOperation, country);
      const withNotice = await target({ familyName: 'Notice' }, listsOperation);
      const withDiffusion = await target({ familyName: 'Diffusion' }, listsOperation);
      const suspended = await target({ familyName: 'Suspended' }, listsOperation);
      const bare = await target({ familyName: 'Bare' }, listsOperation);
      await dragnet.http
        .post(`/api/operations/${listsOperation}/targets`)
        .set(bearer(coordinator))
        .send({ ...identified, familyName: 'Nominated' })
        .expect(201);
      for (const targetId of [withNotice, suspended]) {
        await warrant(targetId);
        const request = await draft(italian, targetId, { type: 'red', article3Attested: true });
        await move(italian, request.id, { to: 'submitted' });
        await move(coordinator, request.id, { to: 'under_review' });
        await move(coordinator, request.id, { to: 'published', reference: nextReference() });
        if (targetId === suspended) await move(coordinator, request.id, { to: 'suspended', reason: 'Review' });
      }
      const diffusion = await draft(italian, withDiffusion, { type: 'red_diffusion', recipients: ['GR'] });
      await move(italian, diffusion.id, { to: 'circulated' });
      const pending = await draft(italian, bare, { type: 'red' });
      await draft(coordinator, bare, { type: 'yellow', requestingCountry: 'GR' });

      const list = async (user: TestUser, query: Record<string, string>) => {
        const response = await dragnet.http
          .get(`/api/operations/${listsOperation}/requests`)
          .query(query)
          .set(bearer(user))
          .expect(200);
        return response.body as { items: RequestBody[]; total: number };
      };
      expect((await list(coordinator, {})).total).toBe(5);
      expect((await list(coordinator, { type: 'red' })).total).toBe(3);
      expect((await list(coordinator, { type: 'red', status: 'published' })).total).toBe(1);
      expect((await list(coordinator, { requestingCountry: 'gr' })).items.map((item) => item.type)).toEqual(['yellow']);
      const without = await list(coordinator, { withoutPublishedRedNotice: 'true' });
      expect(without.items.map((item) => item.targetId).sort()).toEqual([bare, bare, suspended].sort());
      expect((await list(coordinator, { withoutPublishedRedNotice: 'false' })).total).toBe(2);
      expect((await list(italian, {})).items.map((item) => item.id)).toContain(pending.id);
      expect((await list(greek, {})).items.map((item) => item.id)).not.toContain(pending.id);
      await dragnet.http
        .get(`/api/operations/${listsOperation}/requests?withoutPublishedRedNotice=yes`)
        .set(bearer(coordinator))
        .expect(400);
      await dragnet.http.get(`/api/operations/${listsOperation}/requests`).set(bearer(german)).expect(404);

      const missing = async (user: TestUser) => {
        const response = await dragnet.http
          .get(`/api/operations/${listsOperation}/requests/missing-red-notices`)
          .set(bearer(user))
          .expect(200);
        return response.body.items as { id: string; requests: { hasRedNoticeOrDiffusion: boolean } }[];
      };
      const forCoordinator = await missing(coordinator);
      expect(forCoordinator.map((item) => item.id)).toEqual([suspended, bare]);
      expect(forCoordinator[1].requests).toMatchObject({
        hasRedNoticeOrDiffusion: false,
        notices: expect.arrayContaining([
          expect.objectContaining({ id: pending.id, type: 'red', status: 'draft', requestingCountry: 'IT' }),
        ]),
      });
      // The red diffusion went to Greece only: Spain does not learn of it.
      expect((await missing(greek)).map((item) => item.id)).toEqual([suspended, bare]);
      expect((await missing(spanish)).map((item) => item.id)).toEqual([withDiffusion, suspended, bare]);
      expect((await missing(spanish))[0].requests).toEqual({
        hasRedNoticeOrDiffusion: false,
        notices: [],
        diffusions: [],
      });
      // Once its suspension lapses, the notice counts again.
      await dragnet.dataSource.query(
        `UPDATE notice_requests SET suspension_ends = (now() AT TIME ZONE 'UTC')::date WHERE target_id = $1 AND type = 'red'`,
        [suspended],
      );
      expect((await missing(coordinator)).map((item) => item.id)).toEqual([bare]);
    });
  });

  it("shows a target's notice state in its detail and filters the target list by it", async () => {
    const published = await publishedRedNotice();
    const lacking = await target();
    const detail = await dragnet.http.get(`/api/targets/${published.targetId}`).set(bearer(greek)).expect(200);
    expect(detail.body.requests.hasRedNoticeOrDiffusion).toBe(true);
    expect(detail.body.requests.notices).toEqual([expect.objectContaining({ type: 'red', status: 'published' })]);
    const ids = async (has: boolean) => {
      const response = await dragnet.http
        .get(`/api/operations/${operationId}/targets?limit=500&hasRedNoticeOrDiffusion=${has}`)
        .set(bearer(coordinator))
        .expect(200);
      return response.body.items.map((item: { id: string }) => item.id) as string[];
    };
    expect(await ids(true)).toContain(published.targetId);
    expect(await ids(true)).not.toContain(lacking);
    expect(await ids(false)).toContain(lacking);
    expect(await ids(false)).not.toContain(published.targetId);
  });

  it('refuses every change once the operation is closed, and still shows the requests', async () => {
    const operation = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code: 'HYDRA-CLOSED', name: 'Closed' })
      .expect(201);
    const closedOperation = operation.body.id as string;
    await participant(closedOperation, 'IT');
    const targetId = await target({}, closedOperation);
    await warrant(targetId);
    const request = await draft(italian, targetId, { type: 'red', article3Attested: true });
    for (const status of ['nomination', 'active', 'follow_up', 'closed']) {
      await dragnet.http
        .post(`/api/operations/${closedOperation}/status`)
        .set(bearer(coordinator))
        .send({ status })
        .expect(200);
    }
    await draft(italian, targetId, { type: 'yellow' }, 409);
    await dragnet.http
      .patch(`/api/requests/${request.id}`)
      .set(bearer(italian))
      .send({ summary: 'x', version: 1 })
      .expect(409);
    const closed = await move(italian, request.id, { to: 'submitted' }, 409);
    expect(closed.message).toBe('The operation is closed and read-only');
    await read(italian, request.id);
  });

  it('keeps every move in the history and the audit trail', async () => {
    const request = await compliantRedRequest();
    await dragnet.http
      .patch(`/api/requests/${request.id}`)
      .set(bearer(italian))
      .send({ justification: 'Leads the network', version: 1 })
      .expect(200);
    await move(italian, request.id, { to: 'submitted' });
    await move(coordinator, request.id, { to: 'under_review' });
    const reference = nextReference();
    await move(coordinator, request.id, { to: 'published', reference, publishedAt: '2016-06-01' });
    await move(coordinator, request.id, { to: 'suspended', reason: 'Complaint received' });
    const history = await dragnet.http.get(`/api/requests/${request.id}/history`).set(bearer(greek)).expect(200);
    expect(
      history.body.map((change: { fromStatus: string; toStatus: string }) => [change.fromStatus, change.toStatus]),
    ).toEqual([
      [null, 'draft'],
      ['draft', 'submitted'],
      ['submitted', 'under_review'],
      ['under_review', 'published'],
      ['published', 'suspended'],
    ]);
    expect(history.body[0]).toMatchObject({ actorId: italian.id, actorRole: 'investigator', actorCountry: 'IT' });
    expect(history.body[3]).toMatchObject({
      actorId: coordinator.id,
      actorRole: 'coordinator',
      details: { reference, publishedAt: '2016-06-01', expiresAt: '2021-06-01', retentionReviewDue: '2020-12-01' },
    });
    expect(history.body[4]).toMatchObject({ reason: 'Complaint received', details: { suspendedAt: todayUtc() } });
    const audited = await dragnet.dataSource.query(
      `SELECT action, actor_id, before, after FROM audit_entries WHERE entity_type = 'notice_request' AND entity_id = $1 ORDER BY id`,
      [request.id],
    );
    expect(audited.map((entry: { action: string }) => entry.action)).toEqual([
      'request.create',
      'request.update',
      'request.transition',
      'request.transition',
      'request.transition',
      'request.transition',
    ]);
    expect(audited[4]).toMatchObject({
      actor_id: coordinator.id,
      before: { status: 'under_review' },
      after: { status: 'published', reference },
    });
    await dragnet.http.get(`/api/requests/${request.id}/history`).set(bearer(german)).expect(404);
  });
});
