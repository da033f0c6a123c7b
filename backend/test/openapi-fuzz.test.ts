import { beforeAll, describe, expect, it } from 'vitest';
import { api } from './api.js';
import { useTestApp } from './build-test-app.js';
import { factories, type TestUser } from './factories.js';
import { multipart } from './multipart.js';

/**
 * Reads /api/openapi.json and sends every route, as anonymous, a customer, an agent and an admin
 * (a super admin, who may call every route), hostile values in each parameter and body field it
 * declares (one field at a time, the required others valid, so the value gets as deep as it
 * can), plus hostile whole bodies. Any 5xx fails, and so does a 4xx that is not in the error
 * shape. Routes added later are walked without editing this file. Deterministic: the same
 * requests in the same order every run.
 */

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  minimum?: number;
  minItems?: number;
  maxLength?: number;
  default?: unknown;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
type Role = 'anonymous' | 'customer' | 'agent' | 'admin';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Path = (string | number)[];

/** Hostile values for a JSON body field (they keep their JSON types). */
const hostile: unknown[] = [
  'nul\u0000inside',
  'lone \ud800 surrogate',
  'x'.repeat(20_000),
  'word '.repeat(4_000),
  '',
  'Ünïcødé 🎫 \u202Eעברית\uFEFF ﷽',
  '../../../etc/passwd',
  "' OR 1=1; --",
  '!(&|:*<-> "',
  '9'.repeat(40),
  1e308,
  -1,
  2_147_483_648,
  9_007_199_254_740_991,
  1.5,
  true,
  null,
  {},
  [],
  ['nul\u0000inside'],
];

/** The same kinds of value as they travel in a URL, a header or a form field (always text). */
const hostileText = [
  'nul\u0000inside',
  'lone \ud800 surrogate',
  'x'.repeat(5_000),
  '',
  'Ünïcødé 🎫 \u202Eעברית',
  '../../../etc/passwd',
  "' OR 1=1; --",
  '!(&|:*<-> "',
  '9'.repeat(40),
  '1e308',
  '-1',
  '2147483648',
  '1.5',
  'true',
  '%',
  '#1',
];

const anyUuid = '00000000-0000-4000-8000-000000000000';
/** Path segments that name a resource, and the record the walk made for it. */
const singular: Record<string, string> = {
  tickets: 'ticket',
  users: 'user',
  departments: 'department',
  statuses: 'status',
  priorities: 'priority',
  roles: 'role',
  attachments: 'attachment',
};
const sameOrigin = { origin: 'http://localhost:80' };

