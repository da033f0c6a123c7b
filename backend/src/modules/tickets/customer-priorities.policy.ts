import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../auth/actor.js';
import { isStaff } from '../auth/actor.js';
import type { ReferenceData } from '../statuses/statuses.service.js';

/**
 * The priorities customers may choose (issue 15): the `customerPriorityIds` setting, or when it is
 * unset every priority but those of the highest level (Urgent), so a customer cannot jump the
 * queue. Ids of deleted priorities drop out.
 */
export function customerPriorityIds(refs: ReferenceData, setting: readonly string[] | null): string[] {
  if (setting) return refs.priorities.filter((p) => setting.includes(p.id)).map((p) => p.id);
  const highest = Math.max(...refs.priorities.map((p) => p.level));
  const allowed = refs.priorities.filter((p) => p.level < highest);
  // With a single level there is nothing below it to offer: all of them.
  return (allowed.length > 0 ? allowed : refs.priorities).map((p) => p.id);
}

/**
 * 422 PRIORITY_NOT_ALLOWED when a customer files with a priority the setting does not offer them.
 * Staff choose any; leaving the priority out (the default priority) is always allowed.
 */
export async function checkCustomerPriority(
  actor: Actor,
  priorityId: string | undefined,
  refs: ReferenceData,
  readSetting: () => Promise<readonly string[] | null>,
): Promise<void> {
  // The setting is read only when it decides something: most tickets leave the priority out.
  if (priorityId === undefined || isStaff(actor)) return;
  if (customerPriorityIds(refs, await readSetting()).includes(priorityId.toLowerCase())) return;
  throw new AppError('PRIORITY_NOT_ALLOWED', 422, 'Customers may not choose this priority', [
    { path: 'body.priorityId', message: 'not_allowed_for_customers' },
  ]);
}
