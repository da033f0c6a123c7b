import { mentionableSchema, notificationSchema, ticketMessageSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('@mentions (issue 17)', () => {
  const t = useTestApp();
  const people = z.array(mentionableSchema);

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const other = await f.department();
    const customer = await f.user({ name: 'Maya Customer' });
    const anna = await f.user({ role: 'AGENT', departments: [dept], name: 'Anna Writer' });
    const maya = await f.user({ role: 'AGENT', departments: [dept], name: 'Maya Patel' });
    const outsider = await f.user({ role: 'AGENT', departments: [other], name: 'Maya Outside' });
    const admin = await f.user({ role: 'ADMIN', name: 'Maya Admin' });
    const ticket = await f.ticket({ customer, department: dept });
    return { f, dept, customer, anna, maya, outsider, admin, ticket };
  }

  it('offers the staff who may read the ticket’s notes, never customers, outsiders or yourself', async () => {
    const { anna, maya, admin, ticket } = await setup();
    const found = expectOk(await api(t, anna).get(`/api/tickets/${ticket.id}/mentionable?q=maya`), people);
    expect(found.map((p) => p.name).sort()).toEqual(['Maya Admin', 'Maya Patel']);
    expect(found.find((p) => p.id === maya.id)?.handle).toBe('maya.patel');
    // By number too; an empty query lists the first ones; the caller is never offered.
    const all = expectOk(await api(t, anna).get(`/api/tickets/${ticket.number}/mentionable`), people);
    expect(all.map((p) => p.id)).toContain(admin.id);
    expect(all.map((p) => p.id)).not.toContain(anna.id);
    // LIKE's wildcards are taken literally.
    expect(expectOk(await api(t, anna).get(`/api/tickets/${ticket.id}/mentionable?q=%25`), people)).toEqual([]);
  });

  it('answers customers and agents outside the department with 404, bad input with 400', async () => {
    const { customer, outsider, anna, ticket } = await setup();
    expectError(await api(t, customer).get(`/api/tickets/${ticket.id}/mentionable?q=m`), 404, 'NOT_FOUND');
    expectError(await api(t, outsider).get(`/api/tickets/${ticket.id}/mentionable?q=m`), 404, 'NOT_FOUND');
    expectError(
      await api(t, anna).get(`/api/tickets/${ticket.id}/mentionable?q=${'x'.repeat(101)}`),
      400,
      'VALIDATION_ERROR',
    );
    expectError(await api(t, anna).get(`/api/tickets/${ticket.id}/mentionable?who=x`), 400, 'VALIDATION_ERROR');
  });

  it('a mention’s notification names the note, so the client opens the ticket at it', async () => {
    const { anna, maya, outsider, ticket } = await setup();
    const note = expectOk(
      await api(t, anna).post(`/api/tickets/${ticket.id}/messages`, {
        body: 'Could @maya.patel and @maya.outside look?',
        isInternal: true,
      }),
      ticketMessageSchema,
      201,
    );
    const inbox = expectOk(await api(t, maya).get('/api/notifications'), z.array(notificationSchema));
    expect(inbox).toMatchObject([{ type: 'mention', ticketId: ticket.id, messageId: note.id }]);
    // The outsider cannot read the ticket: not told.
    expect(expectOk(await api(t, outsider).get('/api/notifications'), z.array(notificationSchema))).toEqual([]);
  });
});
