/** The customer beside the ticket: the panel on the ticket page, the staff note, customers and organisations. */
import { organisationDetailSchema, organisationSchema } from '@helpdesk/contract';
import { expect, test } from './fixtures.js';
import { dataOf, fileTicket, unique } from './support/api.js';
import { screenshot } from './support/page.js';

test('an agent opens a ticket, sees the customer panel with their other ticket and writes a note', async ({
  agentPage: page,
  customer,
  department,
  ticket,
}) => {
  const other = await fileTicket(customer.api, department, { subject: `Earlier question ${unique()}` });

  await page.goto(`/tickets/${ticket.number}`);
  const panel = page.getByTestId('customer-panel');
  await expect(panel).toContainText(customer.user.name);
  await expect(panel).toContainText(customer.user.email);
  const others = panel.getByTestId('customer-other-tickets');
  await expect(others.getByRole('link', { name: `#${other.number} ${other.subject}` })).toBeVisible();
  // The ticket being read is not among the "other" tickets.
  await expect(others).not.toContainText(ticket.subject);

  await panel.getByRole('button', { name: 'Edit note' }).click();
  const note = `Prefers phone calls <b>${unique()}</b>`;
  await panel.getByLabel('Note about this customer').fill(note);
  await panel.getByRole('button', { name: 'Save note' }).click();
  // Shown as text, never as HTML.
  await expect(panel.getByTestId('customer-note')).toHaveText(note);
  await screenshot(page, '50-customer-panel');

  await page.reload();
  await expect(page.getByTestId('customer-note')).toHaveText(note);
  await others.getByRole('link', { name: `#${other.number} ${other.subject}` }).click();
  await page.waitForURL(`**/tickets/${other.number}`);
  await expect(page.getByTestId('ticket-subject')).toContainText(other.subject);
});

test('an agent finds a customer in the customers list and opens their page', async ({
  agentPage: page,
  customer,
  ticket,
}) => {
  await page.goto('/customers');
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(customer.user.email);
  const table = page.getByTestId('customers-table');
  // The list answers the search once it has settled on this one customer; click then, not before.
  await expect(table.getByRole('link')).toHaveCount(1);
  await table.getByRole('link', { name: customer.user.name }).click();
  await page.waitForURL(`**/customers/${customer.user.id}`);
  await expect(page.getByTestId('customer-tickets')).toContainText(ticket.subject);
});

test("a customer sees a colleague's ticket only while their organisation shares tickets", async ({
  adminApi,
  newAccount,
  department,
  customer,
  customerPage: page,
}) => {
  const colleague = await newAccount('CUSTOMER');
  const theirs = await fileTicket(colleague.api, department, { subject: `Shared printer ${unique()}` });
  const org = await dataOf(
    adminApi.post('/api/organisations', { data: { name: `Acme ${unique()}`, membersSeeTickets: true } }),
    organisationDetailSchema,
  );
  for (const member of [customer, colleague]) {
    await dataOf(
      adminApi.put(`/api/organisations/${org.id}/members/${member.user.id}`, { data: {} }),
      organisationDetailSchema,
    );
  }

  await page.goto(`/tickets/${theirs.number}`);
  await expect(page.getByTestId('ticket-subject')).toContainText(theirs.subject);

  await dataOf(
    adminApi.patch(`/api/organisations/${org.id}`, { data: { membersSeeTickets: false } }),
    organisationDetailSchema,
  );
  await page.reload();
  await expect(page.getByText('Ticket not found')).toBeVisible();
});

test('an admin creates an organisation, turns on sharing and adds a customer', async ({
  adminPage: page,
  adminApi,
  customer,
}) => {
  const name = `Globex ${unique()}`;
  await page.goto('/admin/organisations');
  await page.getByRole('button', { name: 'New organisation' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-mail domains').fill('globex.example, GLOBEX.example');
  await page.getByLabel("Members see each other's tickets").check();
  await page.getByRole('button', { name: 'Save' }).click();

  const editor = page.getByRole('heading', { name });
  await expect(editor).toBeVisible();
  await page.getByRole('searchbox', { name: 'Find a customer to add…' }).fill(customer.user.email);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  // The search's own row shows "name · email" too, so that text alone is no sign the member was
  // added: a member row (the only rows with Remove; the organisation is new) comes with the answer.
  await expect(page.getByRole('button', { name: 'Remove', exact: true })).toBeVisible();
  await expect(page.getByText(`${customer.user.name} · ${customer.user.email}`).first()).toBeVisible();
  await expect(page.getByTestId('organisations-table')).toContainText(name);

  const orgs = await dataOf(adminApi.get('/api/organisations'), organisationSchema.array());
  const created = orgs.find((o) => o.name === name);
  expect(created).toMatchObject({ domains: ['globex.example'], membersSeeTickets: true, memberCount: 1 });
});
