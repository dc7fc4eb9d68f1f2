/** The common area's front door: what other areas and the apps may use of it. */
export { SYSTEM_USER_ID, systemActor } from './actor';
export type { Actor } from './actor';
export { countryName, isCountryCode } from './countries';
export { isSerializationFailure, isUniqueViolation } from './database-errors';
export { IdempotencyKey } from './idempotency/idempotency-key.entity';
export { IdempotencyModule } from './idempotency/idempotency.module';
export { idempotencyLockId, IdempotencyStore } from './idempotency/idempotency.store';
export type { IdempotentRequest, IdempotentResponse } from './idempotency/idempotency.store';
export { requestFingerprint } from './idempotency/request-fingerprint';
export { Role } from './role';
export { constantList, escapeLike } from './sql';
export type { SqlCondition } from './sql';
export { StateMachine } from './state-machine';
export { movedBy, recordChange, StatusChangeRow } from './status-history';
export type { StatusMove } from './status-history';
