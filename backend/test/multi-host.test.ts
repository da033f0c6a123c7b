import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../src/config.js';
import type { Database } from '../src/db/client.js';
import { builtServer, type ServerProcess, startServer } from './processes.js';
import { startS3, type TestS3 } from './s3-server.js';
import { type ReceivedMail, startSmtpPeer } from './smtp-peer.js';
import { createTestDatabase, testDriver } from './test-database.js';
import { eventually, freePort, metricValue } from './wait.js';

/**
 * Issue 21, "several hosts as one": two built servers (backend/dist/index.js) with their own
 * UPLOAD_DIR, one PostgreSQL database, one S3 bucket (s3rver) and one SMTP peer, behind Caddy with
 * round-robin load balancing, all on loopback. Each claim is checked by calling each host directly
 * and through Caddy.
 */

const hasCaddy = spawnSync('sh', ['-c', 'command -v caddy']).status === 0;
const skipReason =
  testDriver !== 'postgres'
    ? 'needs PostgreSQL (TEST_DATABASE_URL): several processes cannot share the embedded database'
    : !hasCaddy
      ? 'needs caddy on PATH'
      : !existsSync(builtServer)
        ? 'needs the built server: run `npm run build` first'
        : undefined;

const password = 'correct horse battery staple';

/**
 * The documented deploy/Caddyfile.two-hosts, made to run here: plain HTTP on a loopback port,
 * no admin endpoint, no access log file, and a response header naming the host that answered.
 */
function testCaddyfile(port: number, hostA: string, hostB: string): string {
  const documented = readFileSync(path.join(repoDir, 'deploy/Caddyfile.two-hosts'), 'utf8');
  const text = documented
    .replace('{$HELPDESK_DOMAIN:helpdesk.example.com} {', `http://127.0.0.1:${port} {\n\tbind 127.0.0.1`)
    .replace('{$HELPDESK_HOST_A:10.0.0.11:4000}', hostA)
    .replace('{$HELPDESK_HOST_B:10.0.0.12:4000}', hostB)
    .replace(/\tlog \{[^}]*\}\n/, '')
    .replace(
      'lb_policy round_robin',
      'lb_policy round_robin\n\t\theader_down X-Upstream {http.reverse_proxy.upstream.hostport}',
    );
  expect(text).toContain(hostB);
  expect(text).not.toContain('/var/log');
  return `{\n\tadmin off\n\tauto_https off\n}\n\n${text}`;
}

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the answers of many endpoints, read field by field
  body: { success: boolean; data?: any; error?: { code: string } };
  headers: Headers;
}

async function call(base: string, method: string, url: string, opts: { cookie?: string; json?: unknown } = {}) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : {},
    headers: res.headers,
  } as Answer;
}

const cookieOf = (a: Answer) =>
  a.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** A counter's value summed over the label sets that contain every given label. */
const metric = async (base: string, name: string, labels: Record<string, string>) =>
  metricValue(await (await fetch(`${base}/metrics`)).text(), name, labels);

const title = skipReason
  ? `several hosts as one — skipped: ${skipReason}`
  : 'several hosts as one (two built servers, PostgreSQL, S3, Caddy)';

