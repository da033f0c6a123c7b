import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures.js';
import { createAccount, createDepartment, createFirstAdmin, fileTicket } from './support/api.js';
import { startFreshServer } from './support/fresh-server.js';
import { signInUi } from './support/page.js';

/** A real HTTP receiver on loopback that keeps what the server posts (docs/webhooks.md). */
async function receiver() {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('an admin adds a webhook, copies its secret once, and sees the delivery of a new ticket', async ({ openPage }) => {
  const peer = await receiver();
  const server = await startFreshServer('webhooks', {
    WEBHOOK_ALLOW_NETWORKS: '127.0.0.0/8',
    WEBHOOK_POLL_SECONDS: '1',
  });
  try {
    const admin = await createFirstAdmin(server.url);
    const department = await createDepartment(admin.api);
    const customer = await createAccount(admin.api, server.url, 'CUSTOMER');
    const page = await openPage(undefined, { baseURL: server.url });
    await signInUi(page, { email: admin.user.email, password: admin.password });
    await page.goto('/admin/webhooks');
    await expect(page.getByText('No webhooks yet')).toBeVisible();
    await page.getByRole('button', { name: 'New webhook' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook' });
    await dialog.getByLabel(/^Name/).fill('On-call');
    await dialog.getByLabel(/^URL/).fill(`http://127.0.0.1:${peer.port}/hook`);
    await dialog.getByRole('button', { name: 'Save' }).click();

    const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByTestId('webhook')).toContainText('On-call');

    const ticket = await fileTicket(customer.api, department, { subject: 'Webhook e2e ticket' });
    await expect.poll(() => peer.received.length).toBe(1);
    const [req] = peer.received;
    const timestamp = String(req?.headers['x-helpdesk-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${req?.body}`).digest('hex')}`;
    expect(req?.headers['x-helpdesk-signature']).toBe(expected);
    expect(JSON.parse(req?.body ?? '{}').ticket.id).toBe(ticket.id);

    await page.getByRole('button', { name: 'Deliveries' }).click();
    const row = page.getByTestId('webhook-delivery');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('ticket.created');
    await expect(row).toContainText('Delivered');
    await expect(row).toContainText('204');
    await row.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => peer.received.length).toBe(2);
    expect(peer.received[1]?.headers['x-helpdesk-delivery']).toBe(req?.headers['x-helpdesk-delivery']);
  } finally {
    await server.stop();
    await peer.close();
  }
});
