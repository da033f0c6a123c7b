/** Custom fields: required to close in the agent's sidebar, and a customer's field on the new-ticket form. */
import { customFieldSchema, ticketCustomFieldSchema } from '@helpdesk/contract';
import type { APIRequestContext } from '@playwright/test';
import { z } from 'zod';
import { expect, test } from './fixtures.js';
import { dataOf, fileTicket, getTicket, unique } from './support/api.js';
import { screenshot } from './support/page.js';

const fieldsOf = (api: APIRequestContext, ticketId: string) =>
  dataOf(api.get(`/api/tickets/${ticketId}/custom-fields`), z.array(ticketCustomFieldSchema));

test('an agent must fill a required field before closing a ticket', async ({
  adminApi,
  agentPage: page,
  agent,
  department,
  ticket,
}) => {
  const id = unique();
  const field = await dataOf(
    adminApi.post('/api/custom-fields', {
      data: {
        key: `cause_${id}`,
        label: `Root cause ${id}`,
        type: 'select',
        options: [{ label: 'Bug' }, { label: 'User error' }],
        requiredToClose: true,
        departmentIds: [department.id],
      },
    }),
    customFieldSchema,
  );

  await page.goto(`/tickets/${ticket.id}`);
  const details = page.getByTestId('ticket-details');
  const panel = page.getByTestId('ticket-custom-fields');
  await expect(panel.getByText(`Root cause ${id}`)).toBeVisible();

  // Closing without the field is refused and says why; the ticket stays open.
  await details.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Closed', exact: true }).click();
  await expect(details.getByText('Some required fields are empty.')).toBeVisible();
  expect((await getTicket(agent.api, ticket.id)).ticket.status.isClosed).toBe(false);

  // Fill it in the sidebar, save, then close.
  await panel.getByRole('combobox', { name: new RegExp(`Root cause ${id}`) }).click();
  await page.getByRole('option', { name: 'User error', exact: true }).click();
  await panel.getByRole('button', { name: 'Save fields' }).click();
  await expect(panel.getByRole('button', { name: 'Save fields' })).toBeHidden();
  await expect
    .poll(async () => (await fieldsOf(agent.api, ticket.id)).find((f) => f.id === field.id)?.value)
    .toBe(field.options[1]?.id);

  await details.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Closed', exact: true }).click();
  await expect.poll(async () => (await getTicket(agent.api, ticket.id)).ticket.status.isClosed).toBe(true);
  await screenshot(page, '60-custom-fields-sidebar');

  // The change is in the ticket's history.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText(`Root cause ${id}`).last()).toBeVisible();
});

test('a customer fills in a required field on the new-ticket form', async ({
  adminApi,
  customerPage: page,
  customer,
  department,
}) => {
  const id = unique();
  await dataOf(
    adminApi.post('/api/custom-fields', {
      data: {
        key: `order_${id}`,
        label: `Order number ${id}`,
        type: 'text',
        requiredOnCreate: true,
        customerVisible: true,
        customerEditable: true,
        departmentIds: [department.id],
      },
    }),
    customFieldSchema,
  );
  await page.goto('/tickets/new');
  await page.getByRole('combobox', { name: /Department/ }).click();
  await page.getByRole('option', { name: department.name, exact: true }).click();
  const fields = page.getByTestId('new-ticket-custom-fields');
  await expect(fields.getByText(`Order number ${id}`)).toBeVisible();
  await page.getByRole('textbox', { name: /^Subject/ }).fill(`Where is my order ${id}`);
  await page.getByRole('textbox', { name: /^Description/ }).fill('It has not arrived.');
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await expect(fields.getByText('Fill in this field.')).toBeVisible();

  await fields.getByRole('textbox', { name: new RegExp(`Order number ${id}`) }).fill('A-1042');
  await page.getByRole('button', { name: 'Submit ticket' }).click();
  await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
  const ticketId = page.url().split('/').at(-1) ?? '';
  const values = await fieldsOf(customer.api, ticketId);
  expect(values.map((f) => [f.label, f.value])).toEqual([[`Order number ${id}`, 'A-1042']]);
  // The customer's ticket page shows it, editable.
  await expect(
    page.getByTestId('ticket-custom-fields').getByRole('textbox', { name: new RegExp(`Order number ${id}`) }),
  ).toHaveValue('A-1042');
  await screenshot(page, '61-custom-fields-new-ticket');
});

