import { snapshotCache } from '../../db/snapshot-cache.js';
import { departmentsWithNewTicketOptIns } from './notifications.repository.js';

/**
 * The departments with at least one active member who asked to hear of new unassigned tickets
 * (users.notify_new_unassigned), kept in memory so that filing a ticket elsewhere — nearly every
 * ticket, as the setting is off by default — runs no recipients query. Dropped on every committed
 * change to users, roles or department members (the `auth` topic of migration 0002's triggers)
 * by any process; who of them may hear of the ticket is still decided per recipient.
 */
export const departmentsWithOptIns = snapshotCache<ReadonlySet<string>>(
  'auth',
  'new_ticket_optins',
  async (db) => new Set(await departmentsWithNewTicketOptIns(db)),
);
