import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError, Page, PageRequest } from '@dragnet/platform';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit';
import type { Actor } from '../../common';
import { assertOperationOpen, OperationStatus } from '../../operations';
import { TargetStatus } from '../target-status';
import type { IdentityDocument } from '../target-vocabulary';
import { assessDuplicate, DUPLICATE_THRESHOLD, DuplicateCandidate, DuplicateReason } from './duplicate-finder';

export interface DuplicateListOptions extends PageRequest {
  /** 0..1; defaults to DUPLICATE_THRESHOLD. */
  minScore?: number;
}

export interface DuplicateTargetSummary {
  id: string;
  reference: string;
  familyName: string;
  givenNames: string;
  birthDate: string | null;
  birthYear: number | null;
  nominatingCountry: string;
}

export interface DuplicatePair {
  first: DuplicateTargetSummary;
  second: DuplicateTargetSummary;
  score: number;
  reasons: DuplicateReason[];
}

interface CandidateRow {
  id: string;
  reference: string;
  family_name: string;
  given_names: string;
  aliases: string[];
  birth_date: string | null;
  birth_year: number | null;
  nationalities: string[];
  identity_documents: IdentityDocument[];
  nominating_country: string;
}

type Candidate = DuplicateCandidate & DuplicateTargetSummary;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Likely duplicates in an operation's target list. Access rules are the caller's: it checks that the
 * actor is a coordinator who may see the operation.
 */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Pairs of targets not merged, not rejected and not dismissed, by score, best first. */
  async list(operationId: string, options: DuplicateListOptions): Promise<Page<DuplicatePair>> {
    const minScore = options.minScore ?? DUPLICATE_THRESHOLD;
    const { pairs, candidates } = await this.loadCandidates(operationId);
    const items: DuplicatePair[] = [];
    for (const [firstId, secondId] of pairs) {
      const a = candidates.get(firstId);
      const b = candidates.get(secondId);
      if (!a || !b) continue;
      const [first, second] = byReference(a, b) <= 0 ? [a, b] : [b, a];
      const { score, reasons } = assessDuplicate(first, second);
      if (score >= minScore) items.push({ first: summary(first), second: summary(second), score, reasons });
    }
    items.sort((a, b) => b.score - a.score || byReference(a.first, b.first) || byReference(a.second, b.second));
    const { limit, offset } = options;
    return { items: items.slice(offset, offset + limit), total: items.length, limit, offset };
  }

  /** Records that two targets are different people; repeating it changes nothing. */
  async dismiss(actor: Actor, operationId: string, targetId: string, otherId: string): Promise<void> {
    if (!UUID.test(targetId) || !UUID.test(otherId)) throw new NotFoundError('Target');
    const [first, second] = [targetId.toLowerCase(), otherId.toLowerCase()].sort();
    if (first === second) {
      throw new InvalidInputError('Invalid field: otherId', [
        { field: 'otherId', message: 'a target cannot be a duplicate of itself' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const [operation]: { status: OperationStatus }[] = await manager.query(
        `SELECT status FROM operations WHERE id = $1 FOR UPDATE`,
        [operationId],
      );
      if (operation) assertOperationOpen(operation.status);
      const found: unknown[] = await manager.query(
        `SELECT id FROM targets WHERE operation_id = $1 AND id = ANY($2::uuid[])`,
        [operationId, [first, second]],
      );
      if (found.length !== 2) throw new NotFoundError('Target');
      const inserted: unknown[] = await manager.query(
        `INSERT INTO duplicate_dismissals (first_target_id, second_target_id, operation_id, dismissed_by)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING first_target_id`,
        [first, second, operationId, actor.userId],
      );
      if (inserted.length === 0) return;
      await this.audit.record(manager, actor, {
        action: 'target.duplicate_dismiss',
        entityType: 'target',
        entityId: first,
        after: { operationId, firstTargetId: first, secondTargetId: second },
      });
    });
  }

  private async loadCandidates(operationId: string) {
    return this.dataSource.transaction(async (manager) => {
      // One large analytical query: JIT compilation costs more than it saves, and the joins sort in memory.
      await manager.query(`SET LOCAL jit = off`);
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      const rows: { first_id: string; second_id: string }[] = await manager.query(CANDIDATE_PAIRS, [
        operationId,
        TargetStatus.Rejected,
        BLOCK_LIMIT,
        BIRTH_DATE_NAME_SIMILARITY,
      ]);
      const pairs = rows.map((row): [string, string] => [row.first_id, row.second_id]);
      const ids = [...new Set(pairs.flat())];
      const targets: CandidateRow[] = ids.length
        ? await manager.query(
            `SELECT id, reference, family_name, given_names, aliases, birth_date::text AS birth_date, birth_year,
                    nationalities::text[] AS nationalities, identity_documents, nominating_country::text AS nominating_country
             FROM targets WHERE id = ANY($1::uuid[])`,
            [ids],
          )
        : [];
      return { pairs, candidates: new Map(targets.map((row) => [row.id, toCandidate(row)])) };
    });
  }
}

function toCandidate(row: CandidateRow): Candidate {
  return {
    id: row.id,
    reference: row.reference,
    familyName: row.family_name,
    givenNames: row.given_names,
    aliases: row.aliases,
    birthDate: row.birth_date,
    birthYear: row.birth_year,
    nationalities: row.nationalities,
    // jsonb holds whatever was written; one malformed document must not break the whole list.
    identityDocuments: row.identity_documents.filter((document) => typeof document?.number === 'string'),
    nominatingCountry: row.nominating_country,
  };
}

function summary(candidate: Candidate): DuplicateTargetSummary {
  const { id, reference, familyName, givenNames, birthDate, birthYear, nominatingCountry } = candidate;
  return { id, reference, familyName, givenNames, birthDate, birthYear, nominatingCountry };
}

// HYDRA-2016-0042 before HYDRA-2016-0100; one collator, as building one per comparison is slow.
const referenceOrder = new Intl.Collator('en', { numeric: true });

function byReference(a: { reference: string }, b: { reference: string }): number {
  return referenceOrder.compare(a.reference, b.reference);
}

/**
 * Candidate generation must stay near-linear for ~100,000 targets, so it uses equality joins on
 * blocking keys rather than comparing every pair; duplicate-finder then scores each candidate pair.
 * A pg_trgm self-join (`a.search_names % b.search_names`) was measured at about 6 ms per target with
 * the GIN index, ten minutes for 100,000, so trigram similarity is only computed inside small blocks.
 *
 * Blocks: (1) a name key, each part of search_names (folded names, aliases and their skeletons)
 * without the article al/el, word-initial vowels (Osman/Usman, Ibrahim/Ebrahim) and spaces, so
 * transliterations of the same name meet;
 * (2) a normalised document number; (3) the same birth date with similar search_names.
 * A key shared by more than BLOCK_LIMIT targets ("Abu Ali", a placeholder date or number) says
 * little and would make pairs quadratically: a name key that common only pairs targets born in the
 * same year (or both of unknown year), a number or date that common pairs nothing.
 */
const BLOCK_LIMIT = 50;
const BIRTH_DATE_NAME_SIMILARITY = 0.3;

const CANDIDATE_PAIRS = String.raw`
WITH candidates AS MATERIALIZED (
  SELECT id, search_names, birth_date, identity_documents,
         COALESCE(birth_year, extract(year FROM birth_date)::int) AS birth_year
  FROM targets
  WHERE operation_id = $1 AND merged_into_id IS NULL AND status <> $2
),
name_keys AS (
  SELECT DISTINCT c.id, c.birth_year, replace(regexp_replace(part, '\m(al |el |al|el|[aeiouy]+)', '', 'g'), ' ', '') AS key
  FROM candidates c CROSS JOIN LATERAL unnest(string_to_array(c.search_names, ' | ')) AS part
),
name_blocks AS MATERIALIZED (
  SELECT id, key, CASE WHEN count(*) OVER (PARTITION BY key) <= $3 THEN 0 ELSE COALESCE(birth_year, -1) END AS bucket
  FROM name_keys WHERE key <> ''
),
document_keys AS (
  SELECT DISTINCT c.id, upper(regexp_replace(d.document ->> 'number', '[\s./-]+', '', 'g')) AS key
  FROM candidates c CROSS JOIN LATERAL jsonb_array_elements(c.identity_documents) AS d(document)
),
document_blocks AS MATERIALIZED (
  SELECT id, key FROM (SELECT id, key, count(*) OVER (PARTITION BY key) AS size FROM document_keys) k
  WHERE size BETWEEN 2 AND $3 AND length(key) >= 5 AND key ~ '[0-9]' AND key !~ '^(.)\1*$'
),
birth_date_blocks AS MATERIALIZED (
  SELECT id, search_names, birth_date
  FROM (SELECT *, count(*) OVER (PARTITION BY birth_date) AS size FROM candidates WHERE birth_date IS NOT NULL) c
  WHERE size BETWEEN 2 AND $3
),
pairs AS (
  SELECT a.id AS first_id, b.id AS second_id
  FROM name_blocks a JOIN name_blocks b ON b.key = a.key AND b.bucket = a.bucket AND a.id < b.id
  UNION
  SELECT a.id, b.id FROM document_blocks a JOIN document_blocks b ON b.key = a.key AND a.id < b.id
  UNION
  SELECT a.id, b.id
  FROM birth_date_blocks a JOIN birth_date_blocks b ON b.birth_date = a.birth_date AND a.id < b.id
  WHERE similarity(a.search_names, b.search_names) >= $4
)
SELECT first_id, second_id FROM pairs p
WHERE NOT EXISTS (
  SELECT 1 FROM duplicate_dismissals d WHERE d.first_target_id = p.first_id AND d.second_target_id = p.second_id
)`;
