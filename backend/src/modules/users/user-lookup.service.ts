/**
 * Read-only lookups of users for other modules (tickets, departments). Kept apart from
 * users.service.ts, which depends on departments, so that departments can use these without an
 * import cycle.
 */
export type { UserBrief } from './users.repository.js';
export {
  countStaffUsers,
  /** A user's name, role and whether they are active. */
  findUserBrief,
} from './users.repository.js';
