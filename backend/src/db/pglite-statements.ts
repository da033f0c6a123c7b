import { type PGlite, parse, protocol, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * Statements on the embedded database in one exchange with PGlite instead of six.
 *
 * PGlite's own `query()` sends Parse, Describe, Bind, Describe, Execute and Sync as six separate
 * calls into PostgreSQL's main loop, and never keeps a statement: every call parses and plans
 * again, and a statement name given to drizzle is dropped. Here a statement's parameter types
 * are learnt once (Parse + Describe), and each call then sends Bind, Describe, Execute and Sync
 * at once, behind a Parse of the unnamed statement, or of nothing when the caller named the
 * statement (queryRows' `prepared`): PostgreSQL then plans it as the PostgreSQL server does
 * for the same name on one connection (docs/decisions/006-embedded-database.md).
 *
 * Values are serialized and rows parsed with PGlite's own serializers and parsers, and the
 * locking is PGlite's (one statement at a time, none between a transaction's statements), so
 * what drizzle sees is what `PGlite.query` would give.
 */

const { serialize } = protocol;

/** What drizzle's PGlite session passes to `query` (rowMode, parser overrides), plus a name. */
export interface StatementOptions {
  rowMode?: 'object' | 'array';
  parsers?: Record<number, (value: string, typeId?: number) => unknown>;
  /** Prepare under this name once and reuse its plan (the text must be the same for a name). */
  name?: string;
}

/** The client drizzle and `Database.query` get instead of PGlite itself. */
export interface StatementClient {
  query<T>(text: string, params?: unknown[], options?: StatementOptions): Promise<Results<T>>;
  transaction<T>(fn: (tx: StatementClient) => Promise<T>): Promise<T>;
}

/** Unnamed statements whose parameter types are kept, by text; the oldest is forgotten first. */
const TYPE_CACHE_SIZE = 500;

/**
 * Drizzle's `insert into "t" (…) values (…)`: a plan with nothing to choose, yet planning it was
 * most of a ticket insert's time (5.9 ms unnamed, 2.6 ms named, in process). Such texts are
 * prepared under a name of their own; the least recently used of them is closed past this many.
 */
const INSERT_VALUES = /^insert into "[^"]+" \([^)]*\) values \(/;
const AUTO_NAMED = 100;

/** DDL can change what a text's parameters are (a column's type): types learnt before it go. */
const SCHEMA_CHANGE = /^(CREATE|ALTER|DROP|TRUNCATE|COMMENT|GRANT|REVOKE)\b/;

const clients = new WeakSet<object>();

/** Whether `client` is one of ours (a drizzle session's client on the embedded database). */
export function isStatementClient(client: unknown): client is StatementClient {
  return typeof client === 'object' && client !== null && clients.has(client);
}

export function pgliteStatements(pg: PGlite): StatementClient {
  const unnamedTypes = new Map<string, number[]>();
  const namedTypes = new Map<string, number[]>();
  /** Texts prepared under a name of our own (INSERT_VALUES), least recently used first. */
  const autoNames = new Map<string, string>();
  let autoCount = 0;

  const exchange = (message: Uint8Array) => pg.execProtocolStream(message, { syncToFs: false });

  /** Parse (and Describe) `text`, returning its parameter types; a named statement stays prepared. */
  async function describe(text: string, name: string): Promise<number[]> {
    const messages = await exchange(
      concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]),
    );
    return parse.parseDescribeStatementResults(messages);
  }

  /** The name an INSERT … VALUES text runs under; closes the least recently used past AUTO_NAMED. */
  async function autoName(text: string): Promise<string | undefined> {
    if (!INSERT_VALUES.test(text)) return undefined;
    let name = autoNames.get(text);
    if (name) autoNames.delete(text);
    else {
      // A new number each time: a name is never prepared twice, even if closing one failed.
      name = `pglite_insert_${++autoCount}`;
      if (autoNames.size >= AUTO_NAMED) {
        const [oldText, oldName] = autoNames.entries().next().value as [string, string];
        autoNames.delete(oldText);
        namedTypes.delete(oldName);
        await exchange(concat([serialize.close({ type: 'S', name: oldName }), serialize.sync()])).catch(() => {});
      }
    }
    autoNames.set(text, name);
    return name;
  }

  async function run<T>(text: string, params: unknown[], options: StatementOptions, inTransaction: boolean) {
    const name = options.name ?? (await autoName(text));
    let types = name ? namedTypes.get(name) : unnamedTypes.get(text);
    if (!types) {
      types = await describe(text, name ?? '');
      if (name) namedTypes.set(name, types);
      else {
        if (unnamedTypes.size >= TYPE_CACHE_SIZE) unnamedTypes.delete(unnamedTypes.keys().next().value as string);
        unnamedTypes.set(text, types);
      }
    } else if (!name) {
      // Most recently used last, so that eviction takes the least recently used.
      unnamedTypes.delete(text);
      unnamedTypes.set(text, types);
    }
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = types[i] ?? 0;
      const serializer = pg.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const parts = name ? [] : [serialize.parse({ text, types })];
    parts.push(
      serialize.bind({ statement: name ?? '', values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    );
    const messages = await exchange(concat(parts));
    if (!inTransaction) await pg.syncToFs();
    if (messages.some((m) => m.name === 'commandComplete' && SCHEMA_CHANGE.test((m as { text?: string }).text ?? ''))) {
      unnamedTypes.clear();
      // Their parameter types were fixed when they were prepared: prepare them again when next used.
      const stale = [...autoNames.values()];
      autoNames.clear();
      for (const old of stale) namedTypes.delete(old);
      if (stale.length > 0 && !inTransaction) {
        const closes = stale.map((old) => serialize.close({ type: 'S', name: old }));
        await exchange(concat([...closes, serialize.sync()])).catch(() => {});
      }
    }
    // Overrides sit on top of PGlite's parsers by prototype: given as the `parsers` option, PGlite
    // would copy its ~300 parsers into a new object for every statement (drizzle passes overrides
    // with each one), ~90 µs of CPU a statement plus its garbage.
    const parsers = options.parsers ? Object.assign(Object.create(pg.parsers), options.parsers) : pg.parsers;
    const [result] = parse.parseResults(messages, parsers, { rowMode: options.rowMode }) as Results<T>[];
    return result ?? { rows: [], fields: [] };
  }

  const client: StatementClient = {
    // Outside a transaction: wait for any transaction to end, then for the statement before.
    query: (text, params = [], options = {}) =>
      pg._runExclusiveTransaction(() => pg._runExclusiveQuery(() => run(text, params, options, false))),
    transaction: (fn) =>
      pg.transaction((tx: Transaction) => {
        let done = false;
        const inner: StatementClient = {
          query: (text, params = [], options = {}) => {
            if (tx.closed || done) throw new Error('Transaction is closed');
            return pg._runExclusiveQuery(() => run(text, params, options, true));
          },
          transaction: () => {
            throw new Error('nested transactions use savepoints');
          },
        };
        clients.add(inner);
        return fn(inner).finally(() => {
          done = true;
        });
      }),
  };
  clients.add(client);
  return client;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
