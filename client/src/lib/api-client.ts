import type * as Contract from '@helpdesk/contract';
import type { ErrorCode, ErrorDetail } from '@helpdesk/contract';
import i18next from 'i18next';
import type { ZodType } from 'zod';
import { inDuration, timeOfDay } from './time';

/**
 * The code of an ApiError: one of the contract's closed list (docs/errors.md), or what the client
 * says itself: no answer (NETWORK_ERROR), an answer the contract does not allow (INVALID_RESPONSE),
 * or an answer without our error shape (a proxy's page: HTTP_<status>).
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'INVALID_RESPONSE' | `HTTP_${number}`;

/** An answer in the API's error shape, a network failure (status 0) or an answer the contract does not allow. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[];
  /** The whole answer, for extras beside `error` such as the current ticket of a VERSION_CONFLICT. */
  readonly payload: unknown;
  /** Seconds to wait before trying again (the Retry-After header of a 429 or 503). */
  retryAfterSeconds?: number;

  constructor(status: number, code: ApiErrorCode, message: string, details: ErrorDetail[] = [], payload?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.payload = payload;
  }
}

/**
 * A contract schema for an answer, or a loader of one. The shell (layout, guards, bell) loads its
 * schemas with `lazySchema`: zod and the contract are their own chunk, which index.html preloads
 * beside the shell and which runs only when the first answer is parsed (decision 023).
 */
export type ResponseSchema<T> = ZodType<T> | (() => Promise<ZodType<T>>);

export function lazySchema<T>(pick: (contract: typeof Contract) => ZodType<T>): () => Promise<ZodType<T>> {
  let loaded: Promise<ZodType<T>> | undefined;
  return () => {
    // A chunk that failed to load is tried again next time.
    loaded ??= import('@helpdesk/contract').then(pick, (err: unknown) => {
      loaded = undefined;
      throw err;
    });
    return loaded;
  };
}

/** One page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  /** null on the last page. */
  nextCursor: string | null;
}

export type QueryValue = string | number | boolean | null | undefined | string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** Builds `path?query`, leaving out empty values; arrays become comma lists. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns a non-2xx answer into an ApiError (whatever its body), with its Retry-After in seconds. */
export function toApiError(status: number, payload: unknown, statusText = '', retryAfter?: string | null): ApiError {
  const error = errorFromBody(status, payload, statusText);
  const seconds = Number(retryAfter);
  if (retryAfter && Number.isFinite(seconds) && seconds >= 0) error.retryAfterSeconds = seconds;
  return error;
}

// By hand rather than with the contract's errorResponseSchema: it must cope with any body (a
// proxy's HTML page, an empty 502), and the shell may not load zod.
function errorFromBody(status: number, payload: unknown, statusText: string): ApiError {
  const fallback = statusText || `Request failed (${status})`;
  if (!isRecord(payload) || !isRecord(payload.error)) return new ApiError(status, `HTTP_${status}`, fallback);
  const e = payload.error;
  const details = Array.isArray(e.details)
    ? e.details.filter(isRecord).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }))
    : [];
  // The server answers only the contract's codes (a closed list); anything else is not our server.
  const code: ApiErrorCode = typeof e.code === 'string' ? (e.code as ErrorCode) : `HTTP_${status}`;
  return new ApiError(status, code, typeof e.message === 'string' ? e.message : fallback, details, payload);
}

const invalidResponse = (status: number) =>
  new ApiError(status, 'INVALID_RESPONSE', 'The server sent an answer this page does not understand.');

async function parse<T>(schema: ResponseSchema<T>, value: unknown, status: number): Promise<T> {
  const resolved = typeof schema === 'function' ? await schema() : schema;
  const result = resolved.safeParse(value);
  if (result.success) return result.data;
  throw invalidResponse(status);
}

/** Sends a request; resolves with the parsed JSON answer of a 2xx, throws an ApiError otherwise. */
function send(method: string, path: string, opts: RequestOptions): Promise<Answer> {
  const url = buildUrl(path, opts.query);
  if (method === 'GET' && !opts.headers && url.startsWith('/api/')) {
    return fromBoot(url) ?? batchedGet(url, opts.signal);
  }
  // A write may change what the first reads would answer (signing in does): never use them after one.
  for (const read of BOOT_READS) bootTaken.add(read);
  return sendAlone(method, url, opts);
}

type Answer = { status: number; payload: unknown };

/**
 * GETs asked for in the same task (the queries of components mounted together) go to the
 * server as one `GET /api/batch` (issue 22: a ticket page made 23 requests). One alone is sent
 * as it is. Each keeps its own answer and error; an aborted one is dropped from its batch. The
 * batch leaves at the end of the task (a microtask), not a later one: on a busy page a timer
 * waited 200 ms behind the first render.
 */
