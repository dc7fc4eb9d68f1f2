import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { AppConfig } from '@dragnet/platform';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the built web console (apps/console) at `/`, with `index.html` for every other path so
 * the console's own router takes deep links (`/operations/:id/targets`); `/api` is never shadowed.
 */
@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const rootPath = resolve(config.CONSOLE_DIR);
        // Without a built console (tests, API-only development) there is nothing to serve.
        if (!existsSync(join(rootPath, 'index.html'))) return [];
        return [
          {
            rootPath,
            exclude: /^\/api(\/|$)/,
            serveStaticOptions: {
              index: false,
              // Vite names its assets by content hash: they never change, the page that lists them does.
              setHeaders: (response: { setHeader(name: string, value: string): void }, path: string) =>
                response.setHeader(
                  'Cache-Control',
                  path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
                ),
            },
          },
        ];
      },
    }),
  ],
})
export class ConsoleModule {}
