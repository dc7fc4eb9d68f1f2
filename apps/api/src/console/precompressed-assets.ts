import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

/** The console's text files, with the type their uncompressed name would have been sent with. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/** The encodings the caller takes (`q=0` refuses one), brotli first: it is the smaller. */
function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name.trim());
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/**
 * Sends the console's files compressed: the console's build writes `<file>.br` and `<file>.gz`
 * beside each text file (apps/console/vite.config.ts), and this points the static file server at
 * the one the caller accepts, with the original file's type and `Content-Encoding`. Nothing is
 * compressed per request, and nothing under `/api` is touched (the live feed is a stream that must
 * not be buffered). configureApi registers it ahead of the static file server.
 */
export function precompressedAssets(rootPath: string) {
  const root = resolve(rootPath);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      return next();
    }
    if (path === '/api' || path.startsWith('/api/')) return next();
    const type = TYPES[extname(path)];
    if (!type) return next();
    // Caches keep one copy per encoding.
    response.vary('Accept-Encoding');
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    if (!encoding) return next();
    const suffix = encoding === 'br' ? '.br' : '.gz';
    const file = resolve(root, `.${path}${suffix}`);
    if (!file.startsWith(root + sep) || !existsSync(file)) return next();
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Encoding', encoding);
    const query = request.url.indexOf('?');
    request.url = `${request.path}${suffix}${query >= 0 ? request.url.slice(query) : ''}`;
    next();
  };
}
