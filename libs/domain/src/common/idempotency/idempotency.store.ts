import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError, queryRows } from '@dragnet/platform';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** A request made with an `Idempotency-Key`, as the HTTP layer hands it to the service doing the work. */
export interface IdempotentRequest {
  key: string;
  /** See `requestFingerprint`. */
  requestHash: string;
}

/** The answer to give: the work's own on the first request, the stored one on a repeat. */
export interface IdempotentResponse<T> {
  status: number;
  /** As JSON (dates as strings), identical for the first answer and every replay. */
  body: T;
  replayed: boolean;
}

/** Keys are kept this long after their first use (at least 24 hours, as clients are told). */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600;
const PURGE_EVERY_MS = 60_000;
const PURGE_BATCH = 1000;

interface StoredKey {
  request_hash: string;
  response_status: number;
  response_body: unknown;
}

const KEY_FIELD = 'Idempotency-Key';

/**
 * The advisory lock that marks a user's key as in flight: 64 bits of SHA-256, so two different
 * keys practically never share one.
 */
export function idempotencyLockId(userId: string, key: string): string {
  return createHash('sha256').update(userId).update('\0').update(key).digest().readBigInt64BE(0).toString();
}

/**
 * Makes a write happen once per user and `Idempotency-Key`, in one transaction with the work: it
 * takes a transaction-scoped advisory lock on the key (held: another request with the key is in
 * flight, 409), replays a stored answer if there is one, and otherwise does the work and stores
 * its answer before committing. A failed or crashed request rolls back and leaves no trace, so its
 * key is free again at once.
 */
@Injectable()
export class IdempotencyStore {
  private lastPurge = 0;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction unless this key already has an answer. The same key with another
   * request answers 422; a repeat while the first is still running answers 409.
   */
  async execute<T>(
    userId: string,
    request: IdempotentRequest,
    status: number,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentResponse<T>> {
    await this.purgeExpired();
    return this.dataSource.transaction(async (manager) => {
      // Straight to pg (queryRows): these run on every idempotent write.
      const [{ locked }] = await queryRows<{ locked: boolean }>(
        manager,
        'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked',
        [idempotencyLockId(userId, request.key)],
      );
      if (!locked) {
        throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly', [
          { field: KEY_FIELD, message: 'the first request with this key has not finished yet' },
        ]);
      }
      // A new statement, so its snapshot sees an answer committed just before the lock was free.
      const [stored] = await queryRows<StoredKey>(
        manager,
        `SELECT request_hash, response_status, response_body FROM idempotency_keys
          WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
        [userId, request.key],
      );
      if (stored) return this.replay<T>(stored, request);
      const body = JSON.parse(JSON.stringify(await work(manager)) ?? 'null') as T;
      await queryRows(
        manager,
        `INSERT INTO idempotency_keys AS existing (user_id, key, request_hash, response_status, response_body, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, now(), now() + make_interval(secs => $6))
         ON CONFLICT (user_id, key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, response_status = EXCLUDED.response_status,
           response_body = EXCLUDED.response_body, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [userId, request.key, request.requestHash, status, JSON.stringify(body), IDEMPOTENCY_KEY_TTL_SECONDS],
      );
      return { status, body, replayed: false };
    });
  }

  private replay<T>(stored: StoredKey, request: IdempotentRequest): IdempotentResponse<T> {
    if (stored.request_hash !== request.requestHash) {
      throw new DomainError('unprocessable', 'This Idempotency-Key was already used for a different request', [
        { field: KEY_FIELD, message: 'use a new key for a new request; repeat a request with its own body only' },
      ]);
    }
    return { status: stored.response_status, body: stored.response_body as T, replayed: true };
  }

  /** Deletes expired keys now and then, a batch at a time, so the table does not grow without end. */
  private async purgeExpired(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN
         (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT $1)`,
      [PURGE_BATCH],
    );
  }
}
