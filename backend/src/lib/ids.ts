import { v7 } from 'uuid';

/**
 * A new row id: a time-ordered UUID (version 7). Ids made one after the other sort together, so
 * a new row's primary key, and the ticket_id keys of the rows that follow a new ticket, go into
 * the right-hand pages of their B-tree indexes instead of a random page each. Fewer pages are
 * dirtied and written again in full to the WAL after a checkpoint (docs/decisions/031-time-ordered-ids.md).
 * Rows already stored keep their random (version 4) ids; both are UUIDs to every reader.
 */
export const newId = (): string => v7();
