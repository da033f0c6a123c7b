/**
 * `npm run bench -- --hosts N`: the load goes through Caddy in front of N servers on the one
 * PostgreSQL, with the documented deploy/Caddyfile.two-hosts (round robin, health checks) made to
 * run on loopback, as backend/test/multi-host.test.ts runs it. `--hosts 1` is the same proxy in
 * front of one server: the fair "one host" to compare two with.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** deploy/Caddyfile.two-hosts on a loopback port, in front of `hosts` (host:port each), without its log file. */
export function benchCaddyfile(documented: string, port: number, hosts: string[]): string {
  const upstreams = '{$HELPDESK_HOST_A:10.0.0.11:4000} {$HELPDESK_HOST_B:10.0.0.12:4000}';
  if (!documented.includes(upstreams)) throw new Error('deploy/Caddyfile.two-hosts no longer names its two hosts');
  const text = documented
    .replace('{$HELPDESK_DOMAIN:helpdesk.example.com} {', `http://127.0.0.1:${port} {\n\tbind 127.0.0.1`)
    .replace(upstreams, hosts.join(' '))
    .replace(/\tlog \{[^}]*\}\n/, '');
  return `{\n\tadmin off\n\tauto_https off\n}\n\n${text}`;
}

export function hasCaddy(): boolean {
  return spawnSync('sh', ['-c', 'command -v caddy']).status === 0;
}

export interface Proxy {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts Caddy on `port` in front of `hosts`; resolves once it answers /health through a host. */
export async function startProxy(repoDir: string, dir: string, port: number, hosts: string[]): Promise<Proxy> {
  mkdirSync(dir, { recursive: true });
  const caddyfile = path.join(dir, 'Caddyfile');
  const documented = readFileSync(path.join(repoDir, 'deploy/Caddyfile.two-hosts'), 'utf8');
  writeFileSync(caddyfile, benchCaddyfile(documented, port, hosts));
  const child: ChildProcess = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${base}/health`).catch(() => undefined);
    if (res?.status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Caddy did not answer on ${base} within 30 s (config ${caddyfile})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, pid: child.pid ?? 0, stop };
}
