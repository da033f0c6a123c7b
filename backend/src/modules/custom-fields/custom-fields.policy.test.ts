import { describe, expect, it } from 'vitest';
import { testActor } from '../../../test/principal.js';
import {
  canEditField,
  canManageFields,
  canSeeField,
  type FieldAccess,
  fieldApplies,
  mustFill,
} from './custom-fields.policy.js';

const actor = testActor;

const field = (over: Partial<FieldAccess> = {}): FieldAccess => ({
  customerVisible: false,
  customerEditable: false,
  departmentIds: [],
  requiredOnCreate: false,
  requiredToClose: false,
  ...over,
});

const customer = actor('CUSTOMER', ['tickets.create', 'tickets.view_own', 'tickets.reply']);
const agent = actor('AGENT', ['tickets.view_department', 'tickets.update']);
const viewer = actor('VIEWER', ['tickets.view_department']);
const admin = actor('ADMIN', ['fields.manage', 'tickets.view_all', 'tickets.update']);

describe('custom-fields policy', () => {
  it('fields.manage manages definitions', () => {
    expect(canManageFields(admin)).toBe(true);
    expect(canManageFields(agent)).toBe(false);
    expect(canManageFields(actor('SUPER_ADMIN', []))).toBe(true);
    // A customer role given fields.manage by mistake still reads fields as a customer.
    expect(canSeeField(actor('CUSTOMER', ['fields.manage']), field())).toBe(false);
  });

  it('customers see customer-visible fields only and edit visible, editable ones', () => {
    expect(canSeeField(customer, field())).toBe(false);
    expect(canSeeField(customer, field({ customerVisible: true }))).toBe(true);
    expect(canEditField(customer, field({ customerVisible: true }))).toBe(false);
    expect(canEditField(customer, field({ customerVisible: true, customerEditable: true }))).toBe(true);
    // Editable without visible never lets a customer write (the service refuses such definitions too).
    expect(canEditField(customer, field({ customerEditable: true }))).toBe(false);
  });

  it('staff see every field; editing needs tickets.update', () => {
    expect(canSeeField(agent, field())).toBe(true);
    expect(canEditField(agent, field())).toBe(true);
    expect(canSeeField(viewer, field())).toBe(true);
    expect(canEditField(viewer, field())).toBe(false);
  });

  it('a field applies to every department or the ones it names', () => {
    expect(fieldApplies(field(), 'd1')).toBe(true);
    expect(fieldApplies(field({ departmentIds: ['d1'] }), 'd1')).toBe(true);
    expect(fieldApplies(field({ departmentIds: ['d1'] }), 'd2')).toBe(false);
  });

  it('required rules bind only callers who can fill the field', () => {
    const staffOnly = field({ requiredOnCreate: true, requiredToClose: true });
    expect(mustFill(agent, staffOnly, 'create')).toBe(true);
    expect(mustFill(agent, staffOnly, 'close')).toBe(true);
    expect(mustFill(customer, staffOnly, 'create')).toBe(false);
    expect(mustFill(customer, staffOnly, 'close')).toBe(false);
    const shared = field({ requiredOnCreate: true, customerVisible: true, customerEditable: true });
    expect(mustFill(customer, shared, 'create')).toBe(true);
    expect(mustFill(customer, shared, 'close')).toBe(false);
  });
});
