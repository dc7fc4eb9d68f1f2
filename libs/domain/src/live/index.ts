/** The live area's front door: what other areas and the apps may use of it. */
export { FEED_ENDED, LiveFeed, SESSION_RECHECK_MS } from './live-feed.service';
export type { LiveFeedMessage } from './live-feed.service';
export { LiveSession, SESSION_CHECK_TTL_MS } from './live-session';
export type { SessionToken } from './live-session';
export { LiveModule } from './live.module';
