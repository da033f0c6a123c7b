import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import { config as loadEnvFile } from 'dotenv';
import { z } from 'zod';

/** The backend package folder (src/.. or dist/..): default paths hang off it, not off the cwd. */
export const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = path.resolve(backendDir, '..');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** TRUST_PROXY: false, true, a hop count, or a comma list of addresses/CIDRs (Fastify's trustProxy). */
const trustProxySchema = z
  .string()
  .trim()
  .regex(
    /^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
    'true, false, a hop count or a comma list of addresses',
  )
  .transform((v): boolean | number | string[] => {
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (/^\d+$/.test(v)) return Number(v);
    return v.split(',').map((s) => s.trim());
  });

const databaseUrlSchema = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\/.+/, 'a postgresql:// URL');

/** A cron expression (5 or 6 fields, croner syntax) or `off`. */
const cronSchema = z
  .string()
  .trim()
  .refine((v) => {
    if (v === 'off') return true;
    try {
      new Cron(v, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  }, 'a cron expression such as "30 3 * * *", or off');
const cronOrOff = (v: string) => (v === 'off' ? undefined : v);

const ageSchema = z
  .string()
  .trim()
  .regex(/^\d+\s*[dwmy]$/i, 'an age such as 30d, 6m, 1y');

/** A write limit per window; 0 turns it off. */
const writeLimit = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000_000).default(fallback);

/**
 * shared_buffers of the embedded database. PGlite keeps it in the WASM heap and touches all of it
 * at start, so it is resident from the first second (docs/decisions/006-embedded-database.md).
 */
export const DEFAULT_EMBEDDED_DB_CACHE_MB = 16;

/**
 * The JavaScript heap `npm start` gives a server on the embedded database (launch.ts): without a
 * bound V8 let it grow to ~120 MB between collections, which put the server over 300 MB under load.
 */
export const DEFAULT_EMBEDDED_HEAP_MB = 128;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  BACKEND_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: databaseUrlSchema.optional(),
  // Read replicas (db/replicas.ts): a comma list of postgresql:// URLs of streaming standbys.
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/[^,\s]+(\s*,\s*postgres(ql)?:\/\/[^,\s]+)*$/, 'a comma list of postgresql:// URLs')
    .optional(),
  DATABASE_REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(5),
  DATA_DIR: z.string().trim().min(1).optional(),
  EMBEDDED_DB_CACHE_MB: z.coerce.number().int().min(1).max(16_384).default(DEFAULT_EMBEDDED_DB_CACHE_MB),
  // 0: Node's own limits. Below 64 the server itself does not fit.
  EMBEDDED_HEAP_MB: z.coerce
    .number()
    .int()
    .refine((v) => v === 0 || (v >= 64 && v <= 65_536), '0, or 64 to 65536')
    .default(DEFAULT_EMBEDDED_HEAP_MB),
  UPLOAD_DIR: z.string().trim().min(1).optional(),
  // Where uploaded files live: UPLOAD_DIR (local) or an S3-compatible bucket (docs/OPERATIONS.md).
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'an http(s):// URL' }).optional(),
  S3_BUCKET: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'a bucket name (3-63 lower-case letters, digits, dots, hyphens)')
    .optional(),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
  S3_FORCE_PATH_STYLE: booleanString.default(false),
  S3_PREFIX: z
    .string()
    .trim()
    .regex(/^([\w.-]+\/)*[\w.-]+\/?$/, 'a key prefix such as helpdesk/')
    .optional(),
  CLIENT_DIST_DIR: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  TRUST_PROXY: trustProxySchema.default(false),
  BODY_LIMIT_MB: z.coerce.number().positive().max(1024).default(1),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  FIELD_FILTER_RARE_MATCHES: z.coerce.number().int().min(0).max(10_000_000).default(5_000),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/.+/, 'a redis:// URL')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 24),
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).default(30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  IDEMPOTENCY_KEY_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24),
  MIGRATE_ON_START: booleanString.default(true),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(10),
  MAX_FILES_PER_MESSAGE: z.coerce.number().int().min(1).max(100).default(10),
  MAX_TICKET_UPLOAD_MB: z.coerce.number().positive().max(100_000).default(100),
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*,\s*[\w.+-]+\/[\w.+-]+)*$/, 'a comma list of MIME types')
    .optional(),
  // Scheduled maintenance (src/jobs/); each cron may be `off`. Off by default under NODE_ENV=test.
  JOBS_ENABLED: booleanString.optional(),
  JOB_NOTIFICATIONS_CRON: cronSchema.default('30 3 * * *'),
  JOB_HISTORY_CRON: cronSchema.default('off'),
  JOB_ARCHIVE_CRON: cronSchema.default('0 4 * * 0'),
  JOB_VACUUM_CRON: cronSchema.default('30 4 * * 0'),
  JOB_UPLOADS_CRON: cronSchema.default('0 5 * * *'),
  JOB_SESSIONS_CRON: cronSchema.default('15 3 * * *'),
  JOB_RATE_LIMITS_CRON: cronSchema.default('5 * * * *'),
  JOB_IDEMPOTENCY_KEYS_CRON: cronSchema.default('35 * * * *'),
  // SLA warnings and breaches (docs/sla.md): every minute.
  JOB_SLA_ALERTS_CRON: cronSchema.default('* * * * *'),
  JOB_EVENTS_CRON: cronSchema.default('45 3 * * *'),
  // Incoming mail (docs/email.md): how often the IMAP mailbox is read (only with MAIL_IMAP_URL).
  JOB_MAIL_FETCH_CRON: cronSchema.default('* * * * *'),
  HISTORY_RETENTION: ageSchema.default('1y'),
  // Events every consumer has handled are deleted once older than this (jobs: events).
  EVENTS_RETENTION: ageSchema.default('30d'),
  ARCHIVE_AFTER: ageSchema.default('6m'),
  // Write rate limits per window (src/plugins/write-limits.ts); 0 turns one off.
  RATE_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  RATE_LIMIT_TICKETS_CUSTOMER: writeLimit(30),
  RATE_LIMIT_TICKETS_STAFF: writeLimit(300),
  RATE_LIMIT_TICKETS_IP: writeLimit(600),
  RATE_LIMIT_REPLIES_CUSTOMER: writeLimit(120),
  RATE_LIMIT_REPLIES_STAFF: writeLimit(1200),
  RATE_LIMIT_REPLIES_IP: writeLimit(3000),
  RATE_LIMIT_UPLOADS_CUSTOMER: writeLimit(60),
  RATE_LIMIT_UPLOADS_STAFF: writeLimit(600),
  RATE_LIMIT_UPLOADS_IP: writeLimit(1200),
  RATE_LIMIT_SIGNUPS_IP: writeLimit(20),
  RATE_LIMIT_RATINGS_IP: writeLimit(60),
  RATE_LIMIT_INBOUND_SENDER: writeLimit(30),
  // /metrics: a Bearer token, and/or the addresses that may scrape without one.
  METRICS_TOKEN: z.string().trim().min(16, 'at least 16 characters').optional(),
  METRICS_ALLOW: z.string().trim().default('127.0.0.1,::1'),
  // Outgoing mail (docs/email.md); unset SMTP_URL: no mail at all, the copy-the-link flows stay.
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/.+/, 'an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>]*<)?[^@\s<>]+@[^@\s<>]+>?$/, 'an address such as "Helpdesk <help@example.com>"')
    .optional(),
  // The address users reach the helpdesk at, for links in mail.
  PUBLIC_URL: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^/]+/, 'an http(s):// URL')
    .optional(),
  MAIL_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  // Webhooks (docs/webhooks.md): networks (CIDRs) a webhook may target although they are loopback,
  // private or link-local; plain http is allowed only to these. Empty: public https targets only.
  WEBHOOK_ALLOW_NETWORKS: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) =>
        v
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean)
          .every((entry) => {
            const [net = '', bits, extra] = entry.split('/');
            const family = isIP(net);
            if (!family || extra !== undefined) return false;
            return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
          }),
      'comma-separated addresses or CIDRs such as 10.0.0.0/8,fd00::/8',
    ),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(10),
  WEBHOOK_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  // Incoming mail (docs/email.md): the department new tickets by mail go to (name or id), whether
  // the receiving server's Authentication-Results may vouch for agents, and the IMAP mailbox.
  MAIL_INBOUND_DEPARTMENT: z.string().trim().optional(),
  MAIL_INBOUND_TRUSTED: booleanString.optional(),
  MAIL_IMAP_URL: z
    .string()
    .trim()
    .regex(/^imaps?:\/\/.+/, 'an imap:// or imaps:// URL')
    .optional(),
  MAIL_IMAP_PROCESSED_FOLDER: z.string().trim().optional(),
  // Seals the two-factor (TOTP) secrets in the database; unset: they are stored as they are.
  TWO_FACTOR_ENCRYPTION_KEY: z.string().trim().min(32, 'at least 32 characters').optional(),
});