interface Waiting {
  url: string;
  signal?: AbortSignal;
  resolve: (a: Answer) => void;
  reject: (err: unknown) => void;
}
// The contract's BATCH_MAX_READS (the shell does not load the contract).
const BATCH_MAX_READS = 20;
let waiting: Waiting[] = [];

/**
 * What every page asks first, as one batch that index.html preloads (`<link rel="preload">`
 * with this URL) while the scripts load: who is signed in, the public settings, the two-factor
 * status and the bell's count (401s for a visitor). Each is taken from it once, and only until
 * the first write (after signing in, its 401s would sign the user out again); later reads of
 * them go to the server.
 */
export const BOOT_READS = [
  '/api/auth/me',
  '/api/settings/public',
  '/api/auth/two-factor',
  '/api/notifications/unread-count',
];
/** `GET /api/batch` of these paths, and the answers in its envelope (undefined if it has none). */
const batchUrl = (paths: string[]) => `/api/batch?${paths.map((p) => `path=${encodeURIComponent(p)}`).join('&')}`;
const batchAnswers = ({ payload }: Answer) =>
  isRecord(payload) && Array.isArray(payload.data) ? (payload.data as unknown[]) : undefined;
const aborted = () => new DOMException('The request was aborted', 'AbortError');

export const BOOT_BATCH_URL = batchUrl(BOOT_READS);
let bootAnswers: Promise<unknown[] | undefined> | undefined;
const bootTaken = new Set<string>();

function fromBoot(url: string): Promise<Answer> | undefined {
  const index = BOOT_READS.indexOf(url);
  if (index < 0 || bootTaken.has(url)) return undefined;
  bootTaken.add(url);
  bootAnswers ??= sendAlone('GET', BOOT_BATCH_URL, {}).then(batchAnswers, () => undefined);
  // An answer the batch lacks (it failed) is asked for on its own.
  return bootAnswers.then((answers) => (answers?.[index] ? settle(answers[index]) : batchedGet(url)));
}

/** One answer of a batch: its body for a 2xx, else its error. */
function settle(answer: unknown): Promise<Answer> {
  if (!isRecord(answer) || typeof answer.status !== 'number') return Promise.reject(invalidResponse(200));
  if (answer.status >= 200 && answer.status < 300)
    return Promise.resolve({ status: answer.status, payload: answer.body });
  return Promise.reject(toApiError(answer.status, answer.body));
}

function batchedGet(url: string, signal?: AbortSignal): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (waiting.length === 0) queueMicrotask(flushBatch);
    waiting.push({ url, signal, resolve, reject });
  });
}

function flushBatch(): void {
  const all = waiting;
  waiting = [];
  const live = all.filter((w) => {
    if (w.signal?.aborted) w.reject(aborted());
    return !w.signal?.aborted;
  });
  for (let i = 0; i < live.length; i += BATCH_MAX_READS) void sendBatch(live.slice(i, i + BATCH_MAX_READS));
}

async function sendBatch(reads: Waiting[]): Promise<void> {
  if (reads.length === 1) {
    const [read] = reads as [Waiting];
    return sendAlone('GET', read.url, { signal: read.signal }).then(read.resolve, read.reject);
  }
  let answers: unknown[] | undefined;
  try {
    answers = batchAnswers(await sendAlone('GET', batchUrl(reads.map((r) => r.url)), {}));
  } catch (err) {
    for (const read of reads) read.reject(err);
    return;
  }
  reads.forEach((read, i) => {
    if (read.signal?.aborted) read.reject(aborted());
    else settle(answers?.[i]).then(read.resolve, read.reject);
  });
}

async function sendAlone(method: string, url: string, opts: RequestOptions): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the server. Check your connection and try again.');
  }
  const payload = parseJson(await res.text());
  if (!res.ok) throw toApiError(res.status, payload, res.statusText, res.headers.get('Retry-After'));
  return { status: res.status, payload };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The `data` of a success envelope `{ success: true, data }`, parsed with `schema`. */
function dataOf<T>(schema: ResponseSchema<T>, status: number, payload: unknown): Promise<T> {
  return parse(schema, isRecord(payload) ? payload.data : undefined, status);
}

/** The one fetch wrapper: JSON in, the answer's `data` parsed with its contract schema out. No toasts, no redirects. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  schema: ResponseSchema<T>,
  opts: RequestOptions = {},
): Promise<T> {
  const { status, payload } = await send(method, path, opts);
  return dataOf(schema, status, payload);
}

/** A keyset page, parsed with the contract's `pageSchema(item)`. */
export async function requestPage<T>(
  path: string,
  schema: ResponseSchema<{ data: T[]; meta: { nextCursor: string | null } }>,
  opts: RequestOptions = {},
): Promise<Page<T>> {
  const { status, payload } = await send('GET', path, opts);
  const page = await parse(schema, payload, status);
  return { items: page.data, nextCursor: page.meta.nextCursor };
}

