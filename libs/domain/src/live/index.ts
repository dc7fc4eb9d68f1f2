/** The live area's front door: what other areas and the apps may use of it. */
export { LiveFeed } from './live-feed.service';
export { LiveModule } from './live.module';
