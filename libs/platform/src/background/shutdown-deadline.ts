import { Logger } from '@nestjs/common';

/**
 * A bounded graceful shutdown. On SIGTERM/SIGINT (or when the launcher goes away) Nest runs the
 * shutdown hooks: workers finish their jobs, loops end their round, connections close. Should one of
 * them never finish (a promise that never settles, a pool waiting for a client that is never
 * returned), the process would live on, holding its jobs' locks and its connections. After
 * SHUTDOWN_TIMEOUT_MS it logs what was still open and exits with code 1; jobs it had not finished
 * come back to the other workers as stalled, as after a crash.
 */
const openSteps = new Map<number, string>();
let nextStep = 0;
let timeoutMs = 25_000;
let deadline: NodeJS.Timeout | undefined;
const logger = new Logger('Shutdown');

/** Names one step of the shutdown, so that an overrun says which steps were still open. */
export async function shutdownStep<T>(name: string, work: () => Promise<T>): Promise<T> {
  const id = nextStep++;
  openSteps.set(id, name);
  try {
    return await work();
  } finally {
    openSteps.delete(id);
  }
}

/** Arms the deadline on the first SIGTERM or SIGINT; call before `enableShutdownHooks` or after, either works. */
export function boundShutdown(limitMs: number): void {
  timeoutMs = limitMs;
  // `once`: Nest re-raises the signal when its hooks are done, and the process must then end by it.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => startShutdownDeadline(signal));
}

/** Starts the countdown (once); the process exits by itself earlier when the shutdown completes. */
export function startShutdownDeadline(reason: string): void {
  if (deadline) return;
  deadline = setTimeout(() => {
    logger.error(
      `Shutdown (${reason}) did not finish within ${timeoutMs} ms; still open: ${describeOpen()}. Exiting with code 1.`,
    );
    process.exit(1);
  }, timeoutMs);
  // Never the reason the process stays alive: a shutdown that completes ends it at once.
  deadline.unref();
}

/** The shutdown steps not finished, then the handles keeping the event loop alive. */
export function describeOpen(): string {
  const steps = [...openSteps.values()];
  const handles = new Map<string, number>();
  for (const resource of process.getActiveResourcesInfo()) handles.set(resource, (handles.get(resource) ?? 0) + 1);
  const handleList = [...handles].map(([resource, count]) => `${resource} x${count}`).join(', ');
  return `${steps.length > 0 ? steps.join('; ') : 'no named step'} (handles: ${handleList || 'none'})`;
}
