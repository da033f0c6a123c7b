import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorCodes } from '@helpdesk/contract';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { switchToLanguage } from '../locales/test-languages';
import {
  ApiError,
  buildUrl,
  errorMessage,
  fieldErrors,
  lazySchema,
  request,
  requestPage,
  toApiError,
} from './api-client';

beforeEach(() => switchToLanguage('en'));

describe('buildUrl', () => {
  it('leaves out empty values and joins arrays', () => {
    expect(buildUrl('/api/tickets', { status: 'open', q: '', assignee: undefined, ids: ['a', 'b'], limit: 50 })).toBe(
      '/api/tickets?status=open&ids=a%2Cb&limit=50',
    );
    expect(buildUrl('/api/x')).toBe('/api/x');
    expect(buildUrl('/api/x', { q: null })).toBe('/api/x');
  });
});

describe('toApiError', () => {
  it('reads the error shape, details included', async () => {
    const err = toApiError(400, {
      success: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid input',
        details: [{ path: 'body.subject', message: 'Too long' }],
      },
    });
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.details).toEqual([{ path: 'body.subject', message: 'Too long' }]);
    // The server's field messages are machine-readable: the user reads a sentence.
    expect(fieldErrors(err)).toEqual({ subject: 'Check this value.' });
    const known = toApiError(400, {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'x',
        details: [{ path: 'body.currentPassword', message: 'Wrong password' }],
      },
    });
    expect(fieldErrors(known)).toEqual({ currentPassword: 'That is not your password.' });
    // A refused password keeps the server's reason on an English page only.
    const weak = toApiError(400, {
      error: { code: 'VALIDATION_ERROR', message: 'x', details: [{ path: 'body.password', message: 'Too common.' }] },
    });
    expect(fieldErrors(weak)).toEqual({ password: 'Too common.' });
    await switchToLanguage('de');
    expect(fieldErrors(weak).password).toMatch(/^Wählen Sie ein schwerer zu erratendes Passwort/);
    await switchToLanguage('en');
  });

  it('keeps the whole answer, for extras such as the current ticket of a 409', () => {
    const answer = { success: false, error: { code: 'VERSION_CONFLICT', message: 'Stale' }, current: { version: 3 } };
    expect(toApiError(409, answer).payload).toEqual(answer);
  });

  it('copes with bodies that are not the error shape', () => {
    const err = toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(err.code).toBe('HTTP_502');
    expect(err.message).toBe('Bad Gateway');
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(errorMessage(err)).toBe('The server could not answer (error 502). Try again in a moment.');
    expect(errorMessage(new Error('raw'))).toBe('Something went wrong. Try again.');
  });
});

