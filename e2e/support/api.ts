/**
 * The JSON API as the tests use it to make what they need: accounts, departments, tickets,
 * messages. Answers are parsed with the contract's schemas, so a test gets typed data or a clear
 * error saying which call failed and why.
 */
import { randomInt, randomUUID } from 'node:crypto';
import {
  type Department,
  departmentSchema,
  roleSchema,
  type SystemRoleName,
  type Ticket,
  type TicketDetail,
  type TicketListItem,
  ticketDetailSchema,
  ticketListItemSchema,
  ticketMessageSchema,
  ticketPrioritySchema,
  type User,
  userEnvelopeSchema,
  userSchema,
} from '@helpdesk/contract';
import { type APIRequestContext, type APIResponse, request } from '@playwright/test';
import { z } from 'zod';

/** The password of every account the tests make (long and uncommon enough for the password rules). */
export const password = 'correct horse battery staple';

/** The first super admin of a fresh server (the global setup makes it through the API). */
export const firstAdmin = { name: 'Ada Admin', email: 'ada@example.test', password };

/** A short suffix that makes names and e-mails unique: tests share one server and run in any order. */
export const unique = (): string => randomUUID().slice(0, 8);

/**
 * A client address of its own, sent as X-Forwarded-For (the server trusts it from 127.0.0.1, see
 * e2e/server.mjs): each test's users are throttled per address like real users, not as one crowd.
 */
export const newAddress = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

const envelopeSchema = z.object({ success: z.literal(true), data: z.unknown() });

/** The `data` of a 2xx answer, parsed with the contract's schema; any other answer throws. */
export async function dataOf<S extends z.ZodType>(answer: Promise<APIResponse>, schema: S): Promise<z.output<S>> {
  const res = await answer;
  const text = await res.text();
  if (!res.ok()) throw new Error(`${res.url()} answered ${res.status()}: ${text}`);
  return schema.parse(envelopeSchema.parse(JSON.parse(text)).data);
}

/** An account a test made, signed in to the JSON API from its own address. */
export interface Account {
  user: User;
  password: string;
  /** Headers every request of this account carries (its client address). */
  headers: Record<string, string>;
  /** The JSON API with this account's session. */
  api: APIRequestContext;
}

/** Signs in through the API; the returned context holds the session cookie. */
export async function signInApi(
  baseURL: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = { 'x-forwarded-for': newAddress() },
): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: headers });
  await dataOf(api.post('/api/auth/login', { data: credentials }), userEnvelopeSchema);
  return api;
}

/** The first-run setup through the API: creates the first super admin, signed in. */
export async function createFirstAdmin(baseURL: string): Promise<Account> {
  const headers = { 'x-forwarded-for': newAddress() };
  const api = await request.newContext({ baseURL, extraHTTPHeaders: headers });
  const { user } = await dataOf(api.post('/api/setup', { data: firstAdmin }), userEnvelopeSchema);
  return { user, password: firstAdmin.password, headers, api };
}

/** A new user with the role, a unique e-mail and the shared password, signed in from its own address. */
export async function createAccount(
  admin: APIRequestContext,
  baseURL: string,
  role: SystemRoleName,
  departments: Department[] = [],
): Promise<Account> {
  const roles = await dataOf(admin.get('/api/roles'), z.array(roleSchema));
  const roleId = roles.find((r) => r.name === role)?.id;
  if (!roleId) throw new Error(`no role ${role}`);
  const id = unique();
  const user = await dataOf(
    admin.post('/api/users', {
      data: {
        email: `${role.toLowerCase()}-${id}@example.test`,
        name: `${role.charAt(0)}${role.slice(1).toLowerCase()} ${id}`,
        roleId,
        departmentIds: departments.map((d) => d.id),
        password,
      },
    }),
    userSchema,
  );
  const headers = { 'x-forwarded-for': newAddress() };
  const api = await signInApi(baseURL, { email: user.email, password }, headers);
  return { user, password, headers, api };
}

export function createDepartment(admin: APIRequestContext, name = `Billing ${unique()}`): Promise<Department> {
  return dataOf(
    admin.post('/api/departments', { data: { name, description: 'Invoices, refunds and payments' } }),
    departmentSchema,
  );
}

/** Files a ticket as the caller (a customer files their own). */
export async function fileTicket(
  api: APIRequestContext,
  department: Department,
  fields: { subject?: string; description?: string } = {},
): Promise<Ticket> {
  const detail = await dataOf(
    api.post('/api/tickets', {
      data: {
        subject: fields.subject ?? `Invoice ${unique()} charged twice`,
        description:
          fields.description ?? 'I was charged twice for this invoice.\nPlease refund the duplicate payment.',
        departmentId: department.id,
      },
    }),
    ticketDetailSchema,
  );
  return detail.ticket;
}

export function getTicket(api: APIRequestContext, id: string): Promise<TicketDetail> {
  return dataOf(api.get(`/api/tickets/${id}`), ticketDetailSchema);
}

/** The queue as the caller sees it (`GET /api/tickets` with these filters), first page. */
export function listTickets(api: APIRequestContext, params: Record<string, string> = {}): Promise<TicketListItem[]> {
  return dataOf(api.get('/api/tickets', { params }), z.array(ticketListItemSchema));
}

/** A reply or (`internal`) an internal note, with an optional file (then sent as multipart). */
export function addMessage(
  api: APIRequestContext,
  ticketId: string,
  body: string,
  options: { internal?: boolean; file?: { name: string; mimeType: string; buffer: Buffer } } = {},
) {
  const isInternal = options.internal ?? false;
  const url = `/api/tickets/${ticketId}/messages`;
  const answer = options.file
    ? api.post(url, { multipart: { body, isInternal: String(isInternal), file: options.file } })
    : api.post(url, { data: { body, isInternal } });
  return dataOf(answer, ticketMessageSchema);
}

export function priorities(api: APIRequestContext) {
  return dataOf(api.get('/api/priorities'), z.array(ticketPrioritySchema));
}

/** The priority with this name (the default data has Low, Normal, High and Urgent). */
export async function priorityNamed(api: APIRequestContext, name: string) {
  const found = (await priorities(api)).find((p) => p.name === name);
  if (!found) throw new Error(`no priority ${name}`);
  return found;
}

/** A tiny valid PNG (1×1), for attachment uploads. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** `file` for a PNG upload (setInputFiles or addMessage). */
export const pngFile = (name: string) => ({ name, mimeType: 'image/png', buffer: tinyPng });
