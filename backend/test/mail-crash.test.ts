import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, createCliTarget } from './operations-helpers.js';
import { startServer } from './processes.js';
import { header, startSmtpPeer } from './smtp-peer.js';
import { eventually } from './wait.js';

/**
 * Issue 19, "never lose or duplicate one": a server killed with SIGKILL while its SMTP peer has a
 * message but has not yet answered it. After a restart the message goes out again with the same
 * Message-ID (so the receiving side can tell the two apart), and is then marked sent: at most
 * twice, never lost. On the driver under test (PostgreSQL or the embedded database).
 */
describe('a server killed in the middle of sending a message', { timeout: 180_000 }, () => {
  let target: CliTarget;
  let peer: Awaited<ReturnType<typeof startSmtpPeer>>;

  beforeAll(async () => {
    target = await createCliTarget();
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer?.close();
    await target?.close();
  });

  const post = (base: string, url: string, json: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });

  it('sends it again after the restart with the same Message-ID, then marks it sent', async () => {
    const env = {
      ...target.env,
      SMTP_URL: `smtp://127.0.0.1:${peer.port}`,
      MAIL_FROM: 'Support <support@example.test>',
      MAIL_POLL_SECONDS: '1',
    };
    const email = 'ada@example.test';
    const first = await startServer(env);
    try {
      const setup = await post(first.url, '/api/setup', {
        email,
        name: 'Ada Admin',
        password: 'a long passphrase 4821',
      });
      expect(setup.status).toBe(201);
      peer.hold = true;
      expect((await post(first.url, '/api/auth/forgot-password', { email })).status).toBe(200);
      await eventually('the reset mail to reach the SMTP peer', async () =>
        peer.received.length === 1 ? true : undefined,
      );
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(await first.exited).toBeNull(); // ended by the signal, before the peer answered
    peer.release();

    const second = await startServer(env);
    try {
      await eventually('the restarted server to send it again', async () =>
        peer.received.length >= 2 ? true : undefined,
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const ids = peer.received.map((m) => header(m.raw, 'Message-ID'));
    expect(peer.received.map((m) => m.to)).toEqual([[email], [email]]);
    expect(ids[0]).toMatch(/^<.+@example\.test>$/);
    expect(ids[1]).toBe(ids[0]);
    const rows = await target.withDb((db) =>
      db.query<{ message_id: string; state: string; attempts: number }>(
        'SELECT message_id, state, attempts FROM mail_outbox',
      ),
    );
    expect(rows).toEqual([{ message_id: ids[0], state: 'sent', attempts: 1 }]);
  });
});
