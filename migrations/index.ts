import { Initial1795457525566 } from './1795457525566-Initial';

/** Every migration, oldest first. New ones are generated with `npm run migration:generate -- Name`. */
export const migrations = [Initial1795457525566];
