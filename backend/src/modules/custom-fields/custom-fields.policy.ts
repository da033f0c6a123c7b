import { type Actor, can, isCustomer, isStaff } from '../auth/actor.js';

/** What the access rules need of a field definition. */
export interface FieldAccess {
  customerVisible: boolean;
  customerEditable: boolean;
  departmentIds: readonly string[];
  requiredOnCreate: boolean;
  requiredToClose: boolean;
}

/** Create, change, order and archive field definitions. */
export const canManageFields = (actor: Actor) => can(actor, 'fields.manage');

/** Staff read every field; everybody else (customers) only the ones made visible to customers. */
export const readsAsStaff = (actor: Actor) => !isCustomer(actor) && (isStaff(actor) || canManageFields(actor));

export function canSeeField(actor: Actor, field: FieldAccess): boolean {
  return readsAsStaff(actor) || field.customerVisible;
}

/** Staff who may update tickets set any field; customers the visible and editable ones. */
export function canEditField(actor: Actor, field: FieldAccess): boolean {
  if (readsAsStaff(actor)) return can(actor, 'tickets.update');
  return field.customerVisible && field.customerEditable;
}

/** A field applies to a ticket of this department: scoped to none (all) or to it. */
export function fieldApplies(field: FieldAccess, departmentId: string): boolean {
  return field.departmentIds.length === 0 || field.departmentIds.includes(departmentId);
}

/**
 * A rule ("required on create", "required to close") binds the caller only for fields they can
 * fill in: a customer is never blocked by a staff-only field they cannot see.
 */
export function mustFill(actor: Actor, field: FieldAccess, rule: 'create' | 'close'): boolean {
  const required = rule === 'create' ? field.requiredOnCreate : field.requiredToClose;
  return required && canEditField(actor, field);
}
