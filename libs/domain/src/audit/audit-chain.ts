import { createHash } from 'node:crypto';

/** The link before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** One link: the previous link's hash, the position, the entry and the digest of its content. */
export function chainHash(previous: string, seq: string, entryId: string, digest: string): string {
  return createHash('sha256').update(`${previous}|${seq}|${entryId}|${digest}`).digest('hex');
}
