import type { EntityManager } from 'typeorm';
import type { Actor, SqlCondition } from '../common';

/** One notice or diffusion request as a target's detail shows it. */
export interface RequestState {
  id: string;
  type: string;
  status: string;
  requestingCountry: string;
  reference: string | null;
  expiresAt: string | null;
  suspensionEnds: string | null;
}

/** A target's current notice and diffusion state, as far as the actor may see it. */
export interface TargetRequestSummary {
  /** A red notice in force (published, or its suspension lapsed, and not expired) or a circulated red diffusion. */
  hasRedNoticeOrDiffusion: boolean;
  /** The latest request of each notice type and requesting country. */
  notices: RequestState[];
  /** The latest diffusion of each type and requesting country. */
  diffusions: RequestState[];
}

/**
 * What a target's view needs from the notices area. Notices are built on targets, so targets owns
 * this port and the notices area provides it (Nest DI): targets never imports notices.
 */
export abstract class TargetRequestSummaries {
  /** Each target's summary; the caller has checked the targets are visible. */
  abstract summarise(
    manager: EntityManager,
    actor: Actor,
    targetIds: string[],
  ): Promise<Map<string, TargetRequestSummary>>;

  /** SQL condition "the target `targetIdSql` has a red notice in force or a circulated red diffusion the actor may see". */
  abstract redNoticeOrDiffusionCondition(actor: Actor, targetIdSql: string): SqlCondition;
}
