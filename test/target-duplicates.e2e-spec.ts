import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, AuditService, dragnetSchema, Role } from '@dragnet/domain';
import { DuplicatesService, searchNames } from '@dragnet/domain';
import { dataSourceOptions, InvalidInputError, NotFoundError } from '@dragnet/platform';
import { createTestDatabase } from './support/test-database';

interface TargetRow {
  familyName: string;
  givenNames?: string;
  aliases?: string[];
  birthDate?: string;
  birthYear?: number;
  nationalities?: string[];
  documents?: { type: string; number: string; issuingCountry: string | null }[];
  status?: string;
}

describe('Target duplicates', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataSource: DataSource;
  let duplicates: DuplicatesService;
  let hydra: string;
  let other: string;
  const ids: Record<string, string> = {};
  const coordinator: Actor = { userId: randomUUID(), role: Role.Coordinator, country: null, requestId: 'dup-test' };

  async function createOperation(code: string): Promise<string> {
    const [row] = await dataSource.query(`INSERT INTO operations (code, name) VALUES ($1, $2) RETURNING id`, [
      code,
      `Operation ${code}`,
    ]);
    return row.id;
  }

  async function createTarget(operationId: string, reference: string, target: TargetRow): Promise<string> {
    const givenNames = target.givenNames ?? '';
    const aliases = target.aliases ?? [];
    const [row] = await dataSource.query(
      `INSERT INTO targets (operation_id, reference, family_name, given_names, aliases, birth_date, birth_year,
         nationalities, identity_documents, status, nominating_country, wanted_by_country, search_names)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'IT', 'GR', $11) RETURNING id`,
      [
        operationId,
        reference,
        target.familyName,
        givenNames,
        aliases,
        target.birthDate ?? null,
        target.birthYear ?? (target.birthDate ? Number(target.birthDate.slice(0, 4)) : null),
        target.nationalities ?? [],
        JSON.stringify(target.documents ?? []),
        target.status ?? 'nominated',
        searchNames(target.familyName, givenNames, aliases),
      ],
    );
    ids[reference] = row.id;
    return row.id;
  }

  async function proposedPairs(): Promise<string[]> {
    const page = await duplicates.list(hydra, { limit: 500, offset: 0 });
    return page.items.map((item) => `${item.first.reference}/${item.second.reference}`);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: database.url }, dragnetSchema));
    await dataSource.initialize();
    duplicates = new DuplicatesService(dataSource, new AuditService(dataSource));
    hydra = await createOperation('HYDRA-2016');
    other = await createOperation('OTHER-2016');
    const egyptianPassport = { type: 'passport', number: 'AB 123-456', issuingCountry: 'EG' };
    await createTarget(hydra, 'H-01', {
      givenNames: 'Mohammed',
      familyName: 'Al Masri',
      birthDate: '1985-03-14',
      nationalities: ['EG'],
      documents: [egyptianPassport],
    });
    await createTarget(hydra, 'H-02', {
      givenNames: 'Muhamad',
      familyName: 'Almasri',
      birthYear: 1985,
      nationalities: ['EG'],
    });
    await createTarget(hydra, 'H-03', { givenNames: 'Abdel Rahman', familyName: 'Hassan', birthDate: '1979-11-02' });
    await createTarget(hydra, 'H-04', { givenNames: 'Abdul Rahman', familyName: 'Hasan', birthDate: '1979-11-02' });
    await createTarget(hydra, 'H-05', {
      givenNames: 'Karim',
      familyName: 'Saleh',
      documents: [{ type: 'passport', number: 'ab123456', issuingCountry: 'EG' }],
    });
    await createTarget(hydra, 'H-06', { givenNames: 'Youssef', familyName: 'Khalil', birthYear: 1990 });
    await createTarget(hydra, 'H-07', {
      givenNames: 'Yusuf',
      familyName: 'Khaleel',
      birthYear: 1990,
      status: 'rejected',
    });
    await createTarget(hydra, 'H-08', { givenNames: 'Mohamed', familyName: 'El-Masry', birthYear: 1985 });
    await dataSource.query(`UPDATE targets SET merged_into_id = $1 WHERE id = $2`, [ids['H-01'], ids['H-08']]);
    await createTarget(hydra, 'H-09', {
      givenNames: 'Ivan',
      familyName: 'Petrov',
      birthDate: '1985-03-14',
      nationalities: ['EG'],
    });
    await createTarget(hydra, 'H-10', { givenNames: 'Khaled', familyName: 'Mansour', birthYear: 1970 });
    await createTarget(hydra, 'H-11', { givenNames: 'Khalid', familyName: 'Mansur', birthYear: 1995 });
    await createTarget(hydra, 'H-12', { givenNames: 'Tariq', familyName: 'Aziz', aliases: ['Abu Yusuf'] });
    await createTarget(other, 'O-01', { givenNames: 'Mohammed', familyName: 'Al Masri', birthDate: '1985-03-14' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('lists transliterated names, shared birth data and document numbers, best first, with reasons', async () => {
    const page = await duplicates.list(hydra, { limit: 50, offset: 0 });
    expect(page).toMatchObject({ total: 3, limit: 50, offset: 0 });
    const [sameBirthDate, sameNumber, sameYear] = page.items;
    expect(sameBirthDate).toMatchObject({
      first: {
        id: ids['H-03'],
        reference: 'H-03',
        givenNames: 'Abdel Rahman',
        familyName: 'Hassan',
        birthDate: '1979-11-02',
      },
      second: { reference: 'H-04', birthYear: 1979, nominatingCountry: 'IT' },
      reasons: [
        { code: 'similar_names', detail: 'Abdel Rahman Hassan ~ Abdul Rahman Hasan' },
        { code: 'same_birth_date', detail: '1979-11-02' },
      ],
    });
    expect(sameNumber).toMatchObject({
      first: { reference: 'H-01' },
      second: { reference: 'H-05' },
      reasons: [{ code: 'same_document_number', detail: 'AB123456' }],
    });
    expect(sameYear).toMatchObject({
      first: { reference: 'H-01', birthDate: '1985-03-14', birthYear: 1985 },
      second: { reference: 'H-02', birthDate: null },
      reasons: [
        { code: 'similar_names', detail: 'Mohammed Al Masri ~ Muhamad Almasri' },
        { code: 'same_birth_year', detail: '1985' },
        { code: 'same_nationality', detail: 'EG' },
      ],
    });
    const scores = page.items.map((item) => item.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score) => score >= 0.5 && score <= 1)).toBe(true);
  });

  it('pages, and leaves out pairs under minScore', async () => {
    const all = await duplicates.list(hydra, { limit: 50, offset: 0 });
    const second = await duplicates.list(hydra, { limit: 1, offset: 1 });
    expect(second).toEqual({ items: [all.items[1]], total: 3, limit: 1, offset: 1 });
    const strong = await duplicates.list(hydra, { limit: 50, offset: 0, minScore: 0.8 });
    expect(strong).toEqual({ items: all.items.filter((item) => item.score >= 0.8), total: 2, limit: 50, offset: 0 });
    const weak = await duplicates.list(hydra, { limit: 50, offset: 0, minScore: 0 });
    expect(weak.items.map((item) => `${item.first.reference}/${item.second.reference}`)).toContain('H-10/H-11');
  });

  it('leaves out rejected and merged targets until they are back in the list', async () => {
    expect(await proposedPairs()).not.toEqual(expect.arrayContaining(['H-06/H-07']));
    await dataSource.query(`UPDATE targets SET status = 'nominated' WHERE id = $1`, [ids['H-07']]);
    expect(await proposedPairs()).toContain('H-06/H-07');
    await dataSource.query(`UPDATE targets SET status = 'rejected' WHERE id = $1`, [ids['H-07']]);

    await dataSource.query(`UPDATE targets SET merged_into_id = NULL WHERE id = $1`, [ids['H-08']]);
    expect(await proposedPairs()).toEqual(expect.arrayContaining(['H-01/H-08', 'H-02/H-08']));
    await dataSource.query(`UPDATE targets SET merged_into_id = $1 WHERE id = $2`, [ids['H-01'], ids['H-08']]);
  });

  it('does not pair unrelated people, people born years apart, or targets of another operation', async () => {
    const pairs = await proposedPairs();
    expect(pairs.filter((pair) => /H-09|H-10|H-11|H-12/.test(pair))).toEqual([]);
    const otherPage = await duplicates.list(other, { limit: 50, offset: 0 });
    expect(otherPage).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('does not propose a dismissed pair again, and records the dismissal once', async () => {
    await duplicates.dismiss(coordinator, hydra, ids['H-02'], ids['H-01'].toUpperCase());
    await duplicates.dismiss(coordinator, hydra, ids['H-01'], ids['H-02']);
    expect(await proposedPairs()).toEqual(['H-03/H-04', 'H-01/H-05']);

    const [first, second] = [ids['H-01'], ids['H-02']].sort();
    const dismissals = await dataSource.query(
      `SELECT first_target_id, second_target_id, operation_id, dismissed_by FROM duplicate_dismissals`,
    );
    expect(dismissals).toEqual([
      { first_target_id: first, second_target_id: second, operation_id: hydra, dismissed_by: coordinator.userId },
    ]);
    const audit = await dataSource.query(
      `SELECT action, entity_type, entity_id, actor_id, actor_role, request_id, after FROM audit_entries
       WHERE action = 'target.duplicate_dismiss'`,
    );
    expect(audit).toEqual([
      {
        action: 'target.duplicate_dismiss',
        entity_type: 'target',
        entity_id: first,
        actor_id: coordinator.userId,
        actor_role: 'coordinator',
        request_id: 'dup-test',
        after: { operationId: hydra, firstTargetId: first, secondTargetId: second },
      },
    ]);
  });

  it('refuses to dismiss a target of another operation, an unknown id, or a target with itself', async () => {
    const outsider = ids['O-01'];
    await expect(duplicates.dismiss(coordinator, hydra, ids['H-03'], outsider)).rejects.toThrow(NotFoundError);
    await expect(duplicates.dismiss(coordinator, hydra, ids['H-03'], randomUUID())).rejects.toThrow(NotFoundError);
    await expect(duplicates.dismiss(coordinator, hydra, ids['H-03'], 'not-an-id')).rejects.toThrow(NotFoundError);
    await expect(duplicates.dismiss(coordinator, hydra, ids['H-03'], ids['H-03'])).rejects.toThrow(InvalidInputError);
    expect(await proposedPairs()).toContain('H-03/H-04');
  });
});
