import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDragnet } from './dragnet-processes';

/** Starts the real Dragnet for the run; Playwright calls the returned function when the run ends. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dragnet = await startDragnet();
  process.env.DRAGNET_URL = dragnet.url;
  process.env.DRAGNET_OUTBOX_DIR = dragnet.outboxDir;
  mkdirSync(resolve(__dirname, '../../../../test-results/console'), { recursive: true });
  writeFileSync(resolve(__dirname, '../../../../test-results/console/dragnet-url.txt'), dragnet.url);
  return () => dragnet.stop();
}
