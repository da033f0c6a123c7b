import type { DbOrTx } from '../../db/client.js';
import type { WriteBatch } from '../../db/write-batch.js';
import * as repo from './followers.repository.js';

/**
 * What other modules call inside their own transaction (the tickets module's replies and merges;
 * e-mail later): kept apart from followers.service, which uses the tickets service, so that the
 * tickets module can use these without an import cycle (docs/decisions/007-module-rules.md).
 */

/** The ticket's active followers (id and name), oldest first. */
export const listFollowers = (tx: DbOrTx, ticketId: string) => repo.list(tx, ticketId);

/** Staff who replied or were mentioned follow the ticket from then on. */
export const addFollowers = (tx: DbOrTx, ticketId: string, userIds: readonly string[], batch?: WriteBatch) =>
  repo.add(tx, ticketId, userIds, batch);

/** A merge: the source's followers follow the target. */
export const copyFollowers = (tx: DbOrTx, fromId: string, toId: string) => repo.copy(tx, fromId, toId);
