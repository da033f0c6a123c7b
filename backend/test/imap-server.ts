import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './wait.js';

const DOVECOT = '/usr/sbin/dovecot';

/**
 * Why a real IMAP server cannot run here, or undefined when it can: Debian's Dovecot (installed by
 * .ci/run) started as root, which it needs to switch to its own users.
 */
export function imapUnavailable(): string | undefined {
  if (!existsSync(DOVECOT)) return `${DOVECOT} is not installed (apt-get install dovecot-imapd; .ci/run does)`;
  if (process.getuid?.() !== 0) return 'Dovecot must be started as root to switch to its mail user';
  return undefined;
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}); see ${log}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/** A real IMAP server on loopback with one mailbox user, in its own temp folder; stop() ends it (by its PID). */
export async function startImapServer(user = 'helpdesk', password = 'secret') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-imap-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  for (const sub of ['run', 'state', 'mail', 'home']) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  const log = path.join(dir, 'dovecot.log');
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  // The mail folders belong to Dovecot's own user, which it switches to for the mailbox.
  const idOf = (flag: string) => Number(execFileSync('id', [flag, 'dovecot']).toString().trim());
  for (const sub of ['mail', 'home']) chownSync(path.join(dir, sub), idOf('-u'), idOf('-g'));
  const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port, child, log);
  return {
    port,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