describe.skipIf(skipReason !== undefined)(title, { timeout: 180_000 }, () => {
  let tmp = '';
  let db: { database: Database; url?: string; drop(): Promise<void> };
  let s3: TestS3;
  let mails: ReceivedMail[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>> | undefined;
  const hosts: Record<'a' | 'b', ServerProcess | undefined> = { a: undefined, b: undefined };
  let caddy: ChildProcess | undefined;
  let a = '';
  let b = '';
  let proxy = '';
  let admin = '';
  let mailStart = 0;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-multihost-'));
    db = await createTestDatabase();
    s3 = await startS3();
    smtp = await startSmtpPeer();
    mails = smtp.received;

    const shared = {
      DATABASE_URL: db.url as string,
      ...s3.env,
      TWO_FACTOR_ENCRYPTION_KEY: 'a shared key of at least thirty-two characters',
      SESSION_IDLE_MINUTES: '60',
      SESSION_MAX_DAYS: '7',
      TRUST_PROXY: '127.0.0.1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_FROM: 'Helpdesk <help@example.com>',
      MAIL_POLL_SECONDS: '1',
      RATE_LIMIT_SIGNUPS_IP: '3',
      // Scheduled jobs on both hosts: one job every second, the others off.
      JOBS_ENABLED: 'true',
      JOB_RATE_LIMITS_CRON: '* * * * * *',
      JOB_NOTIFICATIONS_CRON: 'off',
      JOB_HISTORY_CRON: 'off',
      JOB_ARCHIVE_CRON: 'off',
      JOB_VACUUM_CRON: 'off',
      JOB_UPLOADS_CRON: 'off',
      JOB_SESSIONS_CRON: 'off',
      JOB_IDEMPOTENCY_KEYS_CRON: 'off',
      JOB_SLA_ALERTS_CRON: 'off',
      JOB_EVENTS_CRON: 'off',
    };
    // Host A migrates (already done by the template) and registers the mail consumer; B joins.
    hosts.a = await startServer({ ...shared, UPLOAD_DIR: path.join(tmp, 'uploads-a') }, { built: true });
    hosts.b = await startServer({ ...shared, UPLOAD_DIR: path.join(tmp, 'uploads-b') }, { built: true });
    a = hosts.a.url;
    b = hosts.b.url;
    const [position] = await db.database.query<{ event_id: string }>(
      "SELECT event_id::text FROM event_consumers WHERE consumer = 'mail'",
    );
    mailStart = Number(position?.event_id);

    const proxyPort = await freePort();
    const caddyDir = path.join(tmp, 'caddy');
    mkdirSync(caddyDir);
    const caddyfile = path.join(caddyDir, 'Caddyfile');
    writeFileSync(caddyfile, testCaddyfile(proxyPort, new URL(a).host, new URL(b).host));
    caddy = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: caddyDir, XDG_DATA_HOME: caddyDir, XDG_CONFIG_HOME: caddyDir },
      stdio: 'ignore',
    });
    proxy = `http://127.0.0.1:${proxyPort}`;
    await eventually('Caddy to answer', async () => {
      const res = await fetch(`${proxy}/health`).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    });

    const setup = await call(a, 'POST', '/api/setup', {
      json: { email: 'first.admin@example.com', name: 'First Admin', password },
    });
    expect(setup.status).toBe(201);
    admin = cookieOf(setup);
  }, 150_000);

  afterAll(async () => {
    // Every process this file started, by its own handle; then the temp dirs.
    if (caddy && caddy.exitCode === null && caddy.signalCode === null) {
      const gone = new Promise((r) => caddy?.once('exit', r));
      caddy.kill('SIGTERM');
      await gone;
    }
    for (const host of [hosts.a, hosts.b]) {
      if (host && host.child.exitCode === null && host.child.signalCode === null) {
        host.child.kill('SIGTERM');
        await host.exited;
      }
    }
    await smtp?.close();
    await s3?.close();
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('Caddy spreads requests over both hosts, and a session made on one works on the other', async () => {
    const onB = await call(b, 'GET', '/api/auth/me', { cookie: admin });
    expect(onB.status).toBe(200);
    expect(onB.body.data.user.email).toBe('first.admin@example.com');

    const seen = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await call(proxy, 'GET', '/api/auth/me', { cookie: admin });
      expect(res.status).toBe(200);
      seen.add(res.headers.get('x-upstream') ?? '');
    }
    expect([...seen].sort()).toEqual([new URL(a).host, new URL(b).host].sort());

    // Signed in on B, used on A.
    const login = await call(b, 'POST', '/api/auth/login', {
      json: { email: 'first.admin@example.com', password },
    });
    expect(login.status).toBe(200);
    expect((await call(a, 'GET', '/api/auth/me', { cookie: cookieOf(login) })).status).toBe(200);
  });

  it('rate limits count across both hosts (and through Caddy)', async () => {
    // RATE_LIMIT_SIGNUPS_IP=3 per window, for 127.0.0.1 on either host.
    const register = (base: string, n: number) =>
      call(base, 'POST', '/api/auth/register', {
        json: { email: `limited.${n}@example.com`, name: `Limited ${n}`, password },
      });
    expect((await register(a, 1)).status).toBe(201);
    expect((await register(b, 2)).status).toBe(201);
    expect((await register(proxy, 3)).status).toBe(201);
    const refusedOnA = await register(a, 4);
    expect(refusedOnA.status).toBe(429);
    expect(refusedOnA.body.error?.code).toBe('RATE_LIMITED');
    expect((await register(b, 5)).status).toBe(429);
  });

  it('a file uploaded through one host downloads through the other (object storage, separate UPLOAD_DIRs)', async () => {
    const dept = await call(a, 'POST', '/api/departments', { cookie: admin, json: { name: 'Files' } });
    expect(dept.status).toBe(201);
    const ticket = await call(a, 'POST', '/api/tickets', {
      cookie: admin,
      json: { subject: 'A file', description: 'See the file', departmentId: dept.body.data.id },
    });
    expect(ticket.status).toBe(201);
    const content = `uploaded through host A ${Date.now()}\n`;
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/plain' }), 'notes.txt');
    const upload = await fetch(`${a}/api/tickets/${ticket.body.data.ticket.id}/attachments`, {
      method: 'POST',
      headers: { cookie: admin },
      body: form,
    });
    const uploaded = (await upload.json()) as { data: { id: string }[] };
    expect(upload.status).toBe(201);
    const [file] = uploaded.data;

    const down = await fetch(`${b}/api/attachments/${file?.id}`, { headers: { cookie: admin } });
    expect(down.status).toBe(200);
    expect(await down.text()).toBe(content);
    // Neither host kept it on its own disk: only the bucket has it.
    for (const dir of ['uploads-a', 'uploads-b']) {
      const local = path.join(tmp, dir);
      const files = existsSync(local) ? readdirSync(local, { recursive: true }) : [];
      expect(files.filter((f) => !String(f).startsWith('.'))).toEqual([]);
    }
    expect((await s3.keys()).length).toBe(1);
    const ranged = await fetch(`${proxy}/api/attachments/${file?.id}`, {
      headers: { cookie: admin, range: 'bytes=0-7' },
    });
    expect(ranged.status).toBe(206);
    expect(await ranged.text()).toBe('uploaded');
  });

  it("caches drop a change made on the other host: statuses, departments, sessions, a user's deactivation", async () => {
    // Statuses (reference cache): warm B's cache, rename on A, B answers the new name.
    const statuses = await call(b, 'GET', '/api/statuses', { cookie: admin });
    expect(statuses.status).toBe(200);
    const status = statuses.body.data[0] as { id: string; name: string };
    expect(
      (await call(a, 'PATCH', `/api/statuses/${status.id}`, { cookie: admin, json: { name: 'Renamed on A' } })).status,
    ).toBe(200);
    await eventually('B to show the renamed status', async () => {
      const list = await call(b, 'GET', '/api/statuses', { cookie: admin });
      return list.body.data.some((s: { id: string; name: string }) => s.id === status.id && s.name === 'Renamed on A')
        ? true
        : undefined;
    });

    // Departments: warm B, rename on A.
    const dept = await call(a, 'POST', '/api/departments', { cookie: admin, json: { name: 'Before' } });
    expect(dept.status).toBe(201);
    expect((await call(b, 'GET', '/api/departments', { cookie: admin })).status).toBe(200);
    expect(
      (await call(a, 'PATCH', `/api/departments/${dept.body.data.id}`, { cookie: admin, json: { name: 'After' } }))
        .status,
    ).toBe(200);
    await eventually('B to show the renamed department', async () => {
      const list = await call(b, 'GET', '/api/departments', { cookie: admin });
      return list.body.data.some((d: { id: string; name: string }) => d.id === dept.body.data.id && d.name === 'After')
        ? true
        : undefined;
    });

    // Sessions: signed in on A, used on B (cached there), signed out on A → refused on B.
    const login = await call(a, 'POST', '/api/auth/login', { json: { email: 'first.admin@example.com', password } });
    const session = cookieOf(login);
    expect((await call(b, 'GET', '/api/auth/me', { cookie: session })).status).toBe(200);
    expect((await call(a, 'POST', '/api/auth/logout', { cookie: session })).status).toBeLessThan(300);
    await eventually('B to refuse the signed-out session', async () =>
      (await call(b, 'GET', '/api/auth/me', { cookie: session })).status === 401 ? true : undefined,
    );

    // A user deactivated on B loses the session cached on A.
    const customer = await call(a, 'POST', '/api/auth/login', {
      json: { email: 'limited.1@example.com', password },
    });
    const customerCookie = cookieOf(customer);
    const me = await call(a, 'GET', '/api/auth/me', { cookie: customerCookie });
    expect(me.status).toBe(200);
    expect(
      (await call(b, 'POST', `/api/users/${me.body.data.user.id}/deactivate`, { cookie: admin })).status,
    ).toBeLessThan(300);
    await eventually('A to refuse the deactivated user', async () =>
      (await call(a, 'GET', '/api/auth/me', { cookie: customerCookie })).status === 401 ? true : undefined,
    );
  });

  it('a scheduled job runs once per slot with both hosts scheduling it', async () => {
    // Both hosts tick every second; wait until each has tried at least twice.
    await eventually('both hosts to have tried the job', async () => {
      const tries = await Promise.all(
        [a, b].map(async (h) => metric(h, 'helpdesk_job_runs_total', { job: 'rate-limits' })),
      );
      return tries.every((n) => n >= 2) ? tries : undefined;
    });
    const succeeded =
      (await metric(a, 'helpdesk_job_runs_total', { job: 'rate-limits', status: 'succeeded' })) +
      (await metric(b, 'helpdesk_job_runs_total', { job: 'rate-limits', status: 'succeeded' }));
    const rows = await db.database.query<{ runs: number; slots: number }>(
      `SELECT count(*)::int AS runs, count(DISTINCT date_trunc('minute', started_at))::int AS slots
       FROM job_runs WHERE job = 'rate-limits'`,
    );
    expect(rows[0]?.runs).toBeGreaterThanOrEqual(1);
    // One run per minute slot, and every run was counted by exactly one host.
    expect(rows[0]?.runs).toBe(rows[0]?.slots);
    expect(succeeded).toBe(rows[0]?.runs);
  });

  it('the events outbox is handled once per event and each mail is sent once, with both hosts working', async () => {
    const dept = await call(a, 'POST', '/api/departments', { cookie: admin, json: { name: 'Mail' } });
    expect(dept.status).toBe(201);
    // Customers file tickets through Caddy (both hosts): each is mailed "ticket received" once.
    const customer = await call(a, 'POST', '/api/auth/login', { json: { email: 'limited.2@example.com', password } });
    const cookie = cookieOf(customer);
    for (let i = 0; i < 6; i++) {
      const t = await call(proxy, 'POST', '/api/tickets', {
        cookie,
        json: { subject: `Mail ${i}`, description: 'Please help', departmentId: dept.body.data.id },
      });
      expect(t.status).toBe(201);
    }
    const [head] = await db.database.query<{ id: string }>('SELECT max(id)::text AS id FROM events');
    const newest = Number(head?.id);
    await eventually('the mail consumer to reach the newest event and the outbox to drain', async () => {
      const [c] = await db.database.query<{ event_id: string }>(
        "SELECT event_id::text FROM event_consumers WHERE consumer = 'mail'",
      );
      const [o] = await db.database.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM mail_outbox WHERE state <> 'sent'",
      );
      return Number(c?.event_id) >= newest && o?.waiting === 0 ? true : undefined;
    });
    const [events] = await db.database.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE id > $1', [
      mailStart,
    ]);
    const handled =
      (await metric(a, 'helpdesk_events_handled_total', { consumer: 'mail', result: 'handled' })) +
      (await metric(b, 'helpdesk_events_handled_total', { consumer: 'mail', result: 'handled' }));
    expect(handled).toBe(events?.n);
    const [sent] = await db.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM mail_outbox WHERE state = 'sent'",
    );
    expect(sent?.n).toBeGreaterThanOrEqual(6);
    expect(mails.length).toBe(sent?.n);
    const ids = mails.map((m) => /^Message-ID:\s*(\S+)/im.exec(m.raw)?.[1]);
    expect(new Set(ids).size).toBe(mails.length);
    expect(mails.filter((m) => m.to.includes('limited.2@example.com')).length).toBe(6);
  });

  it('a host killed with SIGKILL loses no acknowledged write; Caddy keeps answering from the other', async () => {
    const host = hosts.a as ServerProcess;
    // Writes one after another on A (tickets with their events, and departments) while A is
    // killed: each one that got its 2xx must be readable through B.
    const dept = await call(a, 'POST', '/api/departments', { cookie: admin, json: { name: 'Crash' } });
    expect(dept.status).toBe(201);
    const acknowledged: { kind: 'ticket' | 'department'; id: string; name: string }[] = [];
    const writer = (async () => {
      for (let i = 0; ; i++) {
        const ticket = i % 2 === 0;
        const name = `Written before the kill ${i}`;
        const res = await (ticket
          ? call(a, 'POST', '/api/tickets', {
              cookie: admin,
              json: { subject: name, description: 'Crash test', departmentId: dept.body.data.id },
            })
          : call(a, 'POST', '/api/departments', { cookie: admin, json: { name } })
        ).catch(() => undefined);
        if (!res) return; // the connection broke: A is gone
        expect(res.status).toBe(201);
        const id = ticket ? res.body.data.ticket.id : res.body.data.id;
        acknowledged.push({ kind: ticket ? 'ticket' : 'department', id, name });
      }
    })();
    await eventually('a few acknowledged writes', async () => (acknowledged.length >= 6 ? true : undefined));
    host.child.kill('SIGKILL');
    expect(await host.exited).toBeNull(); // ended by the signal, not by itself
    await writer;

    for (const w of acknowledged) {
      const read = await call(b, 'GET', `/api/${w.kind === 'ticket' ? 'tickets' : 'departments'}/${w.id}`, {
        cookie: admin,
      });
      expect(read.status).toBe(200);
      expect(w.kind === 'ticket' ? read.body.data.ticket.subject : read.body.data.name).toBe(w.name);
    }
    for (let i = 0; i < 4; i++) {
      const res = await call(proxy, 'GET', '/api/auth/me', { cookie: admin });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-upstream')).toBe(new URL(b).host);
    }
    // What A left half done (a claimed event batch, an outbox row) is taken over by B's workers.
    const [head] = await db.database.query<{ id: string }>('SELECT max(id)::text AS id FROM events');
    await eventually('B to handle every event and send every mail after A died', async () => {
      const [c] = await db.database.query<{ event_id: string }>(
        "SELECT event_id::text FROM event_consumers WHERE consumer = 'mail'",
      );
      const [o] = await db.database.query<{ waiting: number }>(
        "SELECT count(*)::int AS waiting FROM mail_outbox WHERE state <> 'sent'",
      );
      return Number(c?.event_id) >= Number(head?.id) && o?.waiting === 0 ? true : undefined;
    });
  });
});