/** Percent-encodes text for a URL; a lone surrogate (which UTF-8 cannot carry) as its CESU-8 bytes. */
function urlEncode(text: string): string {
  // Spread walks code points: a surrogate left on its own is a lone one.
  return [...text].map((ch) => (/^[\ud800-\udfff]$/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

/** JSON with long strings shortened, so a failure line stays readable (NUL shows as \u0000). */
function describePayload(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 40 ? `${v.slice(0, 20)}…(${v.length} chars)` : v,
  );
  return (text ?? String(value)).slice(0, 200);
}

/** Every place a value can go in a body, as key paths (an array's items as index 0). */
function slots(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...(value.length ? slots(value[0], [...at, 0]) : [])];
  if (value && typeof value === 'object') {
    return [...(at.length ? [at] : []), ...Object.entries(value).flatMap(([k, v]) => slots(v, [...at, k]))];
  }
  return [at];
}

/** A copy of `body` with `value` at `at`, making the objects and arrays on the way. */
function withValue(body: unknown, at: Path, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = (structuredClone(body) ?? {}) as Record<string | number, unknown>;
  let node = copy;
  at.slice(0, -1).forEach((key, i) => {
    node[key] ??= typeof at[i + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
  node[at.at(-1) as string | number] = value;
  return copy;
}

interface Attempt {
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer | object;
  /** A hostile value in one body or form field (the valid attempt comes first). */
  inField?: boolean;
  label: string;
}

describe('fuzz walk over the OpenAPI document: hostile input never reaches a 5xx', () => {
  // Write limits off: a 429 before validation would keep hostile values from reaching the code.
  const t = useTestApp(
    Object.fromEntries(
      ['TICKETS', 'REPLIES', 'UPLOADS']
        .flatMap((k) => ['CUSTOMER', 'STAFF', 'IP'].map((who) => [`RATE_LIMIT_${k}_${who}`, '0']))
        .concat([
          ['RATE_LIMIT_SIGNUPS_IP', '0'],
          ['RATE_LIMIT_RATINGS_IP', '0'],
        ]),
    ),
  );
  const f = () => factories(t.database);
  const users = {} as Record<Exclude<Role, 'anonymous'>, TestUser>;
  /** Real records by name, so hostile values beside valid ids reach the services and the database. */
  const ids: Record<string, string> = {};
  let operations: { method: Method; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    const department = await f().department();
    users.customer = await f().user({ role: 'CUSTOMER' });
    users.agent = await f().user({ role: 'AGENT', departments: [department] });
    users.admin = await f().user({ role: 'SUPER_ADMIN' });
    const ticket = await f().ticket({ customer: users.customer, department });
    await f().message({ ticket, author: users.agent, body: 'An internal note', isInternal: true });
    const created = async (url: string, payload: object) => {
      const res = await api(t, users.admin).post(url, payload);
      return (res.json() as { data: { id: string } }).data.id;
    };
    const upload = multipart([{ name: 'file', filename: 'notes.txt', content: 'plain words', type: 'text/plain' }]);
    const attached = await api(t).post(`/api/tickets/${ticket.id}/attachments`, upload.payload, {
      headers: { ...users.customer.headers, ...upload.headers },
    });
    Object.assign(ids, {
      ticket: ticket.id,
      department: department.id,
      customer: users.customer.id,
      assignedTo: users.agent.id,
      // The target of the user routes: never one of the walking users.
      user: (await f().user({ role: 'AGENT' })).id,
      status: await created('/api/statuses', { name: 'Fuzz status' }),
      priority: await created('/api/priorities', { name: 'Fuzz priority', level: 7 }),
      role: await created('/api/roles', { name: 'Fuzz role', permissions: ['tickets.view_all'] }),
      attachment: (attached.json() as { data: { id: string }[] }).data[0]?.id ?? anyUuid,
    });

    const doc = (await api(t).get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    const order: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase() as Method, path, op })),
      )
      // Deletes last, so the records the other routes use are still there.
      .sort((a, b) => order.indexOf(a.method) - order.indexOf(b.method) || a.path.localeCompare(b.path));
  });

  /** The id for a path parameter: a record of the resource the path names (`/api/users/{id}` → a user). */
  function pathId(path: string, name: string): string {
    const segments = path.split('/');
    const resource = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
    return ids[singular[resource] ?? ''] ?? anyUuid;
  }

  /**
   * A valid value for a schema, ids by field name (`departmentId` → the department). Objects get
   * their required properties only, or all of them with `full` (to list every field).
   */
  function sample(schema: JsonSchema, name = '', full = false): unknown {
    const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
    if (choice) return sample(choice, name, full);
    if (schema.enum?.length) return schema.enum[0];
    switch (schema.type) {
      case 'object':
        return Object.fromEntries(
          Object.entries(schema.properties ?? {})
            .filter(([key]) => full || schema.required?.includes(key))
            .map(([key, prop]) => [key, sample(prop, key, full)]),
        );
      case 'array':
        return Array.from({ length: Math.max(schema.minItems ?? 1, 1) }, () =>
          sample(schema.items ?? {}, name.replace(/Ids$/, 'Id'), full),
        );
      case 'integer':
      case 'number':
        return schema.default ?? schema.minimum ?? 1;
      case 'boolean':
        return false;
      case 'string':
        if (schema.format === 'uuid' || name.endsWith('Id')) return ids[name.replace(/Id$/, '')] ?? anyUuid;
        if (schema.format === 'email' || name === 'email') return 'fuzz@example.test';
        if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
        if (schema.format === 'date') return '2026-01-01';
        // Long enough for a password, short enough for a name.
        return 'Quiet harbour lantern 93'.slice(0, schema.maxLength);
      default:
        return 'Quiet harbour lantern 93';
    }
  }

  /** Every hostile request for one operation, without the caller's credentials. */
  function attempts(method: Method, path: string, op: Operation): Attempt[] {
    const params = op.parameters ?? [];
    const query = (over: Record<string, string>) =>
      Object.entries({
        ...Object.fromEntries(
          params
            .filter((p) => p.in === 'query' && p.required)
            .map((p) => [p.name, urlEncode(String(sample(p.schema, p.name)))]),
        ),
        ...over,
      })
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    const url = (pathOver: Record<string, string> = {}, queryOver: Record<string, string> = {}) => {
      const p = path.replace(/\{(\w+)\}/g, (_m, name: string) => pathOver[name] ?? urlEncode(pathId(path, name)));
      const q = query(queryOver);
      return q ? `${p}?${q}` : p;
    };
    const content = op.requestBody?.content ?? {};
    const jsonSchema = content['application/json']?.schema;
    const body = jsonSchema ? sample(jsonSchema) : undefined;
    const out: Attempt[] = [{ url: url(), payload: body as object | undefined, label: 'valid' }];
    const next = (a: Omit<Attempt, 'payload'>) => out.push({ ...a, payload: body as object | undefined });

    for (const p of params) {
      for (const text of hostileText) {
        const label = `${p.in} ${p.name}=${describePayload(text)}`;
        if (p.in === 'path') next({ url: url({ [p.name]: urlEncode(text) }), label });
        if (p.in === 'query') next({ url: url({}, { [p.name]: urlEncode(text) }), label });
        if (p.in === 'header') next({ url: url(), headers: { [p.name]: text }, label });
      }
      if (p.in === 'query') {
        const twice = `${urlEncode('a')}&${p.name}=${urlEncode('nul\u0000')}`;
        next({ url: url({}, { [p.name]: twice }), label: `query ${p.name} given twice` });
      }
    }
    if (jsonSchema) {
      const full = sample(jsonSchema, '', true);
      for (const at of slots(full)) {
        // A required field also beside every optional one: some bodies must change something (PATCH).
        const required = at.length === 1 && jsonSchema.required?.includes(String(at[0]));
        for (const base of required ? [body, full] : [body]) {
          for (const value of hostile) {
            out.push({
              url: url(),
              payload: withValue(base, at, value) as object,
              label: `body.${at.join('.')}=${describePayload(value)}${base === full ? ' (all fields)' : ''}`,
              inField: true,
            });
          }
        }
      }
    }
    const formSchema = content['multipart/form-data']?.schema;
    if (formSchema) {
      const fields = sample(formSchema, '', true) as Record<string, unknown>;
      for (const name of Object.keys(fields)) {
        for (const text of hostileText) {
          const form = multipart(
            Object.entries({ ...fields, [name]: text }).map(([k, v]) => ({ name: k, value: String(v) })),
          );
          out.push({
            url: url(),
            headers: form.headers,
            payload: form.payload,
            label: `multipart ${name}=${describePayload(text)}`,
            inField: true,
          });
        }
      }
    }
    if (method !== 'GET') {
      const json = { 'content-type': 'application/json' };
      const form = multipart([
        { name: 'body', value: 'nul\u0000inside' },
        { name: 'file', filename: '../../nul\u0000.txt', content: 'plain words', type: 'text/plain' },
      ]);
      const bodies: [string, Record<string, string>, string | Buffer][] = [
        ['malformed JSON', json, '{"subject": "unterminated'],
        ['JSON null', json, 'null'],
        ['JSON array', json, '[1, 2, 3]'],
        ['JSON string', json, '"text"'],
        ['deeply nested JSON', json, `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
        ['__proto__ key', json, '{"__proto__": {"isAdmin": true}}'],
        ['text/plain', { 'content-type': 'text/plain' }, 'plain text'],
        ['multipart without boundary', { 'content-type': 'multipart/form-data' }, 'x'],
        [
          'multipart, wrong boundary',
          { 'content-type': 'multipart/form-data; boundary=abc' },
          '--xyz\r\n\r\nx\r\n--xyz--',
        ],
        ['multipart, truncated', form.headers, form.payload.subarray(0, form.payload.length - 20)],
        ['multipart, NUL field and file name', form.headers, form.payload],
      ];
      for (const [label, headers, payload] of bodies) out.push({ url: url(), headers, payload, label });
    }
    return out;
  }

  /** Sends every attempt of every operation as `role`; returns the failures and how many were sent. */
  async function walk(role: Role): Promise<{ failures: string[]; sent: number }> {
    const failures: string[] = [];
    let sent = 0;
    const user = role === 'anonymous' ? undefined : users[role];
    let auth: Record<string, string> = sameOrigin;
    const signIn = async () => {
      if (user) auth = { ...sameOrigin, cookie: await f().session(user.id) };
    };
    await signIn();
    for (const { method, path, op } of operations) {
      let refusedUnread = false;
      for (const attempt of attempts(method, path, op)) {
        // An anonymous caller of a private route gets 401 before the body is read: its fields never matter.
        if (refusedUnread && attempt.inField) continue;
        const send = () =>
          api(t).request(method, attempt.url, attempt.payload, { headers: { ...auth, ...attempt.headers } });
        sent++;
        let res = await send();
        // Signing out, a password change or a revoke ended the session: go on with a new one.
        if (res.statusCode === 401 && user) {
          await signIn();
          res = await send();
        }
        if (attempt.label === 'valid') refusedUnread = res.statusCode === 401;
        const where = `${role} ${method} ${path} ${attempt.label}`;
        if (res.statusCode >= 500) {
          failures.push(`${where} → ${res.statusCode} ${res.body.slice(0, 200)}`);
        } else if (res.statusCode >= 400 && !isErrorShape(res.body)) {
          failures.push(`${where} → ${res.statusCode} not in the error shape: ${res.body.slice(0, 200)}`);
        }
      }
    }
    return { failures, sent };
  }

  function isErrorShape(body: string): boolean {
    try {
      const parsed = JSON.parse(body) as { success?: unknown; error?: { code?: unknown } };
      return parsed.success === false && typeof parsed.error?.code === 'string';
    } catch {
      return false;
    }
  }

  it('reads every route from the document, multipart forms included', () => {
    const paths = new Set(operations.map((o) => o.path));
    for (const p of ['/api/auth/login', '/api/tickets', '/api/tickets/{id}/messages', '/api/users/{id}']) {
      expect(paths).toContain(p);
    }
    const reply = operations.find((o) => o.method === 'POST' && o.path === '/api/tickets/{id}/messages');
    expect(Object.keys(reply?.op.requestBody?.content ?? {})).toContain('multipart/form-data');
  });

  it.each(['anonymous', 'customer', 'agent', 'admin'] as const)('as %s', async (role) => {
    const { failures, sent } = await walk(role);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  });
});
