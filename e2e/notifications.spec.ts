import { expect, test } from './fixtures.js';
import { addMessage, fileTicket, unique } from './support/api.js';
import { pick, screenshot } from './support/page.js';

test('the notifications page: new unassigned tickets (profile setting), filters, opening marks read', async ({
  agentPage: page,
  customer,
  department,
  ticket,
}) => {
  // The agent asks to hear of new unassigned tickets in their department.
  await page.goto('/profile');
  const setting = page.getByRole('switch', { name: 'Notify me of new unassigned tickets in my departments' });
  await setting.click();
  await expect(setting).toBeChecked();

  const subject = `Lost parcel ${unique()}`;
  const fresh = await fileTicket(customer.api, department, { subject });
  await addMessage(customer.api, ticket.id, 'Any news on my invoice?');

  // From the bell to the page beside it.
  await page.goto('/tickets');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications, 2 unread');
  await bell.click();
  await page.getByRole('button', { name: 'See all notifications' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  const list = page.getByTestId('notifications-page-list');
  await expect(list.locator('[data-unread]')).toHaveCount(2);

  // Filters: by type, then by ticket number.
  await pick(page, 'Type', 'New unassigned ticket');
  await expect(list.locator('[data-unread]')).toHaveCount(1);
  await expect(list).toContainText(`New unassigned ticket #${fresh.number}`);
  await expect(list).toContainText(subject);
  await pick(page, 'Type', 'Any type');
  await page.getByRole('textbox', { name: 'Ticket number' }).fill(String(ticket.number));
  await expect(list).toContainText(`#${ticket.number}`);
  await expect(list).not.toContainText(subject);
  await page.getByRole('textbox', { name: 'Ticket number' }).fill('');
  await screenshot(page, 'notifications-page');

  // Opening the new ticket reads its notification: the bell drops at once.
  await list.getByRole('button', { name: new RegExp(`#${fresh.number}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${fresh.id}$`));
  await expect(bell).toHaveAttribute('aria-label', 'Notifications, 1 unread');

  await page.goto('/notifications');
  await page.getByText('Unread', { exact: true }).click();
  await expect(list.locator('[data-unread]')).toHaveCount(1);
  await expect(list).not.toContainText(subject);
});
