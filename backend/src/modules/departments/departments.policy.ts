import { can, isCustomer, type Principal } from '../auth/actor.js';

/** Who may see a department: staff every one, customers the active ones (to file tickets in). */
export function canSeeDepartment(actor: Principal, department: { isActive: boolean }): boolean {
  return department.isActive || !isCustomer(actor);
}

/** Who may see which staff are members: department managers and those who may view users. */
export function seesMembers(actor: Principal): boolean {
  return can(actor, 'departments.manage') || can(actor, 'users.view');
}