describe('request', () => {
  afterEach(() => vi.unstubAllGlobals());

  const answer = (body: unknown, status = 200) => vi.fn(async () => new Response(JSON.stringify(body), { status }));

  it("sends JSON and parses the answer's data with its schema", async () => {
    const fetchMock = answer({ success: true, data: [1, 2] });
    vi.stubGlobal('fetch', fetchMock);
    expect(await request('POST', '/api/x', z.array(z.number()), { body: { a: 1 } })).toEqual([1, 2]);
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('reads a keyset page', async () => {
    vi.stubGlobal('fetch', answer({ success: true, data: [1], meta: { nextCursor: 'c2' } }));
    const page = z.object({ data: z.array(z.number()), meta: z.object({ nextCursor: z.string().nullable() }) });
    expect(await requestPage('/api/x', page)).toEqual({ items: [1], nextCursor: 'c2' });
  });

  it('loads a lazy schema from the contract', async () => {
    vi.stubGlobal('fetch', answer({ success: true, data: { count: 3 } }));
    expect(
      await request(
        'GET',
        '/api/x',
        lazySchema((c) => c.unreadCountSchema),
      ),
    ).toEqual({ count: 3 });
  });

  it('refuses an answer the contract does not allow', async () => {
    vi.stubGlobal('fetch', answer({ success: true, data: { count: 'three' } }));
    await expect(request('GET', '/api/x', z.object({ count: z.number() }))).rejects.toMatchObject({
      status: 200,
      code: 'INVALID_RESPONSE',
    });
  });

  it('throws an ApiError with the status and code', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ success: false, error: { code: 'NOT_FOUND', message: 'No' } }), {
            status: 404,
          }),
      ),
    );
    await expect(request('GET', '/api/x', z.unknown())).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('reads Retry-After: too many attempts say when to try again', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many' } }), {
            status: 429,
            headers: { 'Retry-After': '120' },
          }),
      ),
    );
    const error = await request('POST', '/api/auth/login', z.unknown(), { body: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 120 });
    expect(errorMessage(error)).toBe('Too many attempts. Try again in 2 minutes.');
    await switchToLanguage('de');
    expect(errorMessage(error)).toBe('Zu viele Versuche. Versuchen Sie es in 2 Minuten noch einmal.');
    // A long wait says the time of day.
    const long = toApiError(429, { error: { code: 'RATE_LIMITED', message: 'Too many' } }, '', '7200');
    const at = new Date(Date.now() + 7200 * 1000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    expect(errorMessage(long)).toBe(`Zu viele Versuche. Versuchen Sie es um ${hhmm} Uhr noch einmal.`);
    // Without the header: the code's sentence.
    await switchToLanguage('en');
    expect(errorMessage(toApiError(429, { error: { code: 'RATE_LIMITED', message: 'Too many' } }))).toBe(
      'Too many attempts. Wait a little and try again.',
    );
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    await expect(request('GET', '/api/x', z.unknown())).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});

describe('errorMessage', () => {
  it('says a link is broken when only the address was not valid', () => {
    const badId = toApiError(400, {
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Invalid',
        details: [{ path: 'params.id', message: 'Invalid UUID' }],
      },
    });
    expect(errorMessage(badId)).toMatch(/^The address is incomplete or was changed/);
  });

  it('words every error code of the contract, in every language', async () => {
    for (const language of ['en', 'de']) {
      await switchToLanguage(language);
      for (const code of errorCodes) {
        const own = i18next.getResource(language, 'errors', `codes.${code}`);
        expect(own, `errors.json of ${language} has codes.${code}`).toEqual(expect.any(String));
        expect(errorMessage(toApiError(400, { error: { code, message: 'server text' } }))).toBe(own);
      }
    }
  });

  it("translates a rule the server names, else the code's sentence", async () => {
    await switchToLanguage('de');
    const rule = toApiError(422, { error: { code: 'RULE_VIOLATION', message: 'Built-in roles cannot be deleted' } });
    expect(errorMessage(rule)).toBe('Eingebaute Rollen können nicht gelöscht werden.');
    const unknownRule = toApiError(422, { error: { code: 'RULE_VIOLATION', message: 'Some new rule' } });
    expect(errorMessage(unknownRule)).toBe('Das geht nicht: Es verstößt gegen eine Regel des Helpdesks.');
    expect(errorMessage(toApiError(418, { error: { code: 'TEAPOT', message: 'x' } }))).toBe(
      'Etwas ist schiefgegangen (Fehler 418). Versuchen Sie es noch einmal.',
    );
  });
});

