import type { ErrorCode } from '@helpdesk/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { z } from 'zod';

/** Who sends a request: a factories user (its session cookie and a same-origin Origin), or nobody. */
export type Caller = { headers: Record<string, string> } | null | undefined;

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Added to (and overriding) the caller's headers. */
  headers?: Record<string, string | undefined>;
  /** The client address Fastify sees (rate limits, login throttling). */
  remoteAddress?: string;
}

export type ApiResponse = LightMyRequestResponse;

/**
 * Requests to the test app as `caller`, through Fastify's inject: `api(t, agent).post(url, body)`.
 * `t` is read when a request is sent, so `api(t, …)` may be built before useTestApp's beforeAll ran.
 */
export function api(t: { app: FastifyInstance }, caller?: Caller) {
  // `method` is a string so that tests can loop over tables of requests.
  const request = (method: Method | (string & {}), url: string, payload?: unknown, opts: RequestOptions = {}) =>
    t.app.inject({
      method: method as Method,
      url,
      // inject takes a string, a Buffer or an object (sent as JSON).
      payload: payload as string | Buffer | object | undefined,
      headers: { ...caller?.headers, ...opts.headers },
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    });
  return {
    request,
    get: (url: string, opts?: RequestOptions) => request('GET', url, undefined, opts),
    post: (url: string, payload?: unknown, opts?: RequestOptions) => request('POST', url, payload, opts),
    put: (url: string, payload?: unknown, opts?: RequestOptions) => request('PUT', url, payload, opts),
    patch: (url: string, payload?: unknown, opts?: RequestOptions) => request('PATCH', url, payload, opts),
    delete: (url: string, opts?: RequestOptions) => request('DELETE', url, undefined, opts),
  };
}

/** Asserts a success answer (`status`, `{ success: true }`) and returns its `data` parsed with the contract's schema. */
export function expectOk<S extends z.ZodType>(res: ApiResponse, schema: S, status = 200): z.output<S> {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { success?: unknown; data?: unknown };
  expect(body.success).toBe(true);
  return schema.parse(body.data);
}

/** Asserts an error answer with this status and code and returns its `error`. */
export function expectError(res: ApiResponse, status: number, code: ErrorCode) {
  expect(res.statusCode, res.body).toBe(status);
  const { error } = res.json() as { error: { code: string; message: string; details?: { path: string }[] } };
  expect(error.code).toBe(code);
  return error;
}
