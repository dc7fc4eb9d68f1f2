import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { ExportBuilder, Role } from '@dragnet/domain';
import { FieldworkFixture } from './support/fieldwork-fixture';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';
import { TestSmtpServer } from './support/test-smtp';

type Row = Record<string, string>;

const H2_SECRET = 'H2-SECRET-NARRATIVE informant lives above the bakery';
const H3_SECRET = 'H3-SECRET-NARRATIVE phone intercept, judicial order 42';
const DANGEROUS_NAME = '=HYPERLINK("http://evil.example","click")';
const DANGEROUS_ALIAS = '@SUM(1+1)';

/** Reads a response body as a Buffer, whatever its content type. */
const binary = (response: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('End-of-operation results exports', () => {
  const smtp = new TestSmtpServer();
  let exportDir: string;
  let dragnet: TestDragnet;
  let worker: INestApplicationContext;
  let fixture: FieldworkFixture;
  let coordinator: TestUser;
  let italian: TestUser;
  let greek: TestUser;
  let german: TestUser;
  let observer: TestUser;
  let operationId: string;
  let code: string;
  const targets: Record<string, string> = {};

  const post = (user: TestUser, body: object, operation = operationId) =>
    dragnet.http.post(`/api/operations/${operation}/exports`).set(bearer(user)).send(body);
  const read = (user: TestUser, path: string) => dragnet.http.get(path).set(bearer(user));
  const download = (user: TestUser, id: string) =>
    dragnet.http
      .get(`/api/exports/${id}/download`)
      .set(bearer(user))
      .buffer(true)
      .parse(binary as never);
  const move = (id: string, body: object) =>
    dragnet.http.post(`/api/targets/${id}/status`).set(bearer(coordinator)).send(body).expect(200);

  // Deadlines rather than a number of tries: a busy machine builds files slower, not wrongly.
  async function ready(user: TestUser, id: string) {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const response = await read(user, `/api/exports/${id}`).expect(200);
      if (response.body.status === 'ready' || response.body.status === 'failed') return response.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`export ${id} never became ready`);
  }

  /** Requests an export, waits for the worker and downloads it. */
  async function exported(user: TestUser, body: object) {
    const requested = await post(user, body).expect(202);
    const state = await ready(user, requested.body.id);
    expect(state.status).toBe('ready');
    const file = await download(user, requested.body.id).expect(200);
    return { state, file, body: file.body as Buffer };
  }

  const csvRows = (body: Buffer): Row[] => parse(body, { bom: true, columns: true }) as Row[];
  const byReference = (rows: Row[]) => Object.fromEntries(rows.map((row) => [row.reference, row]));

  beforeAll(async () => {
    await smtp.start();
    exportDir = await mkdtemp(join(tmpdir(), 'dragnet-exports-'));
    dragnet = await TestDragnet.start({ SMTP_URL: smtp.url, EXPORT_DIR: exportDir });
    worker = await dragnet.startWorker({ EXPORT_SWEEP_INTERVAL_MS: 300 });
    [coordinator, italian, greek, german, observer] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'GR'),
      dragnet.user(Role.Investigator, 'DE'),
      dragnet.user(Role.Observer),
    ]);
    fixture = new FieldworkFixture(dragnet, coordinator);
    operationId = await fixture.operation(['IT', 'GR', 'ES', 'FR']);
    code = (await read(coordinator, `/api/operations/${operationId}`).expect(200)).body.code;
    await dragnet.http
      .post(`/api/operations/${operationId}/members`)
      .set(bearer(coordinator))
      .send({ userId: observer.id })
      .expect(201);

    // Wanted by IT: arrested in GR; located in ES; arrested in IT then extradited.
    targets.arrestedInGreece = await fixture.target(operationId, 'IT', 'accepted', 'Arrested Greece');
    targets.locatedInSpain = await fixture.target(operationId, 'IT', 'accepted', 'Located Spain');
    targets.extradited = await fixture.target(operationId, 'IT', 'accepted', 'Extradited Italy');
    // Wanted by GR: still at large (with a dangerous name); located then lost (at large again).
    const dangerous = await dragnet.http
      .post(`/api/operations/${operationId}/targets`)
      .set(bearer(coordinator))
      .send({
        familyName: DANGEROUS_NAME,
        givenNames: '+33 6 12 34 56 78',
        aliases: [DANGEROUS_ALIAS],
        wantedByCountry: 'GR',
        nominatingCountry: 'GR',
      })
      .expect(201);
    targets.dangerous = dangerous.body.id;
    await move(targets.dangerous, { status: 'accepted' });
    targets.traceLost = await fixture.target(operationId, 'GR', 'accepted', 'Trace Lost');
    // Nominated by ES, never accepted.
    targets.nominated = await fixture.target(operationId, 'ES', 'nominated', 'Only Nominated');

    await fixture.advance(operationId, 'active');
    await move(targets.arrestedInGreece, { status: 'arrested', country: 'GR', at: '2016-05-10T10:00:00.000Z' });
    await move(targets.locatedInSpain, { status: 'located', country: 'ES', at: '2016-05-11T11:00:00.000Z' });
    await move(targets.extradited, { status: 'arrested', country: 'IT', at: '2016-05-12T12:00:00.000Z' });
    await move(targets.extradited, { status: 'extradited' });
    await move(targets.traceLost, { status: 'located', country: 'FR' });
    await move(targets.traceLost, { status: 'accepted' });

    // Leads: an H2 by GR and an H3 by IT (narratives that must never leave), an H1 by ES.
    await fixture.lead(coordinator, targets.arrestedInGreece, {
      reportingCountry: 'GR',
      handlingCode: 'H2',
      narrative: H2_SECRET,
    });
    await fixture.lead(coordinator, targets.dangerous, {
      reportingCountry: 'IT',
      handlingCode: 'H3',
      handlingRestriction: 'Not to be shared with GR before 1 June',
      narrative: H3_SECRET,
    });
    await fixture.lead(coordinator, targets.arrestedInGreece, { reportingCountry: 'ES', handlingCode: 'H1' });

    // Tasks: GR done, IT overdue, ES open.
    const task = async (country: string, targetId: string) =>
      (
        await dragnet.http
          .post(`/api/operations/${operationId}/tasks`)
          .set(bearer(coordinator))
          .send({ assignedCountry: country, targetId, type: 'locate', title: `Locate for ${country}` })
          .expect(201)
      ).body.id as string;
    const greekTask = await task('GR', targets.arrestedInGreece);
    for (const to of ['acknowledged', 'in_progress', 'done']) {
      await dragnet.http.post(`/api/tasks/${greekTask}/transitions`).set(bearer(greek)).send({ to }).expect(200);
    }
    const italianTask = await task('IT', targets.locatedInSpain);
    await dragnet.dataSource.query(`UPDATE tasks SET due_at = now() - interval '2 days' WHERE id = $1`, [italianTask]);
    await task('ES', targets.locatedInSpain);

    // Requests: a red notice draft by IT, a blue diffusion draft by GR, and a yellow notice draft that
    // a coordinator made for ES about IT's target (counted for ES, the requesting country, not IT).
    await dragnet.http
      .post(`/api/targets/${targets.arrestedInGreece}/requests`)
      .set(bearer(coordinator))
      .send({ type: 'yellow', requestingCountry: 'ES' })
      .expect(201);
    await dragnet.http
      .post(`/api/targets/${targets.arrestedInGreece}/requests`)
      .set(bearer(italian))
      .send({ type: 'red' })
      .expect(201);
    await dragnet.http
      .post(`/api/targets/${targets.dangerous}/requests`)
      .set(bearer(greek))
      .send({ type: 'blue_diffusion', recipientsAll: true })
      .expect(201);

    await fixture.advance(operationId, 'closed');
  });

  afterAll(async () => {
    await dragnet.close();
    await smtp.stop();
    await rm(exportDir, { recursive: true, force: true });
  });

  describe('requesting and building', () => {
    it('answers 202, builds the CSV in the worker and streams it with its name, type and checksum', async () => {
      const requested = await post(coordinator, { format: 'csv' }).expect(202);
      expect(requested.body).toMatchObject({
        operationId,
        format: 'csv',
        scope: 'targets',
        country: null,
        requestedBy: coordinator.id,
      });
      expect(['queued', 'running', 'ready']).toContain(requested.body.status);
      expect(requested.body).not.toHaveProperty('fileKey');
      const state = await ready(coordinator, requested.body.id);
      const today = new Date().toISOString().slice(0, 10);
      const file = await download(coordinator, requested.body.id).expect(200);
      const body = file.body as Buffer;
      const sha256 = createHash('sha256').update(body).digest('hex');
      expect(state).toMatchObject({ status: 'ready', rowCount: 6, sizeBytes: body.length, sha256, error: null });
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${code}-results-${today}.csv"`);
      expect(file.headers['x-checksum-sha256']).toBe(sha256);
      expect(file.headers.digest).toBe(`sha-256=${createHash('sha256').update(body).digest('base64')}`);
      expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    });

    it('e-mails the requester once when the file is ready', async () => {
      const before = smtp.messages.length;
      const { state } = await exported(coordinator, { format: 'json', scope: 'summary' });
      const mailsOf = () => smtp.messages.slice(before).filter((mail) => mail.text.includes(state.id));
      for (const deadline = Date.now() + 60_000; mailsOf().length === 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const mails = mailsOf();
      expect(mails[0]?.subject).toContain(state.fileName);
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toEqual([coordinator.email]);
      expect(mails[0].text).toContain(state.sha256);
      expect(mails[0].text).toMatch(new RegExp(`/operations/[0-9a-f-]{36}/exports/${state.id}\\b`));
    });

    it('validates the request, naming the field and creating nothing', async () => {
      const count = async () => (await dragnet.dataSource.query(`SELECT count(*)::int AS n FROM exports`))[0].n;
      const before = await count();
      const bad = await post(coordinator, { format: 'pdf', scope: 'everything', extra: 1 }).expect(400);
      expect(bad.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'extra',
        'format',
        'scope',
      ]);
      const csvAll = await post(coordinator, { format: 'csv', scope: 'all' }).expect(400);
      expect(csvAll.body.details).toEqual([
        { field: 'scope', message: "scope must be 'targets' or 'summary' for csv; use xlsx or json for all parts" },
      ]);
      await post(coordinator, { format: 'csv' }, randomUUID()).expect(404);
      await read(coordinator, `/api/exports/${randomUUID()}`).expect(404);
      await read(coordinator, `/api/exports/not-a-uuid`).expect(400);
      expect(await count()).toBe(before);
    });
  });

  describe('content', () => {
    it('writes one CSV row per target with its final status, places, dates, notices and counts', async () => {
      const rows = byReference(csvRows((await exported(coordinator, { format: 'csv' })).body));
      const ref = async (id: string) => (await read(coordinator, `/api/targets/${id}`).expect(200)).body.reference;
      expect(Object.keys(rows)).toHaveLength(6);
      expect(rows[await ref(targets.arrestedInGreece)]).toMatchObject({
        family_name: 'Arrested Greece',
        wanted_by_country: 'IT',
        nominating_country: 'IT',
        final_status: 'arrested',
        result: 'arrested',
        arrested_country: 'GR',
        arrested_at: '2016-05-10T10:00:00Z',
        located_country: '',
        notices_and_diffusions: 'red draft; yellow draft',
        lead_count: '2',
        task_count: '1',
        tasks_done: '1',
      });
      expect(rows[await ref(targets.locatedInSpain)]).toMatchObject({
        final_status: 'located',
        result: 'located',
        located_country: 'ES',
        located_at: '2016-05-11T11:00:00Z',
        task_count: '2',
        tasks_done: '0',
      });
      expect(rows[await ref(targets.extradited)]).toMatchObject({
        final_status: 'extradited',
        result: 'arrested',
        arrested_country: 'IT',
      });
      expect(rows[await ref(targets.traceLost)]).toMatchObject({ final_status: 'accepted', result: 'still_at_large' });
      expect(rows[await ref(targets.nominated)]).toMatchObject({ final_status: 'nominated', result: '' });
      expect(rows[await ref(targets.dangerous)]).toMatchObject({
        final_status: 'accepted',
        result: 'still_at_large',
        notices_and_diffusions: 'blue_diffusion draft',
        lead_count: '1',
      });
    });

    it('escapes cells that a spreadsheet would run as formulas', async () => {
      const { body } = await exported(coordinator, { format: 'csv' });
      const dangerous = csvRows(body).find((row) => row.family_name.includes('HYPERLINK'))!;
      expect(dangerous.family_name).toBe(`'${DANGEROUS_NAME}`);
      expect(dangerous.given_names).toBe("'+33 6 12 34 56 78");
      expect(dangerous.aliases).toBe(`'${DANGEROUS_ALIAS}`);
      for (const row of csvRows(body)) {
        for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
      const xlsx = await exported(coordinator, { format: 'xlsx', scope: 'targets' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const values = workbook
        .getWorksheet('Targets')!
        .getSheetValues()
        .flat()
        .filter((value) => typeof value === 'string');
      expect(values).toContain(`'${DANGEROUS_NAME}`);
      expect(values.filter((value) => /^[=+\-@\t\r]/.test(value as string))).toEqual([]);
    });

    it('summarises per country and operation-wide with the roll-up figures and the headline', async () => {
      const rows = Object.fromEntries(
        csvRows((await exported(coordinator, { format: 'csv', scope: 'summary' })).body).map((row) => [
          row.country,
          row,
        ]),
      );
      expect(Object.keys(rows).sort()).toEqual(['ALL', 'ES', 'FR', 'GR', 'IT']);
      expect(rows.IT).toMatchObject({
        participant: 'yes',
        targets_nominated: '3',
        targets_wanted: '3',
        arrested: '1',
        located: '0',
        still_at_large: '0',
        leads_reported: '1',
        tasks_open: '1',
        tasks_overdue: '1',
        tasks_done: '0',
        notices_and_diffusions: 'red draft: 1',
      });
      expect(rows.GR).toMatchObject({
        targets_wanted: '2',
        arrested: '1',
        still_at_large: '2',
        leads_reported: '1',
        leads_new: '1',
        tasks_done: '1',
        notices_and_diffusions: 'blue_diffusion draft: 1',
      });
      expect(rows.ES).toMatchObject({
        targets_nominated: '1',
        located: '1',
        tasks_open: '1',
        tasks_overdue: '0',
        notices_and_diffusions: 'yellow draft: 1',
      });
      expect(rows.FR).toMatchObject({ located: '0', targets_wanted: '0' });
      expect(rows.ALL).toMatchObject({
        targets_wanted: '6',
        arrested: '2',
        located: '1',
        still_at_large: '2',
        leads_reported: '3',
        leads_last_24h: '3',
        tasks_open: '2',
        tasks_overdue: '1',
        tasks_done: '1',
        notices_and_diffusions: 'blue_diffusion draft: 1; red draft: 1; yellow draft: 1',
        countries_with_results: '3',
        headline: '2 fugitives arrested and 1 located in 3 countries',
      });
    });

    it('writes XLSX with one sheet per part and frozen header rows, agreeing with the JSON document', async () => {
      const xlsx = await exported(coordinator, { format: 'xlsx' });
      expect(xlsx.file.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(xlsx.file.headers['content-disposition']).toMatch(
        new RegExp(`filename="${code}-results-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`),
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Targets', 'Countries', 'Headline', 'Networks']);
      for (const sheet of workbook.worksheets) {
        expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      }
      const targetsSheet = workbook.getWorksheet('Targets')!;
      expect(targetsSheet.getRow(1).getCell(1).value).toBe('reference');
      expect(targetsSheet.rowCount).toBe(7);
      const headline = Object.fromEntries(
        (workbook.getWorksheet('Headline')!.getSheetValues().slice(2) as unknown[][]).map((row) => [row[1], row[2]]),
      );
      expect(headline).toMatchObject({
        headline: '2 fugitives arrested and 1 located in 3 countries',
        arrested: 2,
        located: 1,
        countries_with_results: 3,
        still_at_large: 2,
        targets_nominated: 1,
        targets_accepted: 2,
        targets_extradited: 1,
        targets_rejected: 0,
      });
      const countries = workbook.getWorksheet('Countries')!;
      const header = countries.getRow(1).values as unknown[];
      const italy = countries.getRow(countries.getColumn(1).values.indexOf('IT')).values as unknown[];
      expect(italy[header.indexOf('tasks_overdue')]).toBe(1);

      const json = await exported(coordinator, { format: 'json' });
      expect(json.file.headers['content-type']).toMatch(/^application\/json/);
      const document = JSON.parse(json.body.toString('utf8'));
      expect(document.headline).toEqual({
        arrested: 2,
        located: 1,
        countries: 3,
        text: '2 fugitives arrested and 1 located in 3 countries',
      });
      expect(document.operation).toEqual({ code, name: expect.any(String), status: 'closed' });
      expect(document.targets).toHaveLength(6);
      expect(document.targets[0]).toHaveProperty('lead_count', expect.any(Number));
      expect(document.totals).toMatchObject({ arrested: 2, located: 1, stillAtLarge: 2, tasks: { overdue: 1 } });
      expect(document.totals.targetsByStatus).toMatchObject({
        accepted: 2,
        arrested: 1,
        extradited: 1,
        located: 1,
        nominated: 1,
      });
      expect(document.countries.map((country: { country: string }) => country.country)).toEqual([
        'ES',
        'FR',
        'GR',
        'IT',
      ]);
      expect(json.state.rowCount).toBe(6);
    });

    it('carries the final roll-up: headline, totals and countries equal GET status, field by field, in every view', async () => {
      await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: true })
        .expect(200);
      for (const user of [coordinator, italian, greek]) {
        const status = (await read(user, `/api/operations/${operationId}/status`).expect(200)).body;
        expect(status.final).toBe(true);
        for (const scope of ['summary', 'all']) {
          const document = JSON.parse((await exported(user, { format: 'json', scope })).body.toString('utf8'));
          expect(document.figuresComputedAt).toBe(status.computedAt);
          expect(document.headline).toEqual(status.headline);
          expect(document.totals).toEqual(status.totals);
          expect(document.countries).toEqual(status.countries);
        }
      }
      // The coordinator's CSV summary holds the same numbers, one column each.
      const status = (await read(coordinator, `/api/operations/${operationId}/status`).expect(200)).body;
      const rows = Object.fromEntries(
        csvRows((await exported(coordinator, { format: 'csv', scope: 'summary' })).body).map((row) => [
          row.country,
          row,
        ]),
      );
      expect(Object.keys(rows).sort()).toEqual(
        ['ALL', ...status.countries.map((entry: { country: string }) => entry.country)].sort(),
      );
      const numbers = (row: Row) =>
        Object.fromEntries(
          Object.entries(row).filter(([column]) => !['country', 'participant', 'headline'].includes(column)),
        );
      for (const country of status.countries) {
        expect(numbers(rows[country.country])).toEqual({
          targets_nominated: `${country.targetsNominated}`,
          targets_wanted: `${country.targetsWanted}`,
          arrested: `${country.arrestedIn}`,
          located: `${country.locatedIn}`,
          still_at_large: `${country.stillAtLargeWantedBy}`,
          leads_reported: `${country.leads.total}`,
          ...Object.fromEntries(
            Object.entries(country.leads.byStatus).map(([leadStatus, count]) => [`leads_${leadStatus}`, `${count}`]),
          ),
          leads_last_24h: `${country.leads.last24Hours}`,
          tasks_open: `${country.tasks.open}`,
          tasks_overdue: `${country.tasks.overdue}`,
          tasks_done: `${country.tasks.done}`,
          notices_and_diffusions: expect.any(String),
          countries_with_results: '',
        });
      }
      expect(rows.ALL).toMatchObject({
        targets_wanted: `${status.totals.targets}`,
        arrested: `${status.totals.arrested}`,
        located: `${status.totals.located}`,
        still_at_large: `${status.totals.stillAtLarge}`,
        leads_reported: `${status.totals.leads.total}`,
        tasks_overdue: `${status.totals.tasks.overdue}`,
        countries_with_results: `${status.headline.countries}`,
        headline: status.headline.text,
      });
    });

    it('never writes an H2 or H3 narrative, in any format or view', async () => {
      await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: true })
        .expect(200);
      const texts: string[] = [];
      for (const user of [coordinator, italian, greek]) {
        for (const body of [
          { format: 'csv', scope: 'targets' },
          { format: 'csv', scope: 'summary' },
          { format: 'json', scope: 'all' },
          { format: 'xlsx', scope: 'all' },
        ]) {
          const file = await exported(user, body);
          if (body.format !== 'xlsx') {
            texts.push(file.body.toString('utf8'));
            continue;
          }
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
          texts.push(JSON.stringify(workbook.worksheets.map((sheet) => sheet.getSheetValues())));
        }
      }
      expect(texts).toHaveLength(12);
      for (const text of texts) {
        expect(text).not.toContain('SECRET-NARRATIVE');
        expect(text).not.toContain('bakery');
        expect(text).not.toContain('intercept');
      }
    });
  });

  describe('access', () => {
    it("lets an investigator export its own country's view only when the operation allows it", async () => {
      await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: false })
        .expect(200);
      const refused = await post(italian, { format: 'csv' }).expect(403);
      expect(refused.body.message).toBe('This operation does not let investigators export results');
      await post(observer, { format: 'csv' }).expect(403);
      await post(german, { format: 'csv' }).expect(404);
      const allowed = await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: true })
        .expect(200);
      expect(allowed.body.investigatorExportsAllowed).toBe(true);

      const italianCsv = await exported(italian, { format: 'csv' });
      expect(italianCsv.state.country).toBe('IT');
      expect(italianCsv.file.headers['content-disposition']).toMatch(new RegExp(`filename="${code}-results-IT-`));
      const rows = csvRows(italianCsv.body);
      expect(rows.map((row) => row.family_name).sort()).toEqual([
        'Arrested Greece',
        'Extradited Italy',
        'Located Spain',
      ]);
      // GR's H2 lead about IT's target is not IT's to see; ES's H1 lead is. IT sees its own task only.
      const greeceRow = rows.find((row) => row.family_name === 'Arrested Greece')!;
      expect(greeceRow).toMatchObject({ lead_count: '1', task_count: '0', notices_and_diffusions: 'red draft' });
      expect(rows.find((row) => row.family_name === 'Located Spain')).toMatchObject({ task_count: '1' });

      // As in the roll-up an investigator sees: its own country's figures and the headline, no totals.
      const summary = csvRows((await exported(italian, { format: 'csv', scope: 'summary' })).body);
      expect(summary.map((row) => row.country)).toEqual(['IT', 'ALL']);
      expect(summary[0]).toMatchObject({
        targets_wanted: '3',
        arrested: '1',
        tasks_open: '1',
        leads_reported: '1',
        notices_and_diffusions: 'red draft: 1',
      });
      expect(summary[1]).toMatchObject({
        arrested: '2',
        located: '1',
        countries_with_results: '3',
        headline: '2 fugitives arrested and 1 located in 3 countries',
        targets_wanted: '',
        still_at_large: '',
        tasks_open: '',
        leads_reported: '',
        notices_and_diffusions: '',
      });

      const greekJson = JSON.parse((await exported(greek, { format: 'json' })).body.toString('utf8'));
      expect(greekJson.country).toBe('GR');
      expect(greekJson.targets.map((row: Row) => row.family_name).sort()).toEqual([DANGEROUS_NAME, 'Trace Lost']);
      expect(greekJson.totals).toBeNull();
      expect(greekJson.countries.map((row: { country: string }) => row.country)).toEqual(['GR']);
      expect(greekJson.countries[0]).toMatchObject({ arrestedIn: 1, stillAtLargeWantedBy: 2, tasks: { done: 1 } });

      const italianXlsx = await exported(italian, { format: 'xlsx' });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(italianXlsx.body as unknown as ArrayBuffer);
      const figures = (workbook.getWorksheet('Headline')!.getSheetValues().slice(2) as unknown[][]).map(
        (row) => row[1],
      );
      expect(figures).toContain('headline');
      expect(figures).not.toContain('still_at_large');
      expect(figures).not.toContain('targets_accepted');
    });

    it("shows an investigator only its own exports: others' answer 404, coordinators see all", async () => {
      const mine = (await post(italian, { format: 'json', scope: 'summary' }).expect(202)).body.id;
      await ready(italian, mine);
      const coordinators = (await post(coordinator, { format: 'json', scope: 'summary' }).expect(202)).body.id;
      await ready(coordinator, coordinators);
      await read(greek, `/api/exports/${mine}`).expect(404);
      await download(greek, mine).expect(404);
      await read(italian, `/api/exports/${coordinators}`).expect(404);
      await download(italian, coordinators).expect(404);
      await read(german, `/api/exports/${mine}`).expect(404);
      await read(observer, `/api/exports/${mine}`).expect(403);
      await read(coordinator, `/api/exports/${mine}`).expect(200);
      await download(coordinator, mine).expect(200);
      const listed = await read(italian, `/api/operations/${operationId}/exports`).expect(200);
      expect(listed.body.items.every((item: { requestedBy: string }) => item.requestedBy === italian.id)).toBe(true);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(mine);
      const all = await read(coordinator, `/api/operations/${operationId}/exports?limit=500`).expect(200);
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual(
        expect.arrayContaining([mine, coordinators]),
      );
      // Withdrawing the permission stops downloads of files already built.
      await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: false })
        .expect(200);
      await download(italian, mine).expect(403);
      await dragnet.http
        .patch(`/api/operations/${operationId}`)
        .set(bearer(coordinator))
        .send({ investigatorExportsAllowed: true })
        .expect(200);
    });

    it('audits every download with who downloaded what', async () => {
      const { state } = await exported(coordinator, { format: 'csv', scope: 'summary' });
      await download(coordinator, state.id).expect(200);
      const entries = await dragnet.dataSource.query(
        `SELECT action, actor_id, after FROM audit_entries WHERE entity_id = $1 ORDER BY id`,
        [state.id],
      );
      expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
        'export.request',
        'export.ready',
        'export.download',
        'export.download',
      ]);
      expect(entries[2]).toMatchObject({
        actor_id: coordinator.id,
        after: { sha256: state.sha256, fileName: state.fileName },
      });
    });
  });

  describe('lifecycle', () => {
    it('answers 409 while the file is not ready', async () => {
      const [row] = await dragnet.dataSource.query(
        `INSERT INTO exports (operation_id, requested_by, format, scope, status, file_name, file_key, expires_at)
         VALUES ($1, $2, 'csv', 'targets', 'running', 'x.csv', 'never-built.csv', now() + interval '1 day') RETURNING id`,
        [operationId, coordinator.id],
      );
      const response = await download(coordinator, row.id).expect(409);
      expect(JSON.parse(response.body.toString()).message).toBe('The export is running, not ready');
    });

    it('rebuilding after a crash replaces the file under the same name and never sends a second e-mail', async () => {
      const { state, body } = await exported(coordinator, { format: 'csv' });
      const builder = worker.get(ExportBuilder);
      const filesOf = async () => (await readdir(exportDir)).filter((name) => name.startsWith(state.id));
      expect(await filesOf()).toEqual([`${state.id}.csv`]);
      // A retry of a finished job changes nothing.
      await builder.build(state.id, false);
      // A worker that died mid-build leaves the row running; the retry builds it again.
      await dragnet.dataSource.query(`UPDATE exports SET status = 'running' WHERE id = $1`, [state.id]);
      await builder.build(state.id, false);
      expect(await filesOf()).toEqual([`${state.id}.csv`]);
      expect((await readdir(exportDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const again = await read(coordinator, `/api/exports/${state.id}`).expect(200);
      expect(again.body).toMatchObject({ status: 'ready', sha256: state.sha256, sizeBytes: body.length });
      const mails = smtp.messages.filter(
        (mail) => mail.subject.includes(state.fileName) && mail.text.includes(state.id),
      );
      expect(mails).toHaveLength(1);
    });

    it('lets one build at a time write an export, so the file always matches its checksum', async () => {
      const { state } = await exported(coordinator, { format: 'json' });
      const builder = worker.get(ExportBuilder);
      await dragnet.dataSource.query(`UPDATE exports SET status = 'running' WHERE id = $1`, [state.id]);
      // A stalled job re-run by a second worker while the first is still building.
      const outcomes = await Promise.allSettled([builder.build(state.id, false), builder.build(state.id, false)]);
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      for (const outcome of refused) {
        expect((outcome as PromiseRejectedResult).reason.message).toMatch(/is being built by another worker/);
      }
      expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
      const after = (await read(coordinator, `/api/exports/${state.id}`).expect(200)).body;
      expect(after.status).toBe('ready');
      const file = await download(coordinator, state.id).expect(200);
      expect(
        createHash('sha256')
          .update(file.body as Buffer)
          .digest('hex'),
      ).toBe(after.sha256);
      expect((await readdir(exportDir)).filter((name) => name.startsWith(state.id))).toEqual([`${state.id}.json`]);
    });

    it('expires exports after the retention period, removes their files and answers 410', async () => {
      const { state } = await exported(coordinator, { format: 'csv' });
      const expectedDays = (new Date(state.expiresAt).getTime() - new Date(state.createdAt).getTime()) / 86_400_000;
      expect(expectedDays).toBeCloseTo(7, 3);
      const path = join(exportDir, `${state.id}.csv`);
      expect(existsSync(path)).toBe(true);
      await dragnet.dataSource.query(`UPDATE exports SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        state.id,
      ]);
      let status = 'ready';
      for (const deadline = Date.now() + 60_000; status !== 'expired' && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await read(coordinator, `/api/exports/${state.id}`).expect(200)).body.status;
      }
      expect(status).toBe('expired');
      expect(existsSync(path)).toBe(false);
      const gone = await download(coordinator, state.id).expect(410);
      expect(JSON.parse(gone.body.toString()).message).toBe('The export has expired; request a new one');
      const audit = await dragnet.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'export.expire'`,
        [state.id],
      );
      expect(audit[0].n).toBe(1);
    });
  });
});
