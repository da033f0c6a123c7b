import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDotenv } from './config.js';

describe('config', () => {
  it('has working defaults: port 4000 on 127.0.0.1, embedded database, backend/uploads', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.uploadDir).toMatch(/backend\/uploads$/);
    expect(config.dataDir).toMatch(/backend\/data$/);
    expect(config.logFormat).toBe('pretty');
    expect(config.trustProxy).toBe(false);
    expect(config.searchTimeoutMs).toBe(5000);
    expect(config.fieldFilterRareMatches).toBe(5000);
    expect(config.idempotencyKeyTtlHours).toBe(24);
    expect(loadConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '48' }).idempotencyKeyTtlHours).toBe(48);
    expect(config.embeddedDbCacheMb).toBe(16);
    expect(config.embeddedHeapMb).toBe(128);
    expect(loadConfig({ EMBEDDED_HEAP_MB: '0' }).embeddedHeapMb).toBe(0);
  });

  it('takes the pool size from ?connection_limit= and strips it from the URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://user:pass@localhost:5432/helpdesk?connection_limit=7' });
    expect(config.databasePoolSize).toBe(7);
    expect(config.databaseUrl).toBe('postgresql://user:pass@localhost:5432/helpdesk');
    // Without it: one more than the machine's CPUs (statements beyond the cores only take turns).
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/helpdesk' }).databasePoolSize).toBe(
      os.availableParallelism() + 1,
    );
  });

  it('reads DATABASE_REPLICA_URL as a comma list of replicas, each with its own or the primary pool size', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://localhost/helpdesk?connection_limit=4',
      DATABASE_REPLICA_URL: 'postgresql://r1/helpdesk, postgres://r2:5433/helpdesk?connection_limit=20',
      DATABASE_REPLICA_MAX_LAG_SECONDS: '2.5',
    });
    expect(config.databaseReplicas).toEqual([
      { url: 'postgresql://r1/helpdesk', poolSize: 4 },
      { url: 'postgres://r2:5433/helpdesk', poolSize: 20 },
    ]);
    expect(config.replicaMaxLagMs).toBe(2500);
    expect(loadConfig({}).databaseReplicas).toEqual([]);
    expect(loadConfig({}).replicaMaxLagMs).toBe(5000);
  });

  it.each([
    [{ DATABASE_REPLICA_URL: 'postgresql://r1/helpdesk' }, /DATABASE_REPLICA_URL: needs DATABASE_URL/],
    [{ DATABASE_URL: 'postgresql://p/h', DATABASE_REPLICA_URL: 'mysql://r1/h' }, /DATABASE_REPLICA_URL: a comma list/],
    [
      { DATABASE_URL: 'postgresql://p/h', DATABASE_REPLICA_URL: 'postgresql://r1/h?connection_limit=0' },
      /DATABASE_REPLICA_URL: connection_limit/,
    ],
    [{ DATABASE_REPLICA_MAX_LAG_SECONDS: '0' }, /DATABASE_REPLICA_MAX_LAG_SECONDS/],
  ])('refuses replica settings %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    [{ BACKEND_PORT: 'abc' }, /BACKEND_PORT/],
    [{ BACKEND_PORT: '70000' }, /BACKEND_PORT/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: a postgresql:\/\/ URL/],
    [{ DATABASE_URL: 'postgresql://h/db?connection_limit=zero' }, /DATABASE_URL: connection_limit/],
    [{ TRUST_PROXY: 'maybe; rm' }, /TRUST_PROXY/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ SEARCH_TIMEOUT_MS: '0' }, /SEARCH_TIMEOUT_MS/],
    [{ SEARCH_TIMEOUT_MS: '2s' }, /SEARCH_TIMEOUT_MS/],
    [{ FIELD_FILTER_RARE_MATCHES: '-1' }, /FIELD_FILTER_RARE_MATCHES/],
    [{ FIELD_FILTER_RARE_MATCHES: 'many' }, /FIELD_FILTER_RARE_MATCHES/],
    [{ IDEMPOTENCY_KEY_TTL_HOURS: '0' }, /IDEMPOTENCY_KEY_TTL_HOURS/],
    [{ IDEMPOTENCY_KEY_TTL_HOURS: '1.5' }, /IDEMPOTENCY_KEY_TTL_HOURS/],
    [{ RATE_LIMIT_TICKETS_CUSTOMER: '-1' }, /RATE_LIMIT_TICKETS_CUSTOMER/],
    [{ RATE_LIMIT_REPLIES_IP: 'lots' }, /RATE_LIMIT_REPLIES_IP/],
    [{ RATE_LIMIT_WINDOW_MINUTES: '0' }, /RATE_LIMIT_WINDOW_MINUTES/],
    [{ EMBEDDED_DB_CACHE_MB: '0' }, /EMBEDDED_DB_CACHE_MB/],
    [{ EMBEDDED_DB_CACHE_MB: '32MB' }, /EMBEDDED_DB_CACHE_MB/],
    [{ EMBEDDED_HEAP_MB: '32' }, /EMBEDDED_HEAP_MB: 0, or 64 to 65536/],
    [{ EMBEDDED_HEAP_MB: '1GB' }, /EMBEDDED_HEAP_MB/],
  ])('refuses %o with one line naming the variable', (env, pattern) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(pattern);
    expect((error as Error).message).not.toContain('\n');
  });

  it('reads TRUST_PROXY as a boolean, a hop count or an address list', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('reads WEBHOOK_ALLOW_NETWORKS as addresses and CIDRs, and refuses anything else', () => {
    expect(loadConfig({}).webhooks.allowNetworks).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOW_NETWORKS: '10.0.0.0/8, fd00::/8,192.168.1.5' }).webhooks.allowNetworks).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.5',
    ]);
    for (const bad of ['intranet.local', '10.0.0.0/33', '10.0.0.0/8/1', '::/129']) {
      expect(() => loadConfig({ WEBHOOK_ALLOW_NETWORKS: bad })).toThrow(/WEBHOOK_ALLOW_NETWORKS/);
    }
  });

  it('has write rate limits per hour: customers 30 tickets, staff and addresses more; 0 turns one off', () => {
    const { writeLimits } = loadConfig({});
    expect(writeLimits).toEqual({
      windowSeconds: 3600,
      tickets: { customer: 30, staff: 300, ip: 600 },
      replies: { customer: 120, staff: 1200, ip: 3000 },
      uploads: { customer: 60, staff: 600, ip: 1200 },
      signups: { ip: 20 },
      ratings: { ip: 60 },
      inbound: { sender: 30 },
    });
    const set = loadConfig({ RATE_LIMIT_WINDOW_MINUTES: '10', RATE_LIMIT_UPLOADS_STAFF: '0' }).writeLimits;
    expect(set.windowSeconds).toBe(600);
    expect(set.uploads.staff).toBe(0);
  });

  it('keeps files in UPLOAD_DIR unless STORAGE=s3 names a bucket', () => {
    expect(loadConfig({})).toMatchObject({ storage: 'local', s3: undefined });
    const config = loadConfig({
      STORAGE: 's3',
      S3_BUCKET: 'helpdesk-files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'helpdesk',
    });
    expect(config.storage).toBe('s3');
    expect(config.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'helpdesk-files',
      region: 'us-east-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
      prefix: 'helpdesk/',
    });
    // Without keys: the AWS default chain.
    expect(loadConfig({ STORAGE: 's3', S3_BUCKET: 'files' }).s3?.credentials).toBeUndefined();
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(/S3_BUCKET: required when STORAGE=s3/);
    expect(() => loadConfig({ STORAGE: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'key' })).toThrow(
      /S3_SECRET_ACCESS_KEY/,
    );
    expect(() => loadConfig({ STORAGE: 'ftp' })).toThrow(/STORAGE/);
    expect(() => loadConfig({ S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: 'files', S3_ENDPOINT: 'ftp://files' })).toThrow(/S3_ENDPOINT/);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', BACKEND_PORT: '' }).port).toBe(4000);
  });

  it("reads the working folder's .env without overriding what the environment sets", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'helpdesk-dotenv-'));
    const cwd = process.cwd();
    try {
      writeFileSync(path.join(dir, '.env'), '# settings\nHOST=0.0.0.0\nBACKEND_PORT=5000\nLOG_FORMAT="json"\n');
      process.chdir(dir);
      const env: NodeJS.ProcessEnv = { BACKEND_PORT: '4100' };
      loadDotenv(env);
      expect(env).toEqual({ HOST: '0.0.0.0', BACKEND_PORT: '4100', LOG_FORMAT: 'json' });
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
