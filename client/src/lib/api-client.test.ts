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