describe('GETs asked for together', () => {
  afterEach(() => vi.unstubAllGlobals());

  const batchAnswer = (items: Array<{ status: number; body: unknown }>) =>
    vi.fn(async () => new Response(JSON.stringify({ success: true, data: items }), { status: 200 }));
  const urlOf = (mock: ReturnType<typeof vi.fn>, call = 0) => String((mock.mock.calls[call] as unknown[])[0]);

  it('go to the server as one batch, each with its own answer or error', async () => {
    const fetchMock = batchAnswer([
      { status: 200, body: { success: true, data: 1 } },
      { status: 404, body: { success: false, error: { code: 'NOT_FOUND', message: 'No' } } },
      { status: 200, body: { success: true, data: 3 } },
    ]);
    vi.stubGlobal('fetch', fetchMock);
    const results = await Promise.allSettled([
      request('GET', '/api/a', z.number()),
      request('GET', '/api/b', z.number(), { query: { q: 'x,y', ids: ['1', '2'] } }),
      request('GET', '/api/c', z.number()),
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL(urlOf(fetchMock), 'http://x');
    expect(url.pathname).toBe('/api/batch');
    expect(url.searchParams.getAll('path')).toEqual(['/api/a', '/api/b?q=x%2Cy&ids=1%2C2', '/api/c']);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { status: 404, code: 'NOT_FOUND' } });
    expect(results[2]).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('one alone, a write, or one with its own headers is sent as it is', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ success: true, data: 7 }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await Promise.all([
      request('GET', '/api/h', z.number(), { headers: { 'X-A': '1' } }),
      request('POST', '/api/w', z.number()),
    ]);
    await request('GET', '/api/one', z.number());
    expect(fetchMock.mock.calls.map((_, i) => urlOf(fetchMock, i))).toEqual(['/api/h', '/api/w', '/api/one']);
  });

  it("the first reads of every page come from the batch index.html preloads, once; it is index.html's URL", async () => {
    // A fresh client: the earlier tests' writes ended its boot reads.
    vi.resetModules();
    const { request, BOOT_BATCH_URL } = await import('./api-client');
    const html = readFileSync(path.resolve(import.meta.dirname, '../../index.html'), 'utf8');
    expect(html).toContain(`<link rel="preload" href="${BOOT_BATCH_URL}" as="fetch" crossorigin="anonymous" />`);
    const fetchMock = vi.fn(async (url: string) =>
      url === BOOT_BATCH_URL
        ? new Response(
            JSON.stringify({
              success: true,
              data: [
                { status: 401, body: { success: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in' } } },
                { status: 200, body: { success: true, data: 'settings' } },
                { status: 401, body: { success: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in' } } },
                { status: 401, body: { success: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in' } } },
              ],
            }),
          )
        : new Response(JSON.stringify({ success: true, data: 'again' })),
    );
    vi.stubGlobal('fetch', fetchMock);
    const [me, settings] = await Promise.allSettled([
      request('GET', '/api/auth/me', z.string()),
      request('GET', '/api/settings/public', z.string()),
    ]);
    expect(me).toMatchObject({ status: 'rejected', reason: { status: 401, code: 'UNAUTHENTICATED' } });
    expect(settings).toEqual({ status: 'fulfilled', value: 'settings' });
    // Later reads ask the server; so does a first read after a write (signing in changes the answers).
    expect(await request('GET', '/api/settings/public', z.string())).toBe('again');
    await request('POST', '/api/auth/login', z.string(), { body: {} });
    expect(await request('GET', '/api/notifications/unread-count', z.string())).toBe('again');
    expect(fetchMock.mock.calls.map((_, i) => urlOf(fetchMock, i))).toEqual([
      BOOT_BATCH_URL,
      '/api/settings/public',
      '/api/auth/login',
      '/api/notifications/unread-count',
    ]);
  });

  it('an aborted read is dropped; a failed batch fails each read with its error', async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError('offline');
    });
    vi.stubGlobal('fetch', fetchMock);
    const aborted = new AbortController();
    const reads = [
      request('GET', '/api/a', z.number(), { signal: aborted.signal }),
      request('GET', '/api/b', z.number()),
      request('GET', '/api/c', z.number()),
    ];
    aborted.abort();
    const results = await Promise.allSettled(reads);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    expect(new URL(urlOf(fetchMock), 'http://x').searchParams.getAll('path')).toEqual(['/api/b', '/api/c']);
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { code: 'NETWORK_ERROR' } });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { code: 'NETWORK_ERROR' } });
  });
});