type Options = Omit<RequestOptions, 'body'>;

export const api = {
  get: <T>(path: string, schema: ResponseSchema<T>, opts?: Options) => request('GET', path, schema, opts),
  // A POST without a body still sends `{}`: the API's routes take JSON.
  post: <T>(path: string, schema: ResponseSchema<T>, body: unknown = {}, opts?: Options) =>
    request('POST', path, schema, { ...opts, body }),
  patch: <T>(path: string, schema: ResponseSchema<T>, body: unknown) => request('PATCH', path, schema, { body }),
  put: <T>(path: string, schema: ResponseSchema<T>, body: unknown) => request('PUT', path, schema, { body }),
  delete: <T>(path: string, schema: ResponseSchema<T>) => request('DELETE', path, schema),
};

/**
 * Uploads a form with progress (fetch has no upload progress; XHR does); `onProgress` gets 0..1.
 * The answer's `data` is parsed with `schema`.
 */
export function upload<T>(
  path: string,
  form: FormData,
  schema: ResponseSchema<T>,
  onProgress?: (fraction: number) => void,
  headers: Record<string, string> = {},
): Promise<T> {
  return new Promise<{ status: number; payload: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload failed: cannot reach the server.'));
    xhr.onload = () => {
      const payload = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve({ status: xhr.status, payload });
      } else reject(toApiError(xhr.status, payload, xhr.statusText, xhr.getResponseHeader('Retry-After')));
    };
    xhr.send(form);
  }).then(({ status, payload }) => dataOf(schema, status, payload));
}

/**
 * The server's own English text for a rule or a field (`errors:server`, keyed by that text), in the
 * user's language; undefined when the catalogue does not know it.
 */
function serverText(message: string): string | undefined {
  for (const language of [i18next.resolvedLanguage ?? i18next.language, 'en']) {
    const text: unknown = i18next.getResource(language, 'errors', ['server', message] as unknown as string);
    if (typeof text === 'string') return text;
  }
  return undefined;
}

/**
 * Field errors keyed by field name (`body.subject` → `subject`), worded in the user's language: the
 * server's field messages are machine-readable, so a known one is translated and any other
 * becomes a sentence by the error's kind, never the validator's raw text.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const parts = d.path
      .split('.')
      .filter((p) => p !== 'body' && p !== 'query' && p !== 'querystring' && p !== 'params');
    const key = parts[0] ?? '';
    if (!key || key in out) continue;
    out[key] =
      serverText(d.message) ?? (/password/i.test(key) ? passwordReason(d.message) : i18next.t('errors:field.invalid'));
  }
  return out;
}

/**
 * Why a chosen password was refused: the server's reason (zxcvbn's words, in English) for an
 * English page, else the catalogue's general sentence, rather than English inside another language.
 */
function passwordReason(serverMessage: string): string {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return language === 'en' && serverMessage ? serverMessage : i18next.t('errors:weakPassword');
}

/** The malformed-link sentence when every problem is in the address (`params.id` …), not in what was typed. */
function isBrokenLink(error: ApiError): boolean {
  return (
    error.code === 'VALIDATION_ERROR' &&
    error.details.length > 0 &&
    error.details.every((d) => d.path.startsWith('params.'))
  );
}

/** When to try again after a 429: "in 2 minutes" up to an hour, then the time of day. */
function retryMessage(seconds: number): string {
  const locale = i18next.resolvedLanguage ?? i18next.language;
  if (seconds <= 3600) return i18next.t('errors:rateLimitedIn', { when: inDuration(seconds, locale) });
  return i18next.t('errors:rateLimitedAt', { time: timeOfDay(new Date(Date.now() + seconds * 1000), locale) });
}

/**
 * A sentence about what went wrong, in the user's language. The server keeps stable codes
 * (contract `errorCodes`); the client words them (`errors:codes.<CODE>`). A rule the server names
 * in English (RULE_VIOLATION, CONFLICT …) is translated when the catalogue knows that rule;
 * an unknown code falls back to a sentence by HTTP status.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return i18next.t('errors:unknown');
  if (error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
    return retryMessage(error.retryAfterSeconds);
  }
  if (isBrokenLink(error)) return i18next.t('errors:malformedLink.body');
  const rule = serverText(error.message);
  if (rule) return rule;
  const codeKey = `errors:codes.${error.code}`;
  if (i18next.exists(codeKey)) return i18next.t(codeKey as 'errors:unknown');
  return statusMessage(error.status);
}

/** The fallback by HTTP status, for a code the catalogue does not know (a proxy's 502, say). */
function statusMessage(status: number): string {
  const key = `errors:status.${status}`;
  if (i18next.exists(key)) return i18next.t(key as 'errors:unknown');
  if (status >= 500) return i18next.t('errors:status.5xx', { status });
  return i18next.t('errors:status.other', { status });
}
