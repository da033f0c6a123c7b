import type { ErrorDetail } from '@helpdesk/contract';
import { inDuration } from './time';

/** An answer in the API's error shape (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** The whole error object, for extras such as the current ticket of a VERSION_CONFLICT. */
  readonly body: Record<string, unknown>;
  /** Seconds to wait before trying again (the Retry-After header of a 429 or 503). */
  retryAfterSeconds?: number;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], body = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

export interface Envelope<T> {
  data: T;
  meta?: { nextCursor?: string | null } & Record<string, unknown>;
}

export type QueryValue = string | number | boolean | null | undefined | string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
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

function errorFromBody(status: number, payload: unknown, statusText: string): ApiError {
  if (isRecord(payload) && isRecord(payload.error)) {
    const e = payload.error;
    const details = Array.isArray(e.details)
      ? e.details.filter(isRecord).map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') }))
      : [];
    return new ApiError(
      status,
      typeof e.code === 'string' ? e.code : `HTTP_${status}`,
      typeof e.message === 'string' ? e.message : statusText || `Request failed (${status})`,
      details,
      // Extras ride beside `error` (e.g. `current` on a VERSION_CONFLICT) or inside it.
      { ...Object.fromEntries(Object.entries(payload).filter(([k]) => k !== 'error' && k !== 'success')), ...e },
    );
  }
  return new ApiError(status, `HTTP_${status}`, statusText || `Request failed (${status})`);
}

/** The one fetch wrapper: JSON in, `{ data, meta }` out, ApiError on failure. No toasts, no redirects. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<Envelope<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
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
  const text = await res.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (!res.ok) throw toApiError(res.status, payload, res.statusText, res.headers.get('Retry-After'));
  if (isRecord(payload) && 'data' in payload) {
    return { data: payload.data as T, meta: isRecord(payload.meta) ? payload.meta : undefined };
  }
  return { data: payload as T };
}

export const api = {
  get: async <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    (await request<T>('GET', path, { query, signal })).data,
  post: async <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    (await request<T>('POST', path, { body: body ?? {}, headers })).data,
  patch: async <T>(path: string, body: unknown) => (await request<T>('PATCH', path, { body })).data,
  put: async <T>(path: string, body: unknown) => (await request<T>('PUT', path, { body })).data,
  delete: async <T>(path: string) => (await request<T>('DELETE', path)).data,
};

/**
 * Uploads a form with progress (fetch has no upload progress; XHR does).
 * `onProgress` gets 0..1.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload failed: cannot reach the server.'));
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve((isRecord(payload) && 'data' in payload ? payload.data : payload) as T);
      } else reject(toApiError(xhr.status, payload, xhr.statusText, xhr.getResponseHeader('Retry-After')));
    };
    xhr.send(form);
  });
}

/** Field errors keyed by field name: `body.subject` → `subject`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.details) {
    const parts = d.path.split('.').filter((p) => p !== 'body' && p !== 'query' && p !== 'params');
    const key = parts[0] ?? '';
    if (key && !(key in out)) out[key] = d.message;
  }
  return out;
}

/** A message for the whole form: the API's message (when to try again, for too many attempts), or a generic one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
    // English like the rest of the sentence.
    return `Too many attempts. Try again ${inDuration(error.retryAfterSeconds, 'en')}.`;
  }
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
