import { MAX_IMPORT_BYTES, Role, TARGET_IMPORT_COLUMNS } from '@dragnet/domain';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, TestDragnet, TestUser } from './support/test-dragnet';

const COLUMNS = TARGET_IMPORT_COLUMNS.map((column) => column.name);

type Row = Record<string, string>;

function csvCell(value = ''): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(rows: Row[], columns: string[] = COLUMNS): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

const person = (reference: string, changes: Row = {}): Row => ({
  nominating_reference: reference,
  family_name: 'Haddad',
  given_names: 'Karim',
  aliases: 'Abu Karim;Kareem Hadad',
  sex: 'M',
  birth_date: '1984-07-02',
  nationalities: 'ly',
  document_type: 'passport',
  document_number: `P-${reference}`,
  document_issuing_country: 'LY',
  nominating_country: 'IT',
  wanted_by_country: 'IT',
  offence_categories: 'migrant_smuggling',
  smuggling_role: 'facilitator',
  priority: 'high',
  believed_in: 'LY;TN',
  public_appeal: 'no',
  ...changes,
});

interface ListedTarget {
  id: string;
  reference: string;
  nominatingReference: string;
  version: number;
  [field: string]: unknown;
}

describe('Target lists: bulk import from CSV', () => {
  let dragnet: TestDragnet;
  let coordinator: TestUser;
  let italian: TestUser;
  let spanish: TestUser;
  let observer: TestUser;
  let admin: TestUser;
  let operationId: string;

  function importCsv(
    user: TestUser,
    body: string | Buffer,
    options: { query?: string; type?: string; id?: string } = {},
  ) {
    return dragnet.http
      .post(`/api/operations/${options.id ?? operationId}/targets/import${options.query ?? ''}`)
      .set(bearer(user))
      .set('Content-Type', options.type ?? 'text/csv')
      .send(body);
  }

  async function targets(): Promise<ListedTarget[]> {
    const list = await dragnet.http
      .get(`/api/operations/${operationId}/targets?limit=500`)
      .set(bearer(coordinator))
      .expect(200);
    return list.body.items;
  }

  async function counts() {
    const [row] = await dragnet.dataSource.query(
      `SELECT (SELECT count(*)::int FROM targets WHERE operation_id = $1) AS targets,
              (SELECT count(*)::int FROM audit_entries WHERE action LIKE 'target.import%') AS audits,
              (SELECT last_target_number FROM operations WHERE id = $1) AS last`,
      [operationId],
    );
    return row as { targets: number; audits: number; last: number };
  }

  async function createOperation(code: string): Promise<string> {
    const operation = await dragnet.http
      .post('/api/operations')
      .set(bearer(coordinator))
      .send({ code, name: `Operation ${code}` })
      .expect(201);
    for (const country of ['IT', 'GR']) {
      await dragnet.http
        .post(`/api/operations/${operation.body.id}/participants`)
        .set(bearer(coordinator))
        .send({
          country,
          roles: ['destination'],
          ncbName: `NCB ${country}`,
          focalPointEmails: [`fp@${country}.example`],
        })
        .expect(201);
    }
    return operation.body.id;
  }

  async function moveOperation(id: string, status: string) {
    await dragnet.http.post(`/api/operations/${id}/status`).set(bearer(coordinator)).send({ status }).expect(200);
  }

  beforeAll(async () => {
    dragnet = await TestDragnet.start();
    [coordinator, italian, spanish, observer, admin] = await Promise.all([
      dragnet.user(Role.Coordinator),
      dragnet.user(Role.Investigator, 'IT'),
      dragnet.user(Role.Investigator, 'ES'),
      dragnet.user(Role.Observer),
      dragnet.user(Role.Admin),
    ]);
    operationId = await createOperation('HYDRA-2016');
  }, 120_000);
  afterAll(() => dragnet.close());

  describe('the template', () => {
    it('serves the header row and an example row to any operational role', async () => {
      for (const user of [coordinator, italian, observer]) {
        const response = await dragnet.http.get('/api/targets/import-template.csv').set(bearer(user)).expect(200);
        expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
        const [header, example, end] = response.text.split('\r\n');
        expect(header.split(',')).toEqual(COLUMNS);
        expect(example).toContain('IT-SCO-2016-0042');
        expect(end).toBe('');
      }
      await dragnet.http.get('/api/targets/import-template.csv').set(bearer(admin)).expect(403);
      await dragnet.http.get('/api/targets/import-template.csv').expect(401);
    });

    it('imports as it is', async () => {
      const id = await createOperation('TEMPLATE-1');
      const template = await dragnet.http.get('/api/targets/import-template.csv').set(bearer(coordinator));
      const response = await importCsv(coordinator, template.text, { id }).expect(200);
      expect(response.body).toEqual({ created: 1, updated: 0, errors: [], errorCount: 0 });
    });
  });

  describe('a good file', () => {
    const rows = [
      person('IT-1', { family_name: 'Almasri', given_names: 'Muhammad', aliases: 'Abu Yusuf' }),
      person('GR-1', { nominating_country: 'gr', wanted_by_country: 'GR', birth_date: '', birth_year: '1975' }),
      person('IT-2', { distinguishing_marks: 'tattoo, "Zuwara" on the\nleft forearm', height_cm: '181' }),
    ];

    it('creates every row with readable references, history and audit entries', async () => {
      const response = await importCsv(coordinator, csv(rows)).set('X-Request-Id', 'import-good-1').expect(200);
      expect(response.body).toEqual({ created: 3, updated: 0, errors: [], errorCount: 0 });

      const list = await targets();
      expect(list.map((target) => [target.reference, target.nominatingReference])).toEqual([
        ['HYDRA-2016-0001', 'IT-1'],
        ['HYDRA-2016-0002', 'GR-1'],
        ['HYDRA-2016-0003', 'IT-2'],
      ]);
      const first = list[0];
      expect(first).toMatchObject({
        status: 'nominated',
        familyName: 'Almasri',
        givenNames: 'Muhammad',
        aliases: ['Abu Yusuf'],
        sex: 'M',
        birthDate: '1984-07-02',
        birthYear: 1984,
        nationalities: ['LY'],
        identityDocuments: [{ type: 'passport', number: 'P-IT-1', issuingCountry: 'LY' }],
        nominatingCountry: 'IT',
        wantedByCountry: 'IT',
        offenceCategories: ['migrant_smuggling'],
        smugglingRole: 'facilitator',
        priority: 'high',
        believedIn: ['LY', 'TN'],
        publicAppeal: false,
        version: 1,
      });
      expect(list[1]).toMatchObject({ nominatingCountry: 'GR', birthDate: null, birthYear: 1975 });
      expect(list[2]).toMatchObject({ distinguishingMarks: 'tattoo, "Zuwara" on the\nleft forearm', heightCm: 181 });

      // Found across transliterations, like any nominated target.
      const found = await dragnet.http
        .get(`/api/operations/${operationId}/targets?q=${encodeURIComponent('Mohamed Al-Masri')}`)
        .set(bearer(coordinator))
        .expect(200);
      expect(found.body.items.map((target: { reference: string }) => target.reference)).toContain('HYDRA-2016-0001');

      const history = await dragnet.http.get(`/api/targets/${list[1].id}/history`).set(bearer(coordinator)).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'nominated', country: 'GR', actorId: coordinator.id }),
      ]);

      const audits = await dragnet.dataSource.query(
        `SELECT actor_id, actor_role, actor_country, entity_type, entity_id, before, after, request_id
           FROM audit_entries WHERE action = 'target.import_create' AND request_id = 'import-good-1' ORDER BY entity_id`,
      );
      expect(audits).toHaveLength(3);
      const audit = audits.find((entry: { entity_id: string }) => entry.entity_id === first.id);
      expect(audit).toMatchObject({ actor_id: coordinator.id, actor_role: 'coordinator', entity_type: 'target' });
      expect(audit.before).toBeNull();
      expect(audit.after).toMatchObject({ id: first.id, reference: 'HYDRA-2016-0001', familyName: 'Almasri' });
    });

    it('updates on a second import instead of duplicating, and numbers new rows on', async () => {
      const changed = [{ ...rows[0], priority: 'low' }, rows[1], rows[2], person('IT-3', { family_name: 'Nuovo' })];
      const response = await importCsv(coordinator, csv(changed)).set('X-Request-Id', 'import-good-2').expect(200);
      expect(response.body).toEqual({ created: 1, updated: 3, errors: [], errorCount: 0 });
      const list = await targets();
      expect(list).toHaveLength(4);
      expect(list[0]).toMatchObject({ reference: 'HYDRA-2016-0001', priority: 'low', version: 2 });
      expect(list[3]).toMatchObject({ reference: 'HYDRA-2016-0004', familyName: 'Nuovo', version: 1 });

      const [audit] = await dragnet.dataSource.query(
        `SELECT actor_id, before, after FROM audit_entries
          WHERE action = 'target.import_update' AND request_id = 'import-good-2' AND entity_id = $1`,
        [list[0].id],
      );
      expect(audit.actor_id).toBe(coordinator.id);
      expect(audit.before).toMatchObject({ priority: 'high', version: 1 });
      expect(audit.after).toMatchObject({ priority: 'low', version: 2 });
    });

    it('stores a row exactly as the API stores the same target, derived fields and audit included', async () => {
      const id = await createOperation('SAME-1');
      const viaApi = await dragnet.http
        .post(`/api/operations/${id}/targets`)
        .set(bearer(coordinator))
        .send({
          familyName: 'El-Masry',
          givenNames: 'Mohamed',
          aliases: ['Abu Yusuf', 'Muhammad Almasri'],
          sex: 'M',
          birthDate: '1979-03-14',
          placeOfBirth: 'Alexandria',
          countryOfBirth: 'EG',
          nationalities: ['EG', 'LY'],
          languages: ['Arabic', 'English'],
          identityDocuments: [{ type: 'passport', number: 'A1234567', issuingCountry: 'EG' }],
          heightCm: 178,
          weightKg: 80,
          eyeColour: 'brown',
          hairColour: 'black',
          distinguishingMarks: 'scar above the left eyebrow',
          nominatingCountry: 'IT',
          nominatingReference: 'SAME-API',
          wantedByCountry: 'IT',
          offenceCategories: ['migrant_smuggling', 'organised_crime'],
          smugglingRole: 'organiser',
          networkName: 'Zuwara network',
          priority: 'high',
          believedIn: ['LY', 'TR'],
          publicAppeal: true,
        })
        .expect(201);
      const row: Row = {
        nominating_reference: 'SAME-CSV',
        family_name: 'El-Masry',
        given_names: 'Mohamed',
        aliases: 'Abu Yusuf;Muhammad Almasri',
        sex: 'M',
        birth_date: '1979-03-14',
        place_of_birth: 'Alexandria',
        country_of_birth: 'EG',
        nationalities: 'EG;LY',
        languages: 'Arabic;English',
        document_type: 'passport',
        document_number: 'A1234567',
        document_issuing_country: 'EG',
        height_cm: '178',
        weight_kg: '80',
        eye_colour: 'brown',
        hair_colour: 'black',
        distinguishing_marks: 'scar above the left eyebrow',
        nominating_country: 'IT',
        wanted_by_country: 'IT',
        offence_categories: 'migrant_smuggling;organised_crime',
        smuggling_role: 'organiser',
        network_name: 'Zuwara network',
        priority: 'high',
        believed_in: 'LY;TR',
        public_appeal: 'yes',
      };
      await importCsv(coordinator, csv([row]), { id }).expect(200);

      const [fromApi, fromCsv] = await dragnet.dataSource.query(
        'SELECT * FROM targets WHERE operation_id = $1 ORDER BY reference',
        [id],
      );
      const own = ['id', 'reference', 'nominating_reference', 'created_at', 'updated_at'];
      const rest = (target: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(target).filter(([column]) => !own.includes(column)));
      expect(rest(fromCsv)).toEqual(rest(fromApi));

      const audits = await dragnet.dataSource.query(
        `SELECT action, after FROM audit_entries WHERE entity_id = ANY($1) ORDER BY action`,
        [[viaApi.body.id, fromCsv.id]],
      );
      expect(audits.map((audit: { action: string }) => audit.action)).toEqual([
        'target.create',
        'target.import_create',
      ]);
      expect(Object.keys(audits[1].after).sort()).toEqual(Object.keys(audits[0].after).sort());
    });

    it('takes the same file twice at once without duplicates or gaps in the references', async () => {
      const id = await createOperation('TWICE-1');
      const body = csv(Array.from({ length: 300 }, (_, index) => person(`TWICE-${index}`)));
      const answers = await Promise.all([importCsv(coordinator, body, { id }), importCsv(coordinator, body, { id })]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(answers.map((answer) => answer.body.created).sort()).toEqual([0, 300]);
      expect(answers.map((answer) => answer.body.updated).sort()).toEqual([0, 300]);
      const [row] = await dragnet.dataSource.query(
        `SELECT count(*)::int AS targets, min(reference) AS first, max(reference) AS last,
                (SELECT last_target_number FROM operations WHERE id = $1) AS number
           FROM targets WHERE operation_id = $1`,
        [id],
      );
      expect(row).toEqual({ targets: 300, first: 'TWICE-1-0001', last: 'TWICE-1-0300', number: 300 });
    });

    it('accepts a UTF-8 byte order mark and names written in any script', async () => {
      const body = `\ufeff${csv([person('IT-BOM', { family_name: 'Ḥaddād', given_names: 'Кари́м' })])}`;
      const response = await importCsv(coordinator, Buffer.from(body, 'utf8')).expect(200);
      expect(response.body.created).toBe(1);
      const list = await targets();
      expect(list.find((target) => target.nominatingReference === 'IT-BOM')).toMatchObject({ familyName: 'Ḥaddād' });
    });
  });

  describe('bad rows', () => {
    it('reject the whole file, list each problem by CSV line and write nothing', async () => {
      const before = await counts();
      const body = csv([
        person('BAD-1'),
        person('BAD-2', { birth_date: '1984-02-30', wanted_by_country: 'XX' }),
        person('BAD-3', { distinguishing_marks: 'two\nlines' }),
        person('BAD-4', { sex: 'X' }),
        person('BAD-1'),
      ]);
      const response = await importCsv(coordinator, body).expect(422);
      expect(response.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: '4 problems in the file; nothing was imported',
        requestId: expect.any(String),
        created: 0,
        updated: 0,
        errorCount: 4,
      });
      expect(response.body.errors).toEqual([
        { row: 3, field: 'birth_date', message: 'birth_date must be a real date (YYYY-MM-DD)' },
        { row: 3, field: 'wanted_by_country', message: 'wanted_by_country must be an ISO 3166-1 alpha-2 code' },
        // BAD-3's cell spans lines 4 and 5, so BAD-4 is on line 6.
        { row: 6, field: 'sex', message: 'sex must be one of: M, F, U' },
        {
          row: 7,
          field: 'nominating_reference',
          message: 'IT reference BAD-1 appears more than once (first on row 2)',
        },
      ]);
      expect(await counts()).toEqual(before);
    });

    it('are written around with onError=skip, which reports them', async () => {
      const before = await counts();
      const body = csv([person('SKIP-1'), person('SKIP-2', { height_cm: 'tall' }), person('SKIP-3')]);
      const response = await importCsv(coordinator, body, { query: '?onError=skip' }).expect(200);
      expect(response.body).toEqual({
        created: 2,
        updated: 0,
        errors: [{ row: 3, field: 'height_cm', message: 'height_cm must be a whole number from 50 to 250' }],
        errorCount: 1,
      });
      expect((await counts()).targets).toBe(before.targets + 2);
      await importCsv(coordinator, body, { query: '?onError=maybe' }).expect(400);
    });

    it('include cells a spreadsheet would run as formulas', async () => {
      const body = csv([
        person('F-1', { given_names: '=HYPERLINK("http://x.example","click")' }),
        person('F-2', { network_name: '+cmd|calc' }),
        person('F-3', { aliases: 'Abu Karim;@SUM(A1)' }),
        person('F-4', { eye_colour: '-brown' }),
        person('F-5', { place_of_birth: '\tTripoli' }),
        person('F-6', { height_cm: '-5' }),
      ]);
      const response = await importCsv(coordinator, body).expect(422);
      expect(response.body.errors.map((error: { row: number; field: string }) => [error.row, error.field])).toEqual([
        [2, 'given_names'],
        [3, 'network_name'],
        [4, 'aliases'],
        [5, 'eye_colour'],
        [6, 'place_of_birth'],
        [7, 'height_cm'],
      ]);
      expect(response.body.errors[0].message).toContain('formula');
      expect(response.body.errors[5].message).toBe('height_cm must be a whole number from 50 to 250');
    });

    it('include rows whose target was already reviewed', async () => {
      const [first] = await targets();
      await dragnet.http
        .post(`/api/targets/${first.id}/status`)
        .set(bearer(coordinator))
        .send({ status: 'accepted' })
        .expect(200);
      const before = await counts();
      const body = csv([person('NEW-1'), person('IT-1')]);
      const response = await importCsv(coordinator, body).expect(422);
      expect(response.body.errors).toEqual([
        {
          row: 3,
          field: 'nominating_reference',
          message: 'target HYDRA-2016-0001 is accepted and can no longer be changed by import',
        },
      ]);
      expect(await counts()).toEqual(before);
      const skipped = await importCsv(coordinator, body, { query: '?onError=skip' }).expect(200);
      expect(skipped.body).toMatchObject({ created: 1, updated: 0, errorCount: 1 });
    });
  });

  describe('files that cannot be read', () => {
    it('answers 400 for a bad header, naming the columns', async () => {
      const unknown = await importCsv(coordinator, csv([person('H-1')], [...COLUMNS, 'shoe_size'])).expect(400);
      expect(unknown.body.message).toContain('unknown column: shoe_size');
      expect(unknown.body.details).toEqual([{ field: 'shoe_size', message: 'unknown column' }]);
      const missing = await importCsv(coordinator, 'family_name,nominating_country\r\nHaddad,IT\r\n').expect(400);
      expect(missing.body.details).toEqual([
        { field: 'nominating_reference', message: 'required column is missing' },
        { field: 'wanted_by_country', message: 'required column is missing' },
      ]);
      const empty = await importCsv(coordinator, '').expect(400);
      expect(empty.body.message).toContain('empty');
    });

    it('answers 400 for malformed CSV, naming the line', async () => {
      const header = 'nominating_reference,family_name,wanted_by_country,nominating_country';
      const unclosed = await importCsv(coordinator, `${header}\nM-1,Haddad,IT,IT\n"M-2,Haddad,IT,IT\nM-3,X,IT,IT\n`);
      expect(unclosed.status).toBe(400);
      expect(unclosed.body.message).toBe('Malformed CSV on line 3: a quoted cell opened there is never closed');
      const ragged = await importCsv(coordinator, `${header}\nM-1,Haddad,IT,IT\nM-2,Haddad,IT\n`).expect(400);
      expect(ragged.body.message).toBe('Malformed CSV on line 3: 3 cells where the header has 4');
      const stray = await importCsv(coordinator, `${header}\nM-1,Had"dad,IT,IT\n`).expect(400);
      expect(stray.body.message).toContain('on line 2');
    });

    it('reads files separated by semicolons (Excel in much of Europe) or tabs', async () => {
      for (const [separator, reference] of [
        [';', 'SEMI-1'],
        ['\t', 'TAB-1'],
      ]) {
        const header = ['nominating_reference', 'family_name', 'wanted_by_country', 'nominating_country'].join(
          separator,
        );
        // A comma inside a cell stays part of the cell.
        const row = [reference, 'Haddad, known as Abu Omar', 'IT', 'IT'].join(separator);
        const answer = await importCsv(coordinator, `${header}\r\n${row}\r\n`).expect(200);
        expect(answer.body).toMatchObject({ created: 1, errorCount: 0 });
      }
      const imported = (await targets()).filter((target) => ['SEMI-1', 'TAB-1'].includes(target.nominatingReference));
      expect(imported.map((target) => target.familyName)).toEqual([
        'Haddad, known as Abu Omar',
        'Haddad, known as Abu Omar',
      ]);
    });

    it('answers 400 unless the file is UTF-8', async () => {
      const body = csv([person('U-1', { family_name: 'Ḥaddād' })]);
      const utf16 = await importCsv(coordinator, Buffer.from(`\ufeff${body}`, 'utf16le')).expect(400);
      expect(utf16.body.message).toBe('The file must be UTF-8 (it starts with a UTF-16 byte order mark)');
      const noBom = await importCsv(coordinator, Buffer.from(body, 'utf16le')).expect(400);
      expect(noBom.body.message).toContain('The file must be UTF-8');
      const latin1 = await importCsv(
        coordinator,
        Buffer.from(csv([person('U-2'), person('U-3', { family_name: 'Hélène' })]), 'latin1'),
      );
      expect(latin1.status).toBe(400);
      expect(latin1.body.message).toBe(
        'The file must be UTF-8 (line 3 has bytes that are not; was it saved as Latin-1 or Windows-1252?)',
      );
    });

    it('answers 415 for anything but text/csv in UTF-8', async () => {
      const body = csv([person('T-1')]);
      const json = await importCsv(coordinator, '{"rows":[]}', { type: 'application/json' }).expect(415);
      expect(json.body).toMatchObject({ statusCode: 415, message: 'Content-Type must be text/csv' });
      await importCsv(coordinator, body, { type: 'text/plain' }).expect(415);
      await importCsv(coordinator, body, { type: 'text/csv; charset=iso-8859-1' }).expect(415);
      await importCsv(coordinator, body, { type: 'text/csv; charset=UTF-8' }).expect(200);
    });
  });

  describe('a file over the limit', () => {
    let port: number;
    // Reading 50 MB is real work: on a busy machine (load 20 on 2 CPUs) it takes minutes, not seconds.
    // These tests judge what the server does (the status, what it read, what it wrote), so their time
    // limits only stop a hang.
    const BIG_UPLOAD_MS = 600_000;

    /** The import's COPY of this database, while it runs (the server holds it open for more rows). */
    async function copiesRunning(): Promise<number> {
      const [row] = await dragnet.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY target_import%'
            AND state <> 'idle'`,
      );
      return row.n as number;
    }

    async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    beforeAll(async () => {
      const server = dragnet.app.getHttpServer() as http.Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });

    /** Sends a body without waiting for it to be read: the server answers and stops reading. */
    function send(
      headers: http.OutgoingHttpHeaders,
      chunks: Generator<string>,
      user: TestUser = coordinator,
    ): Promise<{ status: number; connection?: string; body: { message: string }; written: number }> {
      return new Promise((resolve, reject) => {
        let answered = false;
        let written = 0;
        let writtenWhenAnswered = 0;
        const request = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: `/api/operations/${operationId}/targets/import`,
            headers: { ...bearer(user), 'Content-Type': 'text/csv', ...headers },
          },
          (response) => {
            answered = true;
            writtenWhenAnswered = written;
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                connection: response.headers.connection,
                body: JSON.parse(text),
                written: writtenWhenAnswered,
              }),
            );
          },
        );
        // Writing on after the answer may meet a closed connection; that is expected.
        request.on('error', (error) => (answered ? undefined : reject(error)));
        const write = () => {
          for (let next = chunks.next(); !next.done; next = chunks.next()) {
            if (answered) return;
            written += Buffer.byteLength(next.value);
            if (!request.write(next.value)) return void request.once('drain', write);
          }
          request.end();
        };
        write();
      });
    }

    function* bodyOf(bytes: number): Generator<string> {
      const header = 'nominating_reference,family_name,wanted_by_country,nominating_country\n';
      yield header;
      // Rows of blank cells: valid CSV that is skipped, so only the size is at stake.
      const row = `"${' '.repeat(64 * 1024 - 6)}",,,\n`;
      for (let sent = header.length; sent < bytes; sent += row.length) yield row;
    }

    it(
      'answers 413 at once when Content-Length says so',
      async () => {
        const before = await counts();
        const answer = await send({ 'Content-Length': MAX_IMPORT_BYTES + 1 }, bodyOf(MAX_IMPORT_BYTES + 1));
        expect(answer).toMatchObject({ status: 413, connection: 'close' });
        expect(answer.body.message).toContain('larger than 50 MB');
        // "At once": the answer came before the client got through the file, not after reading it.
        expect(answer.written).toBeLessThan(MAX_IMPORT_BYTES);
        expect(await counts()).toEqual(before);
      },
      BIG_UPLOAD_MS,
    );

    it(
      'answers a refusal at once, without reading the body, and closes the connection',
      async () => {
        const answer = await send({ 'Transfer-Encoding': 'chunked' }, bodyOf(20 * 1024 * 1024), spanish);
        expect(answer).toMatchObject({ status: 404, connection: 'close' });
        expect(answer.written).toBeLessThan(20 * 1024 * 1024);
      },
      BIG_UPLOAD_MS,
    );

    it('rolls back when the client goes away mid-upload', async () => {
      const before = await counts();
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/operations/${operationId}/targets/import`,
        headers: { ...bearer(coordinator), 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
      });
      request.on('error', () => undefined);
      const rows = Array.from({ length: 2000 }, (_, index) => person(`GONE-${index}`));
      request.write(csv(rows));
      // Gone while the import's COPY is open, and judged once the server has let go of it: waiting
      // for the states, not for a fixed time that a busy machine may not honour.
      await until('the import COPY', async () => (await copiesRunning()) > 0);
      request.destroy();
      await until('the end of the import COPY', async () => (await copiesRunning()) === 0);
      expect(await counts()).toEqual(before);
      // The connection went back to the pool in a usable state.
      await importCsv(coordinator, csv([person('AFTER-GONE')])).expect(200);
    }, 180_000);

    it(
      'answers 413 when a streamed body passes the limit, and stops reading',
      async () => {
        const before = await counts();
        // Twice the limit offered: the server must read just past the limit, answer and close.
        const answer = await send({ 'Transfer-Encoding': 'chunked' }, bodyOf(2 * MAX_IMPORT_BYTES));
        expect(answer).toMatchObject({ status: 413, connection: 'close' });
        expect(answer.body.message).toContain('larger than 50 MB');
        expect(answer.written).toBeGreaterThan(MAX_IMPORT_BYTES);
        expect(answer.written).toBeLessThan(2 * MAX_IMPORT_BYTES);
        expect(await counts()).toEqual(before);
        expect(await copiesRunning()).toBe(0);
      },
      BIG_UPLOAD_MS,
    );
  });

  describe('who may import', () => {
    it('lets an investigator import for its own country only, while nominations are open', async () => {
      const id = await createOperation('INV-1');
      const own = csv([person('INV-1', { nominating_country: '' }), person('INV-2', { nominating_country: 'it' })]);
      const created = await importCsv(italian, own, { id }).expect(200);
      expect(created.body).toMatchObject({ created: 2, updated: 0 });
      const list = await dragnet.http.get(`/api/operations/${id}/targets`).set(bearer(italian)).expect(200);
      expect(list.body.items.map((target: { nominatingCountry: string }) => target.nominatingCountry)).toEqual([
        'IT',
        'IT',
      ]);

      const foreign = await importCsv(italian, csv([person('INV-3', { nominating_country: 'GR' })]), { id }).expect(
        422,
      );
      expect(foreign.body.errors).toEqual([
        { row: 2, field: 'nominating_country', message: 'an investigator imports for its own country (IT) only' },
      ]);

      await moveOperation(id, 'nomination');
      await importCsv(italian, own, { id }).expect(200);
      await moveOperation(id, 'active');
      const late = await importCsv(italian, own, { id }).expect(409);
      expect(late.body.message).toContain('takes nominations in planning and nomination');
      // Coordinators still may, until the operation is closed.
      await importCsv(coordinator, csv([person('COORD-1')]), { id }).expect(200);
      await moveOperation(id, 'follow_up');
      await moveOperation(id, 'closed');
      const closed = await importCsv(coordinator, csv([person('COORD-2')]), { id }).expect(409);
      expect(closed.body.message).toBe('The operation is closed and read-only');
    });

    it('hides the operation from outsiders and refuses observers and admins', async () => {
      const body = csv([person('WHO-1')]);
      await importCsv(spanish, body).expect(404);
      await importCsv(observer, body).expect(403);
      await importCsv(admin, body).expect(403);
      await importCsv(coordinator, body, { id: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await dragnet.http
        .post(`/api/operations/${operationId}/targets/import`)
        .set('Content-Type', 'text/csv')
        .send(body)
        .expect(401);
    });
  });
});
