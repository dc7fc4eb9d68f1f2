import { chainHash, GENESIS_HASH } from './audit-chain';

describe('audit chain links', () => {
  const digest = 'a'.repeat(64);

  it('depend on the previous link, the position, the entry and its content', () => {
    const link = chainHash(GENESIS_HASH, '1', '10', digest);
    expect(link).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, '1', '10', digest)).toBe(link);
    expect(chainHash(link, '1', '10', digest)).not.toBe(link);
    expect(chainHash(GENESIS_HASH, '2', '10', digest)).not.toBe(link);
    expect(chainHash(GENESIS_HASH, '1', '11', digest)).not.toBe(link);
    expect(chainHash(GENESIS_HASH, '1', '10', 'b'.repeat(64))).not.toBe(link);
  });
});
