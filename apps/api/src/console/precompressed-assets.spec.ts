import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { precompressedAssets } from './precompressed-assets';

const SCRIPT = 'export const answer = 42;\n'.repeat(200);
const BROTLI = brotliCompressSync(SCRIPT);
const GZIP = gzipSync(SCRIPT);

describe('the console files as the build compressed them', () => {
  let root: string;
  let app: express.Express;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dragnet-console-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'page.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'page.js.br'), BROTLI);
    writeFileSync(join(root, 'assets', 'page.js.gz'), GZIP);
    writeFileSync(join(root, 'assets', 'plain.js'), SCRIPT);
    app = express();
    app.use(precompressedAssets(root));
    app.use(express.static(root, { index: false }));
    app.get('/api/stream.js', (_request, response) => void response.type('text/plain').send('live'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // supertest decompresses what it receives: the length sent says which file crossed the wire.
  const binary = (response: request.Response, done: (error: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  };

  it('sends brotli to a browser that takes it, with the script type and Vary', async () => {
    const response = await request(app)
      .get('/assets/page.js')
      .set('Accept-Encoding', 'gzip, deflate, br, zstd')
      .buffer(true)
      .parse(binary);
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(response.headers['content-length'])).toBe(BROTLI.length);
    expect((response.body as Buffer).toString()).toBe(SCRIPT);
  });

  it('sends gzip when brotli is refused or not offered', async () => {
    for (const accepted of ['gzip', 'br;q=0, gzip;q=0.8']) {
      const response = await request(app)
        .get('/assets/page.js')
        .set('Accept-Encoding', accepted)
        .buffer(true)
        .parse(binary);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(Number(response.headers['content-length'])).toBe(GZIP.length);
      expect((response.body as Buffer).toString()).toBe(SCRIPT);
    }
  });

  it('sends the file as it is without a compressed copy or an accepted encoding', async () => {
    const identity = await request(app).get('/assets/page.js').set('Accept-Encoding', 'identity');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.text).toBe(SCRIPT);
    const plain = await request(app).get('/assets/plain.js').set('Accept-Encoding', 'br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(SCRIPT);
  });

  it('leaves /api and paths outside the console alone', async () => {
    const api = await request(app).get('/api/stream.js').set('Accept-Encoding', 'br');
    expect(api.headers['content-encoding']).toBeUndefined();
    expect(api.text).toBe('live');
    const outside = await request(app).get('/assets/..%2f..%2fpage.js').set('Accept-Encoding', 'br');
    expect(outside.headers['content-encoding']).toBeUndefined();
    expect(outside.status).toBeGreaterThanOrEqual(400);
  });
});
