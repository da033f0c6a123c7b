import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, errorMessage, fieldErrors, request, toApiError } from './api-client';

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
  it('reads the error shape, details included', () => {
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
    expect(fieldErrors(err)).toEqual({ subject: 'Too long' });
  });

  it('keeps extras such as the current ticket of a 409', () => {
    const err = toApiError(409, {
      success: false,
      error: { code: 'VERSION_CONFLICT', message: 'Stale', current: { version: 3 } },
    });
    expect(err.body.current).toEqual({ version: 3 });
  });

  it('copes with bodies that are not the error shape', () => {
    const err = toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway');
    expect(err.code).toBe('HTTP_502');
    expect(err.message).toBe('Bad Gateway');
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(errorMessage(err)).toBe('Bad Gateway');
  });
});

describe('request', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('unwraps { success, data, meta } and sends JSON', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ success: true, data: [1], meta: { nextCursor: 'c2' } }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const res = await request<number[]>('POST', '/api/x', { body: { a: 1 } });
    expect(res).toEqual({ data: [1], meta: { nextCursor: 'c2' } });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
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
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
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
    const error = await request('POST', '/api/auth/login', { body: {} }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 120 });
    expect(errorMessage(error)).toBe('Too many attempts. Try again in 2 minutes.');
    // Without the header the server's message stands.
    expect(errorMessage(toApiError(429, { error: { code: 'RATE_LIMITED', message: 'Too many' } }))).toBe('Too many');
  });

  it('turns a network failure into NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    await expect(request('GET', '/api/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});
