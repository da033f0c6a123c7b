import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { principal } from '../../../test/principal.js';
import { mayHearOfNewTicket, mayReceive, ownNotifications } from './notifications.policy.js';

const sales = '11111111-1111-4111-8111-111111111111';
const billing = '22222222-2222-4222-8222-222222222222';
const customerId = '44444444-4444-4444-8444-444444444444';
const ticket = { customerId, departmentId: sales };

describe('notifications policy', () => {
  it('a notification with ticket text goes only to those who may open the ticket', () => {
    expect(mayReceive(principal('AGENT', ['tickets.view_department'], [sales]), ticket, false)).toBe(true);
    expect(mayReceive(principal('AGENT', ['tickets.view_department'], [billing]), ticket, false)).toBe(false);
    const customer = { ...principal('CUSTOMER', ['tickets.view_own']), id: customerId };
    expect(mayReceive(customer, ticket, false)).toBe(true);
    expect(mayReceive(principal('CUSTOMER', ['tickets.view_own']), ticket, false)).toBe(false);
  });

  it('internal-note text goes only to those who read internal notes there', () => {
    const customer = { ...principal('CUSTOMER', ['tickets.view_own']), id: customerId };
    expect(mayReceive(customer, ticket, true)).toBe(false);
    expect(mayReceive(principal('AGENT', ['tickets.view_department'], [sales]), ticket, true)).toBe(true);
  });

  it('only staff who may open the ticket hear of a new unassigned one', () => {
    expect(mayHearOfNewTicket(principal('AGENT', ['tickets.view_department'], [sales]), ticket)).toBe(true);
    expect(mayHearOfNewTicket(principal('AGENT', ['tickets.view_department'], [billing]), ticket)).toBe(false);
    // Even the ticket's own customer is not staff.
    const customer = { ...principal('CUSTOMER', ['tickets.view_own']), id: customerId };
    expect(mayHearOfNewTicket(customer, ticket)).toBe(false);
    // A role without any ticket view, whatever its name.
    expect(mayHearOfNewTicket(principal('AGENT', [], [sales]), ticket)).toBe(false);
  });

  it("a user's notifications are those with their user id", () => {
    const query = new PgDialect().sqlToQuery(ownNotifications({ id: customerId }));
    expect(query.sql).toBe('"notifications"."user_id" = $1');
    expect(query.params).toEqual([customerId]);
  });
});
