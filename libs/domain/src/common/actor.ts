import { Role } from './role';

/** Who is acting, as the domain needs to know it for access rules and the audit trail. */
export interface Actor {
  userId: string;
  role: Role;
  /** ISO 3166-1 alpha-2; set for investigators. */
  country: string | null;
  requestId: string;
}

export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/** The actor for work Dragnet does by itself (boot-time setup, schedules). */
export const systemActor = (requestId = 'system'): Actor => ({
  userId: SYSTEM_USER_ID,
  role: Role.Admin,
  country: null,
  requestId,
});
