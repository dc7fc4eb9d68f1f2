import { Injectable } from '@nestjs/common';
import { ConflictError, DomainError } from '@dragnet/platform';
import { randomUUID } from 'node:crypto';
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
/** A claim older than this with no answer is taken to have crashed, and the key can be claimed again. */
export const IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS = 60;
const PURGE_EVERY_MS = 60_000;
const PURGE_BATCH = 1000;

interface StoredKey {
  status: 'in_flight' | 'done';
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

const KEY_FIELD = 'Idempotency-Key';

/**
 * Makes a write happen once per user and `Idempotency-Key`. The key is claimed in its own short
 * transaction before the work, and marked done, with the answer, in the work's transaction: either
 * both commit or neither does. A failed request releases its key; a crashed one leaves it in flight
 * until the claim times out.
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
    const claim = await this.claim(userId, request);
    if ('replay' in claim) return claim.replay as IdempotentResponse<T>;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const body = JSON.parse(JSON.stringify(await work(manager)) ?? 'null') as T;
        await this.complete(manager, userId, request.key, claim.token, status, body);
        return { status, body, replayed: false };
      });
    } catch (error) {
      await this.release(userId, request.key, claim.token).catch(() => undefined);
      throw error;
    }
  }

  private async claim(
    userId: string,
    request: IdempotentRequest,
  ): Promise<{ token: string } | { replay: IdempotentResponse<unknown> }> {
    // The row can vanish between the insert and the read (its claimant failed and released it): try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const token = randomUUID();
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys AS existing
           (user_id, key, request_hash, status, claim_token, claimed_at, created_at, expires_at)
         VALUES ($1, $2, $3, 'in_flight', $4, now(), now(), now() + make_interval(secs => $5))
         ON CONFLICT (user_id, key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, status = 'in_flight', claim_token = EXCLUDED.claim_token,
           claimed_at = now(), created_at = now(), expires_at = EXCLUDED.expires_at,
           response_status = NULL, response_body = NULL
         WHERE existing.expires_at <= now()
            OR (existing.status = 'in_flight' AND existing.request_hash = EXCLUDED.request_hash
                AND existing.claimed_at < now() - make_interval(secs => $6))
         RETURNING claim_token`,
        [
          userId,
          request.key,
          request.requestHash,
          token,
          IDEMPOTENCY_KEY_TTL_SECONDS,
          IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS,
        ],
      );
      if (claimed.length === 1) return { token };
      const [stored]: StoredKey[] = await this.dataSource.query(
        `SELECT status, request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, request.key],
      );
      if (!stored) continue;
      if (stored.request_hash !== request.requestHash) {
        throw new DomainError('unprocessable', 'This Idempotency-Key was already used for a different request', [
          { field: KEY_FIELD, message: 'use a new key for a new request; repeat a request with its own body only' },
        ]);
      }
      if (stored.status === 'in_flight') {
        throw new ConflictError('A request with this Idempotency-Key is still being processed; retry shortly', [
          { field: KEY_FIELD, message: 'the first request with this key has not finished yet' },
        ]);
      }
      return { replay: { status: stored.response_status ?? 200, body: stored.response_body, replayed: true } };
    }
    throw new ConflictError('The Idempotency-Key is changing hands; retry shortly');
  }

  private async complete(
    manager: EntityManager,
    userId: string,
    key: string,
    token: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE idempotency_keys SET status = 'done', response_status = $4, response_body = $5::jsonb
        WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND status = 'in_flight'`,
      [userId, key, token, status, JSON.stringify(body)],
    );
    // Our claim timed out and another request took the key over: let that one do the work.
    if (affected !== 1) throw new ConflictError('The request took too long and its Idempotency-Key was taken over');
  }

  private async release(userId: string, key: string, token: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND claim_token = $3 AND status = 'in_flight'`,
      [userId, key, token],
    );
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