test('the queue filters by a select field and shows it as a column', async ({
  adminApi,
  agentPage: page,
  agent,
  customer,
  department,
}) => {
  const id = unique();
  const field = await dataOf(
    adminApi.post('/api/custom-fields', {
      data: {
        key: `tier_${id}`,
        label: `Tier ${id}`,
        type: 'select',
        options: [{ label: 'Gold' }, { label: 'Silver' }],
        departmentIds: [department.id],
      },
    }),
    customFieldSchema,
  );
  const gold = await fileTicket(customer.api, department, { subject: `Gold ticket ${id}` });
  const silver = await fileTicket(customer.api, department, { subject: `Silver ticket ${id}` });
  for (const [ticket, option] of [
    [gold, field.options[0]],
    [silver, field.options[1]],
  ] as const) {
    await agent.api.patch(`/api/tickets/${ticket.id}`, {
      data: { version: ticket.version, customFields: { [field.key]: option?.id } },
    });
  }

  await page.goto('/queue');
  await expect(page.getByTestId('queue-row').filter({ hasText: `Silver ticket ${id}` })).toHaveCount(1);
  await page.getByTestId('queue-field-filter').click();
  await page.getByRole('option', { name: `Tier ${id}`, exact: true }).click();
  await page.getByRole('combobox', { name: `Tier ${id}`, exact: true }).click();
  await page.getByRole('option', { name: 'Gold', exact: true }).click();
  await expect(page).toHaveURL(/field=/);
  await expect(page.getByTestId('queue-row').filter({ hasText: `Gold ticket ${id}` })).toHaveCount(1);
  await expect(page.getByTestId('queue-row').filter({ hasText: `Silver ticket ${id}` })).toHaveCount(0);

  await page.getByTestId('queue-field-columns').click({ force: true });
  await page.getByRole('option', { name: `Tier ${id}`, exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: `Tier ${id}` })).toBeVisible();
  await expect(page.getByTestId('queue-row').filter({ hasText: `Gold ticket ${id}` })).toContainText('Gold');
  await screenshot(page, '62-custom-fields-queue');
});

test('an admin defines a select field, then renames and retires an option', async ({ adminApi, adminPage: page }) => {
  const id = unique();
  await page.goto('/admin/custom-fields');
  await page.getByRole('button', { name: 'New field' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /^Key/ }).fill(`product_${id}`);
  await dialog.getByRole('textbox', { name: /^Label/ }).fill(`Product ${id}`);
  await dialog
    .getByRole('textbox', { name: 'Type' })
    .or(dialog.getByRole('combobox', { name: 'Type' }))
    .first()
    .click();
  await page.getByRole('option', { name: 'Single select', exact: true }).click();
  for (const label of ['App', 'Web']) {
    await dialog.getByRole('button', { name: 'Add option' }).click();
    await dialog
      .getByRole('textbox', { name: /^Option \d/ })
      .last()
      .fill(label);
  }
  await dialog.getByRole('checkbox', { name: 'Visible to customers' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('custom-fields-table').getByText(`Product ${id}`)).toBeVisible();

  const fields = await dataOf(adminApi.get('/api/custom-fields'), z.array(customFieldSchema));
  const created = fields.find((f) => f.key === `product_${id}`);
  expect(created?.options.map((o) => o.label)).toEqual(['App', 'Web']);
  expect(created?.customerVisible).toBe(true);

  await page
    .getByTestId('custom-fields-table')
    .getByRole('row', { name: new RegExp(`Product ${id}`) })
    .getByRole('button', { name: 'Edit' })
    .click();
  await dialog.getByRole('textbox', { name: 'Option 1' }).fill('Mobile app');
  await dialog.getByRole('checkbox', { name: 'Retired' }).last().check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const after = (await dataOf(adminApi.get('/api/custom-fields'), z.array(customFieldSchema))).find(
    (f) => f.key === `product_${id}`,
  );
  expect(after?.options.map((o) => [o.label, o.retired])).toEqual([
    ['Mobile app', false],
    ['Web', true],
  ]);
  await screenshot(page, '63-custom-fields-admin');
});
