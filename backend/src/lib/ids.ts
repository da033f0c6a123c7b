import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * Random bytes for ids, taken 16 at a time from a pool that is refilled 4 KB at once: the uuid
 * package's own source asks the operating system for 16 bytes per id, which was ~2 % of the
 * server's CPU while filing tickets (each writes four or five rows).
 */
const pool = new Uint8Array(4096);
let taken = pool.length;

function random16(): Uint8Array {
  if (taken === pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  taken += 16;
  return pool.subarray(taken - 16, taken);
}

/**
 * A new row id: a time-ordered UUID (version 7). Ids made one after the other sort together, so
 * a new row's primary key, and the ticket_id keys of the rows that follow a new ticket, go into
 * the right-hand pages of their B-tree indexes instead of a random page each. Fewer pages are
 * dirtied and written again in full to the WAL after a checkpoint (docs/decisions/031-time-ordered-ids.md).
 * The first 48 bits are the millisecond; ids of the same millisecond are in random order.
 * Rows already stored keep their random (version 4) ids; both are UUIDs to every reader.
 */
export const newId = (): string => v7({ random: random16() });
