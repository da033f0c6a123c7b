import { type Actor, isStaff } from '../auth/actor.js';

/**
 * Who follows tickets: staff, on tickets they may see (checked by the ticket lookup). Customers
 * already hear of every reply on their own tickets; for them the followers endpoints are a 404.
 */
export const canFollow = (actor: Actor) => isStaff(actor);