/** What may be uploaded unless UPLOAD_ALLOWED_TYPES says otherwise: images, PDF, text, CSV, office, zip. */
const defaultAllowedUploadTypes = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/x-cfb',
  'application/zip',
];

export class ConfigError extends Error {}

/** `Name <address>` or a bare address; the name (else the helpdesk's name) shows in the sender. */
function parseFrom(raw: string): { address: string; name?: string } {
  const m = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(raw);
  if (!m) return { address: raw.trim() };
  const name = (m[1] ?? '').replace(/^"|"$/g, '').trim();
  return { address: (m[2] ?? '').trim(), ...(name ? { name } : {}) };
}

/**
 * The pool size without `?connection_limit=N`: one more than this machine's CPUs. PostgreSQL runs
 * a statement per connection, and on the cores it shares with this server more statements at once
 * only take turns on them: at 1,000,000 tickets on 2 cores, a pool of 3 answered the queue 20–30 %
 * faster, with a lower p99, than a pool of 10 (docs/decisions/028-pool-size.md).
 */
export const DEFAULT_POOL_SIZE = availableParallelism() + 1;

/** Splits `?connection_limit=N` off a DATABASE_URL (or a replica's URL): node-postgres does not know it. */
function parseDatabaseUrl(raw: string, name = 'DATABASE_URL'): { url: string; poolSize: number } {
  const url = new URL(raw);
  const limit = url.searchParams.get('connection_limit');
  url.searchParams.delete('connection_limit');
  let poolSize = DEFAULT_POOL_SIZE;
  if (limit !== null) {
    poolSize = Number(limit);
    if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) {
      throw new ConfigError(`${name}: connection_limit must be a whole number from 1 to 1000`);
    }
  }
  return { url: url.toString(), poolSize };
}

