import react from '@vitejs/plugin-react';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, once, at the highest
 * levels (too slow per request), so the API sends phones compressed files without compressing
 * anything itself (apps/api/src/console/precompressed-assets.ts). Runs after the service worker
 * is written, so sw.js is compressed too.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  let written = outDir;
  return {
    name: 'dragnet-precompress',
    apply: 'build',
    configResolved(config) {
      written = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await readdir(written, { recursive: true })).filter((file) =>
          /\.(js|mjs|css|html|svg|json|webmanifest)$/.test(file),
        );
        await Promise.all(
          files.map(async (file) => {
            const path = join(written, file);
            const content = await readFile(path);
            const [br, gz] = await Promise.all([
              brotli(content, {
                params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
              }),
              gzipped(content, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
          }),
        );
      },
    },
  };
}

// The console is served by the API from dist/console; in development Vite serves it and passes /api on.
export default defineConfig({
  root,
  plugins: [
    react(),
    // A service worker so the console opens on a phone with no signal once it has been visited.
    // It is registered from main.tsx (no inline script, for the strict Content-Security-Policy).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Dragnet',
        short_name: 'Dragnet',
        start_url: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#364fc7',
        icons: [],
      },
      workbox: {
        // The page of the first visit is controlled at once, so it can already reload offline.
        clientsClaim: true,
        navigateFallback: '/index.html',
        // The API, its documentation and the queue dashboard are never answered by the console.
        navigateFallbackDenylist: [/^\/api(\/|$)/],
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        // The map (MapLibre and the basemap, ~1 MB) is cached when first opened, not on every phone's first visit;
        // so are the network page's graph (Cytoscape) and route map. MapLibre sits in the chunk of the
        // basemap module both maps share (lib/basemap.ts).
        globIgnores: [
          '**/map-*',
          '**/maplibre-*',
          '**/countries-*',
          '**/basemap-*',
          '**/network-graph-*',
          '**/route-map-*',
        ],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        runtimeCaching: [
          {
            // Content-hashed files never change: the map's code and basemap, once fetched, stay.
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'console-assets', expiration: { maxEntries: 60 } },
          },
        ],
      },
    }),
    precompress(),
  ],
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts or data: URLs, so the console runs under helmet's strict Content-Security-Policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: { '/api': { target: process.env.DRAGNET_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
