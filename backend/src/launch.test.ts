import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { serverEnv, serverEnvFor, serverNodeArgs, serverNodeArgsFor } from './launch.js';

describe('the Node options npm start gives the server', () => {
  it('bounds the heap on the embedded database: EMBEDDED_HEAP_MB, 128 MB by default', () => {
    expect(serverNodeArgs(loadConfig({}))).toEqual(['--max-old-space-size=128', '--max-semi-space-size=4']);
    expect(serverNodeArgs(loadConfig({ EMBEDDED_HEAP_MB: '256' }))).toEqual([
      '--max-old-space-size=256',
      '--max-semi-space-size=4',
    ]);
  });

  it('sets nothing on PostgreSQL, with EMBEDDED_HEAP_MB=0, or when NODE_OPTIONS already sizes the heap', () => {
    expect(serverNodeArgs(loadConfig({ DATABASE_URL: 'postgresql://localhost/helpdesk' }))).toEqual([]);
    expect(serverNodeArgs(loadConfig({ EMBEDDED_HEAP_MB: '0' }))).toEqual([]);
    expect(serverNodeArgs(loadConfig({}), '--max-old-space-size=512')).toEqual([]);
    expect(serverNodeArgs(loadConfig({}), '--max-semi-space-size=16')).toEqual([]);
    expect(serverNodeArgs(loadConfig({}), '--enable-source-maps')).toHaveLength(2);
  });

  it('reads the environment as the server will, and leaves a bad setting for the server to report', () => {
    expect(serverNodeArgsFor({ EMBEDDED_HEAP_MB: '200' })).toContain('--max-old-space-size=200');
    expect(serverNodeArgsFor({ DATABASE_URL: 'postgresql://localhost/helpdesk' })).toEqual([]);
    expect(serverNodeArgsFor({ NODE_OPTIONS: '--max-old-space-size=64' })).toEqual([]);
    expect(serverNodeArgsFor({ EMBEDDED_HEAP_MB: 'lots' })).toEqual([]);
    expect(serverNodeArgsFor({ BACKEND_PORT: 'abc' })).toEqual([]);
  });

  it('limits malloc arenas on the embedded database unless told otherwise', () => {
    expect(serverEnv(loadConfig({}))).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(serverEnv(loadConfig({ DATABASE_URL: 'postgresql://localhost/helpdesk' }))).toEqual({});
    expect(serverEnv(loadConfig({ EMBEDDED_HEAP_MB: '0' }))).toEqual({});
    expect(serverEnv(loadConfig({}), { MALLOC_ARENA_MAX: '8' })).toEqual({});
    expect(serverEnvFor({})).toEqual({ MALLOC_ARENA_MAX: '2' });
    expect(serverEnvFor({ BACKEND_PORT: 'abc' })).toEqual({});
  });

  it('takes DATABASE_URL and EMBEDDED_HEAP_MB from .env in the working directory', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-launch-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      writeFileSync(path.join(dir, '.env'), 'EMBEDDED_HEAP_MB=96\n');
      expect(serverNodeArgsFor({})).toContain('--max-old-space-size=96');
      writeFileSync(path.join(dir, '.env'), 'DATABASE_URL=postgresql://localhost/helpdesk\n');
      expect(serverNodeArgsFor({})).toEqual([]);
      expect(serverEnvFor({})).toEqual({});
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
