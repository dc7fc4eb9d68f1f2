/**
 * Dragnet's domain, one area per folder, each entered through its front door (`<area>/index.ts`).
 * The areas stand in one order; an area may import only the doors of the areas before it, never a
 * file behind a door, and never an area after it (eslint.config.mjs checks this from the same list):
 *
 *   common -> audit -> accounts -> operations -> targets -> notices -> leads -> tasks -> live
 *          -> rollups -> reminders -> exports
 *
 * Where an earlier area needs a later one at run time it owns a port that the later one provides
 * through Nest DI: OperationClosing (the close's final figures, from rollups) and
 * TargetRequestSummaries (a target's notice state, from notices).
 */
export * from './common';
export * from './audit';
export * from './accounts';
export * from './operations';
export * from './targets';
export * from './notices';
export * from './leads';
export * from './tasks';
export * from './live';
export * from './rollups';
export * from './reminders';
export * from './exports';
export * from './schema';
