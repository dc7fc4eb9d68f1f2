import type { INestApplicationContext } from '@nestjs/common';
import { startShutdownDeadline } from './shutdown-deadline';

/**
 * A process started by `npm start` has an IPC channel to the launcher. If the launcher dies without
 * stopping it (SIGKILL), the channel closes: stop too, rather than run on against a database that
 * the next start will replace.
 */
export function stopWithLauncher(app: INestApplicationContext): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    startShutdownDeadline('launcher gone');
    void app.close().finally(() => process.exit(0));
  });
}
