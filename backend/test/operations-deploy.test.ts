import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoDir } from '../src/config.js';

const deploy = (f: string) => path.join(repoDir, 'deploy', f);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('deployment files', () => {
  it("ecosystem.config.cjs is the guide's PM2 file for the built backend", () => {
    const require = createRequire(import.meta.url);
    const { apps } = require(deploy('ecosystem.config.cjs')) as { apps: Record<string, unknown>[] };
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      name: 'helpdesk-backend',
      script: './dist/index.js',
      cwd: '/var/www/helpdesk/backend',
      instances: 2,
      exec_mode: 'cluster',
      error_file: '/var/log/helpdesk/error.log',
      out_file: '/var/log/helpdesk/out.log',
      log_date_format: 'YYYY-MM-DD HH:mm:ss Z',
      max_memory_restart: '500M',
    });
    expect(apps[0]?.env).toHaveProperty('NODE_ENV');
  });

  it("helpdesk-backend.service is the guide's unit running dist/index.js", () => {
    const unit = readFileSync(deploy('helpdesk-backend.service'), 'utf8');
    for (const line of [
      'Description=HelpDesk Pro Backend',
      'After=network.target postgresql.service',
      'Type=simple',
      'User=www-data',
      'WorkingDirectory=/var/www/helpdesk/backend',
      'Environment=NODE_ENV=production',
      'ExecStart=/usr/bin/node dist/index.js',
      'Restart=always',
      'RestartSec=10',
      'WantedBy=multi-user.target',
    ]) {
      expect(unit.split('\n')).toContain(line);
    }
  });

  it.skipIf(!has('systemd-analyze'))('systemd-analyze verify accepts the unit', () => {
    const res = spawnSync('systemd-analyze', ['verify', deploy('helpdesk-backend.service')], { encoding: 'utf8' });
    const own = `${res.stdout}${res.stderr}`
      .split('\n')
      .filter((l) => l.includes('helpdesk-backend.service'))
      .filter((l) => !/\/usr\/bin\/node|User=|WorkingDirectory/.test(l));
    expect(own).toEqual([]);
  });

  it.skipIf(!has('caddy'))('caddy validate accepts the Caddyfile (reverse proxy to 127.0.0.1:4000)', () => {
    const text = readFileSync(deploy('Caddyfile'), 'utf8');
    expect(text).toContain('reverse_proxy 127.0.0.1:4000');
    const out = execFileSync('caddy', ['validate', '--config', deploy('Caddyfile'), '--adapter', 'caddyfile'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toContain('Valid configuration');
  });

  it.skipIf(!has('caddy'))(
    'caddy validate accepts Caddyfile.two-hosts (both hosts, round robin, /health checks)',
    () => {
      const text = readFileSync(deploy('Caddyfile.two-hosts'), 'utf8');
      for (const line of ['lb_policy round_robin', 'health_uri /health', 'respond /metrics 404']) {
        expect(text).toContain(line);
      }
      expect(text).toMatch(/reverse_proxy \{\$HELPDESK_HOST_A:[^}]+\} \{\$HELPDESK_HOST_B:[^}]+\} \{/);
      const out = execFileSync(
        'caddy',
        ['validate', '--config', deploy('Caddyfile.two-hosts'), '--adapter', 'caddyfile'],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(out).toContain('Valid configuration');
    },
  );

  it("the Prometheus alert rules carry the guide's targets", () => {
    const text = readFileSync(deploy('prometheus-alerts.yml'), 'utf8');
    expect(text).toContain('> 0.2'); // API < 200 ms
    expect(text).toContain('helpdesk_db_query_duration_seconds) > 0.1'); // DB < 100 ms
    expect(text).toContain('> 0.01'); // error rate < 1 %
  });
});
