import { canonicalJson, requestFingerprint } from './request-fingerprint';

describe('request fingerprint', () => {
  it('sorts keys at every level and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: null }], c: 'é' }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[2,{"x":null,"y":1}]},"b":1}',
    );
  });

  it('is the same for the same method, path and body in any key order, and differs otherwise', () => {
    const one = requestFingerprint('post', '/api/targets/1/leads', { place: 'Athens', country: 'GR' });
    expect(requestFingerprint('POST', '/api/targets/1/leads', { country: 'GR', place: 'Athens' })).toBe(one);
    expect(one).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('POST', '/api/targets/2/leads', { place: 'Athens', country: 'GR' })).not.toBe(one);
    expect(requestFingerprint('POST', '/api/targets/1/leads', { place: 'Patras', country: 'GR' })).not.toBe(one);
    expect(requestFingerprint('PUT', '/api/targets/1/leads', { place: 'Athens', country: 'GR' })).not.toBe(one);
  });
});
