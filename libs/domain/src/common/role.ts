export enum Role {
  Admin = 'admin',
  Coordinator = 'coordinator',
  Investigator = 'investigator',
  Observer = 'observer',
}

export const ROLES = Object.values(Role);
