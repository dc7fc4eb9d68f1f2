import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH } from './audit-chain';

const BATCH_SIZE = 5_000;
// Any constant shared by every sealer; only one process extends the chain at a time.
const SEAL_LOCK = 0x61756474;

export interface BreakReport {
  seq: string;
  entryId: string;
  reason: string;
}

export interface VerifyReport {
  valid: boolean;
  /** Links checked, from the first. */
  checked: number;
  /** Hash of the last link: record it elsewhere to detect a rewritten chain. */
  headHash: string;
  headSeq: string | null;
  firstBreak: BreakReport | null;
  /** Entries not (yet) linked: written by a transaction still running, or added behind the chain's back. */
  unsealed: number;
  verifiedAt: string;
}

interface PendingEntry {
  id: string;
  digest: string;
}

interface LinkRow {
  seq: string;
  entry_id: string;
  chain_hash: string;
  digest: string | null;
}

/**
 * Links audit entries into a hash chain after they commit. Writers never wait for the chain: an entry
 * is sealed once its transaction, and every older one in this database, has finished, in (txid, id)
 * order, so an entry that commits late is sealed late instead of being skipped.
 */
@Injectable()
export class AuditSealer {
  constructor(private readonly dataSource: DataSource) {}

  /** Seals every entry that can be sealed now; returns how many. */
  async sealPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.sealBatch();
      total += sealed;
      if (sealed < BATCH_SIZE) return total;
    }
  }

  private sealBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEAL_LOCK]);
      const [head] = (await manager.query(
        `SELECT s.seq, s.chain_hash, e.txid, s.entry_id FROM audit_seals s
           LEFT JOIN audit_entries e ON e.id = s.entry_id ORDER BY s.seq DESC LIMIT 1`,
      )) as { seq: string; chain_hash: string; txid: string | null; entry_id: string }[];
      const horizon = await this.horizon(manager);
      // Read after the horizon: every transaction below it has finished, so its entries are visible now.
      const pending = (await manager.query(
        `SELECT e.id, audit_entry_digest(e) AS digest FROM audit_entries e
          WHERE e.txid < $1::bigint
            AND ($2::bigint IS NULL OR (e.txid, e.id) > ($2::bigint, $3::bigint))
            AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)
          ORDER BY e.txid, e.id LIMIT $4`,
        [horizon, head?.txid ?? null, head?.entry_id ?? null, BATCH_SIZE],
      )) as PendingEntry[];
      if (pending.length === 0) return 0;
      let previous = head?.chain_hash ?? GENESIS_HASH;
      let seq = BigInt(head?.seq ?? 0);
      const seqs: string[] = [];
      const hashes: string[] = [];
      for (const entry of pending) {
        seq += 1n;
        previous = chainHash(previous, seq.toString(), entry.id, entry.digest);
        seqs.push(seq.toString());
        hashes.push(previous);
      }
      await manager.query(
        `INSERT INTO audit_seals (seq, entry_id, chain_hash)
         SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[])`,
        [seqs, pending.map((entry) => entry.id), hashes],
      );
      return pending.length;
    });
  }

  /**
   * The lowest transaction id that may still add entries: the oldest transaction running in this
   * database, or the next id to be given out. Transactions of other databases on the same server do not
   * hold the chain back. pg_stat_activity shows 32-bit ids; they are widened with the epoch of the
   * snapshot's xmax (taken first, so every id below it was already visible as running or finished).
   */
  private async horizon(manager: EntityManager): Promise<string> {
    const [{ horizon }] = (await manager.query(
      `WITH snapshot AS (SELECT txid_snapshot_xmax(txid_current_snapshot()) AS xmax),
            running AS (
              SELECT (snapshot.xmax & ~4294967295::bigint) | (activity.backend_xid::text::bigint) AS widened, snapshot.xmax
                FROM snapshot, pg_stat_activity activity
               WHERE activity.datname = current_database() AND activity.backend_xid IS NOT NULL
                 AND activity.pid <> pg_backend_pid())
       SELECT least(
                (SELECT xmax FROM snapshot),
                (SELECT min(CASE WHEN widened >= xmax THEN widened - 4294967296 ELSE widened END) FROM running)
              )::text AS horizon`,
    )) as { horizon: string }[];
    return horizon;
  }

  /** Recomputes the whole chain from the entries as they are now and reports the first broken link. */
  async verify(): Promise<VerifyReport> {
    let previous = GENESIS_HASH;
    let expectedSeq = 1n;
    let checked = 0;
    let firstBreak: BreakReport | null = null;
    let headSeq: string | null = null;
    let after = '0';
    // Keyset pages keep memory flat whatever the length of the chain.
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT s.seq, s.entry_id, s.chain_hash, CASE WHEN e.id IS NULL THEN NULL ELSE audit_entry_digest(e) END AS digest
           FROM audit_seals s LEFT JOIN audit_entries e ON e.id = s.entry_id
          WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
        [after, BATCH_SIZE * 4],
      )) as LinkRow[];
      for (const row of rows) {
        checked += 1;
        headSeq = row.seq;
        if (!firstBreak) firstBreak = this.check(row, previous, expectedSeq);
        // After a break, keep following the stored hashes so later links are judged on their own.
        previous = row.chain_hash;
        expectedSeq = BigInt(row.seq) + 1n;
      }
      if (rows.length === 0) break;
      after = rows[rows.length - 1].seq;
    }
    const [{ unsealed }] = (await this.dataSource.query(
      `SELECT count(*)::int AS unsealed FROM audit_entries e
        WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.entry_id = e.id)`,
    )) as { unsealed: number }[];
    return {
      valid: firstBreak === null,
      checked,
      headHash: previous,
      headSeq,
      firstBreak,
      unsealed,
      verifiedAt: new Date().toISOString(),
    };
  }

  private check(row: LinkRow, previous: string, expectedSeq: bigint): BreakReport | null {
    const at = { seq: row.seq, entryId: row.entry_id };
    if (BigInt(row.seq) !== expectedSeq)
      return { ...at, reason: `link ${expectedSeq.toString()} is missing (the chain jumps to ${row.seq})` };
    if (row.digest === null) return { ...at, reason: `audit entry ${row.entry_id} was deleted` };
    if (chainHash(previous, row.seq, row.entry_id, row.digest) !== row.chain_hash)
      return { ...at, reason: `audit entry ${row.entry_id} or its link was altered` };
    return null;
  }
}
