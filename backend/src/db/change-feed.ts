import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';

/** Migration 0002's triggers (and later ones: 0008, tags and custom fields, 0031 department names, 0034 user names) announce every committed change to cached tables here. */
const CHANGES_CHANNEL = 'helpdesk_changes';

/**
 * New work for the event workers (rows in events, mail_outbox, webhook_deliveries): a channel of
 * its own, heard only by each process's dedicated listener. An instance's own event writes wake its
 * running workers without it (decision 030): PostgreSQL signals every listening connection of the
 * database on each NOTIFY, whatever the channel.
 */
const EVENTS_CHANNEL = 'helpdesk_events';

/**
 * What changed: `auth` (users, roles, department members, sessions), `reference` (statuses and
 * priorities), `tags` (tags), `fields` (custom field definitions), `departments` (a department
 * added, renamed or removed; not the round-robin turn every auto-assigned ticket writes),
 * `user_names` (a user renamed or removed; migration 0034), `events` (new work for the event
 * workers, from EVENTS_CHANNEL), or `*` when changes may have been missed (the listener lost its
 * connection, or a payload this version does not know).
 */
const TOPICS = ['auth', 'reference', 'tags', 'fields', 'departments', 'user_names', 'events'] as const;

/** The topics a cache can watch: every one but `*`, which reaches every cache anyway. */
export type CacheTopic = (typeof TOPICS)[number];
export type ChangeTopic = CacheTopic | '*';

/** Wakes the event workers of every process when the caller's transaction commits. */
export function wakeEventWorkers(): SQL {
  return sql`SELECT pg_notify(${EVENTS_CHANNEL}, '')`;
}

/**
 * Tells in-process caches when the rows behind them change, in any process. A cache serves a
 * copy only while `live()`: then every committed change reaches it, and a change made by this
 * process reaches it before the writing request gets its answer.
 */
export interface ChangeFeed {
  subscribe(fn: (topic: ChangeTopic) => void): () => void;
  live(): boolean;
  close(): Promise<void>;
}

/**
 * The shared half of a cache kept by the feed: `onChange` runs on every change to `topic` (and
 * when changes may have been missed). The returned `read` runs a database read and says whether
 * its answer may be kept: only when the feed is live and no change arrived while it ran.
 */
export function watchChanges(feed: ChangeFeed, topic: CacheTopic, onChange: () => void) {
  let changes = 0;
  feed.subscribe((t) => {
    if (t !== topic && t !== '*') return;
    changes++;
    onChange();
  });
  return async function read<T>(query: () => Promise<T>): Promise<{ value: T; keep: boolean }> {
    const before = changes;
    const value = await query();
    return { value, keep: before === changes && feed.live() };
  };
}

function subscribers() {
  const fns = new Set<(topic: ChangeTopic) => void>();
  return {
    fns,
    deliver(payload: string | undefined) {
      // An unknown payload (a newer version's topic during an upgrade) drops every cache.
      const topic = (TOPICS as readonly string[]).includes(payload ?? '') ? (payload as CacheTopic) : '*';
      for (const fn of fns) fn(topic);
    },
  };
}

const RECONNECT_MS = 1_000;

/**
 * node-postgres: a dedicated connection LISTENs for other processes' changes. Every pooled
 * connection LISTENs as well (open the pool with `Client: feed.PoolClient`), because PostgreSQL
 * hands a session its own notification together with its COMMIT: a change this process makes is
 * seen before the write returns, not a few milliseconds later.
 */
export function postgresChangeFeed(config: pg.ClientConfig) {
  const subs = subscribers();

  /** A pool connection that LISTENs before the pool hands it out. */
  class PoolClient extends pg.Client {
    constructor(options?: string | pg.ClientConfig) {
      super(options);
      this.on('notification', (n) => subs.deliver(n.payload));
    }

    // pg-pool calls connect(callback); LISTEN runs before the callback, so never beside a query.
    override connect(): Promise<pg.Client>;
    override connect(callback: ((err: Error) => void) | ((err: null, c: pg.Client) => void)): void;
    override connect(
      callback?: ((err: Error) => void) | ((err: null, c: pg.Client) => void),
    ): Promise<pg.Client> | undefined {
      const ready = super
        .connect()
        .then(() => this.query(`LISTEN ${CHANGES_CHANNEL}`))
        .then(() => this as pg.Client);
      if (!callback) return ready;
      const done = callback as (err: Error | null, c?: pg.Client) => void;
      ready.then(
        (client) => done(null, client),
        (err: Error) => done(err),
      );
      return undefined;
    }
  }

  let listener: pg.Client | undefined;
  let started = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  function lost(client: pg.Client) {
    client.end().catch(() => {});
    if (listener !== undefined && listener !== client) return;
    listener = undefined;
    subs.deliver('*');
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, RECONNECT_MS);
      retry.unref();
    }
  }

  async function connect() {
    const client = new pg.Client(config);
    client.on('notification', (n) => subs.deliver(n.channel === EVENTS_CHANNEL ? 'events' : n.payload));
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${EVENTS_CHANNEL}`);
    } catch {
      lost(client);
      return;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    listener = client;
    // Whatever changed while nobody listened is unknown: start from empty caches.
    subs.deliver('*');
  }

  const feed: ChangeFeed = {
    subscribe(fn) {
      subs.fns.add(fn);
      if (!started) {
        started = true;
        void connect();
      }
      return () => subs.fns.delete(fn);
    },
    live: () => listener !== undefined,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = undefined;
      if (client) {
        client.removeAllListeners('end');
        await client.end().catch(() => {});
      }
    },
  };
  return Object.assign(feed, { PoolClient });
}

/** PGlite: one process owns the database and delivers notifications as its COMMIT completes. */
export function pgliteChangeFeed(client: PGlite): ChangeFeed {
  const subs = subscribers();
  let unlisten: (() => Promise<void>) | undefined;
  let started = false;
  return {
    subscribe(fn) {
      subs.fns.add(fn);
      if (!started) {
        started = true;
        void Promise.all([
          client.listen(CHANGES_CHANNEL, (payload) => subs.deliver(payload)),
          client.listen(EVENTS_CHANNEL, () => subs.deliver('events')),
        ])
          .then((stops) => {
            unlisten = async () => {
              await Promise.all(stops.map((stop) => stop()));
            };
          })
          .catch(() => {});
      }
      return () => subs.fns.delete(fn);
    },
    live: () => unlisten !== undefined && !client.closed,
    async close() {
      const stop = unlisten;
      unlisten = undefined;
      if (stop && !client.closed) await stop().catch(() => {});
    },
  };
}
