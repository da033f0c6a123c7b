import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect, test } from './fixtures.js';
import { createFirstAdmin } from './support/api.js';
import { startFreshServer } from './support/fresh-server.js';
import { screenshot } from './support/page.js';

/** A real SMTP peer on loopback that keeps what the server sends (docs/email.md). */
async function smtpPeer() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A message's quoted-printable text as a reader sees it (soft line breaks joined, `=3D` as `=`). */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

test('Forgot password? mails a link that sets a new password; the profile keeps e-mail choices and changes the address by a link', async ({
  openPage,
}) => {
  const peer = await smtpPeer();
  const server = await startFreshServer('mail', {
    SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
    MAIL_FROM: 'Support <support@example.test>',
    MAIL_POLL_SECONDS: '1',
  });
  try {
    const admin = await createFirstAdmin(server.url);
    const page = await openPage(undefined, { baseURL: server.url });
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email address').fill(admin.user.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByText('If an account uses this address')).toBeVisible();

    await expect.poll(() => peer.received.filter((m) => m.to.includes(admin.user.email)).length).toBe(1);
    const raw = decoded(peer.received[0]?.raw ?? '');
    const link = /\/reset-password\?token=[\w%-]+/.exec(raw)?.[0];
    expect(link).toBeDefined();
    await page.goto(decodeURIComponent(link as string));
    const password = 'a brand new passphrase 9431';
    await page.getByLabel(/^New password/).fill(password);
    await page.getByLabel(/^Repeat the new password/).fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByText('Your new password is set.')).toBeVisible();

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(admin.user.email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).not.toHaveURL(/sign-in/);

    await page.goto('/profile');
    const assigned = page.getByRole('switch', { name: 'A ticket was assigned to me' });
    await expect(assigned).toBeChecked();
    await assigned.click();
    await expect(page.getByText('E-mail choices saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('switch', { name: 'A ticket was assigned to me' })).not.toBeChecked();

    // A new e-mail address: a link to it, a notice to the old one, the change when the link is opened.
    const newEmail = `moved-${Date.now()}@example.test`;
    const emailForm = page.locator('form').filter({ has: page.getByLabel('New e-mail address') });
    await emailForm.getByLabel('New e-mail address').fill(newEmail);
    await emailForm.getByLabel('Current password').fill(password);
    await emailForm.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect(page.getByText(`We sent a link to ${newEmail}`)).toBeVisible();
    await screenshot(page, '72-profile-email-change');
    await expect.poll(() => peer.received.filter((m) => m.to.includes(newEmail)).length).toBe(1);
    await expect
      .poll(
        () => peer.received.filter((m) => m.to.includes(admin.user.email) && decoded(m.raw).includes(newEmail)).length,
      )
      .toBe(1);
    const confirmRaw = decoded(peer.received.find((m) => m.to.includes(newEmail))?.raw ?? '');
    const confirmLink = /\/confirm-email\?token=[\w%-]+/.exec(confirmRaw)?.[0];
    expect(confirmLink).toBeDefined();
    await page.goto(decodeURIComponent(confirmLink as string));
    await page.getByRole('button', { name: 'Confirm the address' }).click();
    await expect(page.getByText(`You now sign in with ${newEmail}.`)).toBeVisible();
    await page.getByRole('link', { name: 'Back to your profile' }).click();
    await expect(page.getByText(`Your address: ${newEmail}`)).toBeVisible();
  } finally {
    await server.stop();
    await peer.close();
  }
});