/**
 * Every setting of the backend, typed and validated once: the environment schema turned into the
 * shape the code reads. The `Config` type is derived from it.
 */
const configSchema = envSchema
  .superRefine((e, ctx) => {
    if (e.STORAGE === 's3' && !e.S3_BUCKET)
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'required when STORAGE=s3' });
    if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
      ctx.addIssue({
        code: 'custom',
        path: [e.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'set together with the other S3 credential (or neither, for the AWS default chain)',
      });
  })
  .transform((e) => {
    const db = e.DATABASE_URL ? parseDatabaseUrl(e.DATABASE_URL) : undefined;
    if (e.DATABASE_REPLICA_URL && !db) {
      // The embedded database has no replicas; a replica of some other server would be wrong data.
      throw new ConfigError('Invalid configuration: DATABASE_REPLICA_URL: needs DATABASE_URL (replicas of PostgreSQL)');
    }
    const replicas = (e.DATABASE_REPLICA_URL?.split(',') ?? [])
      .map((u) => u.trim())
      .filter(Boolean)
      .map((u) => {
        const parsed = parseDatabaseUrl(u, 'DATABASE_REPLICA_URL');
        // Each replica's pool is as large as the primary's unless its URL says otherwise.
        return {
          url: parsed.url,
          poolSize: new URL(u).searchParams.has('connection_limit')
            ? parsed.poolSize
            : (db?.poolSize ?? DEFAULT_POOL_SIZE),
        };
      });
    return {
      nodeEnv: e.NODE_ENV,
      port: e.BACKEND_PORT,
      host: e.HOST,
      /** Set: PostgreSQL. Unset: the embedded PGlite database in `dataDir`. */
      databaseUrl: db?.url,
      /** Pool size: `?connection_limit=N` on DATABASE_URL, as in the operations guide (default: CPUs + 1). */
      databasePoolSize: db?.poolSize ?? DEFAULT_POOL_SIZE,
      /** Streaming replicas for the heavy reads (empty: everything on the primary). */
      databaseReplicas: replicas,
      /** A replica further behind the primary than this serves no reads. */
      replicaMaxLagMs: Math.round(e.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000),
      dataDir: path.resolve(e.DATA_DIR ?? path.join(backendDir, 'data')),
      /** The embedded database's page cache (shared_buffers), in MB. */
      embeddedDbCacheMb: e.EMBEDDED_DB_CACHE_MB,
      /** The old-generation heap limit `npm start` sets on the embedded database, in MB; 0: none. */
      embeddedHeapMb: e.EMBEDDED_HEAP_MB,
      uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(backendDir, 'uploads')),
      /** Where files live (UPLOAD_DIR keeps the uploads being received either way). */
      storage: e.STORAGE,
      /** The bucket, whenever S3_BUCKET is set (STORAGE=s3 uses it; storage:migrate too). */
      s3: e.S3_BUCKET
        ? {
            endpoint: e.S3_ENDPOINT,
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
                : undefined,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            /** Every object key starts with it ('' or ending in '/'). */
            prefix: e.S3_PREFIX ? e.S3_PREFIX.replace(/\/?$/, '/') : '',
          }
        : undefined,
      clientDistDir: path.resolve(e.CLIENT_DIST_DIR ?? path.join(repoDir, 'client', 'dist')),
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT,
      trustProxy: e.TRUST_PROXY,
      bodyLimitBytes: Math.round(e.BODY_LIMIT_MB * 1024 * 1024),
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      /** Longest a ticket search may run before it is cancelled (503 SEARCH_TOO_SLOW). */
      searchTimeoutMs: e.SEARCH_TIMEOUT_MS,
      /**
       * A custom field filter value matching at most this many tickets is "rare": the queue reads
       * its matches first. A commoner one is checked as the queue walks. Since the value rows carry
       * the ticket's department and open state, reading 5,000 of them costs about what walking a
       * queue for a value that rare does (decision 015).
       */
      fieldFilterRareMatches: e.FIELD_FILTER_RARE_MATCHES,
      redisUrl: e.REDIS_URL,
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionMaxDays: e.SESSION_MAX_DAYS,
      cookieSecure: e.COOKIE_SECURE,
      /** How long an Idempotency-Key of ticket creation is honoured; after that it is a new request. */
      idempotencyKeyTtlHours: e.IDEMPOTENCY_KEY_TTL_HOURS,
      migrateOnStart: e.MIGRATE_ON_START,
      maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
      maxFilesPerMessage: e.MAX_FILES_PER_MESSAGE,
      maxTicketUploadBytes: Math.round(e.MAX_TICKET_UPLOAD_MB * 1024 * 1024),
      /** MIME types accepted for attachments, as sniffed from the content. */
      allowedUploadTypes:
        e.UPLOAD_ALLOWED_TYPES?.split(',').map((t) => t.trim().toLowerCase()) ?? defaultAllowedUploadTypes,
      /** Scheduled maintenance jobs; a cron of undefined means that job is off. */
      jobs: {
        enabled: e.JOBS_ENABLED ?? e.NODE_ENV !== 'test',
        notificationsCron: cronOrOff(e.JOB_NOTIFICATIONS_CRON),
        historyCron: cronOrOff(e.JOB_HISTORY_CRON),
        archiveCron: cronOrOff(e.JOB_ARCHIVE_CRON),
        vacuumCron: cronOrOff(e.JOB_VACUUM_CRON),
        uploadsCron: cronOrOff(e.JOB_UPLOADS_CRON),
        sessionsCron: cronOrOff(e.JOB_SESSIONS_CRON),
        rateLimitsCron: cronOrOff(e.JOB_RATE_LIMITS_CRON),
        idempotencyKeysCron: cronOrOff(e.JOB_IDEMPOTENCY_KEYS_CRON),
        slaAlertsCron: cronOrOff(e.JOB_SLA_ALERTS_CRON),
        eventsCron: cronOrOff(e.JOB_EVENTS_CRON),
        mailFetchCron: cronOrOff(e.JOB_MAIL_FETCH_CRON),
        historyRetention: e.HISTORY_RETENTION,
        eventsRetention: e.EVENTS_RETENTION,
        archiveAfter: e.ARCHIVE_AFTER,
      },
      /** Write rate limits per user (customer or staff) and per address, counted per fixed window; 0: no limit. */
      writeLimits: {
        windowSeconds: e.RATE_LIMIT_WINDOW_MINUTES * 60,
        tickets: {
          customer: e.RATE_LIMIT_TICKETS_CUSTOMER,
          staff: e.RATE_LIMIT_TICKETS_STAFF,
          ip: e.RATE_LIMIT_TICKETS_IP,
        },
        /** Replies and internal notes. */
        replies: {
          customer: e.RATE_LIMIT_REPLIES_CUSTOMER,
          staff: e.RATE_LIMIT_REPLIES_STAFF,
          ip: e.RATE_LIMIT_REPLIES_IP,
        },
        /** Upload requests: attachments, and replies sent with files. */
        uploads: {
          customer: e.RATE_LIMIT_UPLOADS_CUSTOMER,
          staff: e.RATE_LIMIT_UPLOADS_STAFF,
          ip: e.RATE_LIMIT_UPLOADS_IP,
        },
        /** Self-signups per address. */
        signups: { ip: e.RATE_LIMIT_SIGNUPS_IP },
        /** Uses of satisfaction rating links (public) per address. */
        ratings: { ip: e.RATE_LIMIT_RATINGS_IP },
        /** Incoming messages per sender address. */
        inbound: { sender: e.RATE_LIMIT_INBOUND_SENDER },
      },
      metricsToken: e.METRICS_TOKEN,
      /** Addresses or CIDRs that may read /metrics without the token. */
      metricsAllow: e.METRICS_ALLOW.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      /** Outgoing mail; undefined without SMTP_URL (nothing is queued or sent). */
      mail: e.SMTP_URL
        ? {
            smtpUrl: e.SMTP_URL,
            from: parseFrom(e.MAIL_FROM ?? `helpdesk@${new URL(e.PUBLIC_URL ?? 'http://localhost').hostname}`),
            publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.BACKEND_PORT}`).replace(/\/+$/, ''),
            pollMs: e.MAIL_POLL_SECONDS * 1000,
          }
        : undefined,
      /** Webhook delivery: allowlisted networks, the timeout of one attempt, the sender's poll. */
      webhooks: {
        allowNetworks: e.WEBHOOK_ALLOW_NETWORKS.split(',')
          .map((a) => a.trim())
          .filter(Boolean),
        timeoutMs: e.WEBHOOK_TIMEOUT_SECONDS * 1000,
        pollMs: e.WEBHOOK_POLL_SECONDS * 1000,
      },
      /** Incoming mail (docs/email.md): works with or without SMTP_URL (without it, no replies are sent). */
      mailInbound: {
        department: e.MAIL_INBOUND_DEPARTMENT,
        trusted: e.MAIL_INBOUND_TRUSTED ?? false,
        imapUrl: e.MAIL_IMAP_URL,
        processedFolder: e.MAIL_IMAP_PROCESSED_FOLDER,
      },
      /** Key material that seals two-factor secrets (AES-256-GCM); undefined: stored unsealed. */
      twoFactorEncryptionKey: e.TWO_FACTOR_ENCRYPTION_KEY,
    };
  });

/** Every setting of the backend (see configSchema). */
export type Config = z.output<typeof configSchema>;

/**
 * Builds the Config from an environment (process.env by default).
 * Throws ConfigError with one line naming the variable and what it expects.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const expected = issue?.message ?? 'a valid value';
    throw new ConfigError(`Invalid configuration: ${name}: ${expected} (got ${JSON.stringify(env[name] ?? '')})`);
  }
  return parsed.data;
}

/**
 * Reads `.env` (the cwd's, else the repo root's) into process.env without overriding
 * what the environment already sets.
 */
export function loadDotenv(env: NodeJS.ProcessEnv = process.env): void {
  const file = [path.resolve('.env'), path.join(repoDir, '.env')].find((f) => existsSync(f));
  if (file) loadEnvFile({ path: file, processEnv: env, quiet: true });
}
