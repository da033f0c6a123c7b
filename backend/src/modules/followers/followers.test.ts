import { notificationSchema, ticketFollowersSchema, ticketMessageSchema } from '@helpdesk/contract';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, type Caller, expectError, expectOk } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';

describe('followers (issue 17)', () => {
  const t = useTestApp();

  async function setup() {
    const f = factories(t.database);
    const dept = await f.department();
    const customer = await f.user();
    const anna = await f.user({ role: 'AGENT', departments: [dept], name: 'Anna Follows' });
    const bob = await f.user({ role: 'AGENT', departments: [dept], name: 'Bob Replies' });
    const maya = await f.user({ role: 'AGENT', departments: [dept], name: 'Maya Mentioned' });
    const owner = await f.user({ role: 'AGENT', departments: [dept] });
    const ticket = await f.ticket({ customer, department: dept, assignee: owner });
    return { f, dept, customer, anna, bob, maya, owner, ticket };
  }
  const inbox = async (who: Caller, type: string) =>
    expectOk(await api(t, who).get(`/api/notifications?type=${type}`), z.array(notificationSchema));
  const followers = async (who: Caller, id: string) =>
    expectOk(await api(t, who).get(`/api/tickets/${id}/followers`), ticketFollowersSchema);

  it('follow and unfollow from the ticket, idempotent', async () => {
    const { anna, bob, ticket } = await setup();
    const url = `/api/tickets/${ticket.id}/followers/me`;
    expect(await followers(anna, ticket.id)).toEqual({ followers: [], following: false });
    expectOk(await api(t, anna).put(url), ticketFollowersSchema);
    const twice = expectOk(await api(t, anna).put(`/api/tickets/${ticket.number}/followers/me`), ticketFollowersSchema);
    expect(twice).toEqual({ followers: [{ id: anna.id, name: 'Anna Follows' }], following: true });
    expect(await followers(bob, ticket.id)).toMatchObject({ following: false, followers: [{ id: anna.id }] });
    expect(expectOk(await api(t, anna).delete(url), ticketFollowersSchema)).toEqual({
      followers: [],
      following: false,
    });
    expectOk(await api(t, anna).delete(url), ticketFollowersSchema);
  });

  it('staff who reply or are mentioned follow; followers hear of customer messages once, at the message', async () => {
    const { anna, bob, maya, owner, customer, ticket } = await setup();
    const post = (who: Caller, body: object) =>
      api(t, who)
        .post(`/api/tickets/${ticket.id}/messages`, body)
        .then((r) => expectOk(r, ticketMessageSchema, 201));
    expectOk(await api(t, anna).put(`/api/tickets/${ticket.id}/followers/me`), ticketFollowersSchema);
    await post(bob, { body: 'We are on it' });
    await post(bob, { body: 'ping @maya.mentioned', isInternal: true });
    await post(owner, { body: 'just a note', isInternal: true });
    const names = (await followers(anna, ticket.id)).followers.map((f) => f.name);
    expect(names).toEqual(['Anna Follows', 'Bob Replies', 'Maya Mentioned']);

    const reply = await post(customer, { body: 'Still broken' });
    for (const who of [anna, bob, maya]) {
      expect(await inbox(who, 'followed_reply')).toMatchObject([{ ticketId: ticket.id, messageId: reply.id }]);
    }
    // The assignee gets the customer_reply notice, not a second one; replies by staff tell no follower.
    expect(await inbox(owner, 'followed_reply')).toEqual([]);
    expect(await inbox(owner, 'customer_reply')).toHaveLength(1);
    await post(bob, { body: 'Try again?' });
    expect(await inbox(anna, 'followed_reply')).toHaveLength(1);

    // Unfollowed (from the notification): no more notices.
    expectOk(await api(t, anna).delete(`/api/tickets/${ticket.id}/followers/me`), ticketFollowersSchema);
    await post(customer, { body: 'Hello?' });
    expect(await inbox(anna, 'followed_reply')).toHaveLength(1);
    expect(await inbox(maya, 'followed_reply')).toHaveLength(2);
  });

  it('customers and agents outside the department get 404, nothing changes', async () => {
    const { f, customer, anna, ticket } = await setup();
    const outsider = await f.user({ role: 'AGENT', departments: [await f.department()] });
    for (const who of [customer, outsider]) {
      expectError(await api(t, who).get(`/api/tickets/${ticket.id}/followers`), 404, 'NOT_FOUND');
      expectError(await api(t, who).put(`/api/tickets/${ticket.id}/followers/me`), 404, 'NOT_FOUND');
      expectError(await api(t, who).delete(`/api/tickets/${ticket.id}/followers/me`), 404, 'NOT_FOUND');
    }
    expectError(await api(t, anna).get('/api/tickets/not-a-ticket/followers'), 400, 'VALIDATION_ERROR');
    expectError(await api(t, anna).get('/api/tickets/999999999/followers'), 404, 'NOT_FOUND');
    expect((await followers(anna, ticket.id)).followers).toEqual([]);
  });
});
