import { describe, expect, it } from 'vitest';
import { api, expectError } from '../../../test/api.js';
import { useTestApp } from '../../../test/build-test-app.js';
import { factories } from '../../../test/factories.js';
import { elapseRateLimits } from '../../../test/rate-limits.js';
import { loginRules } from './login-throttle.js';

const { freeAttempts, baseDelaySeconds, maxDelaySeconds } = loginRules.perAccountAndAddress;

describe('sign-in throttling', () => {
  const t = useTestApp();
  const f = () => factories(t.database);

  const login = (email: string, password: string, remoteAddress: string) =>
    api(t).post('/api/auth/login', { email, password }, { remoteAddress });

  /** `n` wrong passwords from one address, one after the other; returns their status codes. */
  async function fail(email: string, remoteAddress: string, n: number): Promise<number[]> {
    const codes: number[] = [];
    for (let i = 0; i < n; i++) codes.push((await login(email, `wrong-password-${i}-xx`, remoteAddress)).statusCode);
    return codes;
  }

  function expectRefused(res: Awaited<ReturnType<typeof login>>, waitAtMost: number) {
    expectError(res, 429, 'RATE_LIMITED');
    expect(res.headers['set-cookie']).toBeUndefined();
    const wait = Number(res.headers['retry-after']);
    // The wait counts from the previous attempt, a moment ago.
    expect(wait).toBeGreaterThan(waitAtMost - 10);
    expect(wait).toBeLessThanOrEqual(waitAtMost);
    return wait;
  }

  it("slows the attacker's address; the owner signs in from another address, whatever came before", async () => {
    const u = await f().user();
    // Twelve failures from three addresses: the old rule locked the account for everyone after ten.
    for (const ip of ['10.20.0.1', '10.20.0.2', '10.20.0.3'])
      expect(await fail(u.email, ip, 4)).toEqual([401, 401, 401, 401]);
    expect(await fail(u.email, '10.20.0.1', 1)).toEqual([401]);
    // The attacker's address has used its free attempts: even the right password waits.
    expectRefused(await login(u.email, u.password, '10.20.0.1'), baseDelaySeconds);
    // The owner, from an address that has not failed, gets in at once.
    const owner = await login(u.email, u.password, '10.20.9.9');
    expect(owner.statusCode).toBe(200);
    expect(String(owner.headers['set-cookie'])).toMatch(/^helpdesk_session=/);
    // A wrong password from another address is just wrong, not throttled.
    expect((await login(u.email, 'not-it-at-all-xx', '10.20.9.8')).statusCode).toBe(401);
  });

  it('makes each further attempt wait twice as long, up to the cap; the right password resets it', async () => {
    const u = await f().user();
    const ip = '10.21.0.1';
    expect(await fail(u.email, ip, freeAttempts)).toEqual(Array(freeAttempts).fill(401));
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const expected = Math.min(maxDelaySeconds, baseDelaySeconds * 2 ** i);
      const wait = expectRefused(await login(u.email, 'wrong-password-again', ip), expected);
      waits.push(expected);
      // A refused attempt was not counted: asking again at once gets the same wait.
      expectRefused(await login(u.email, 'wrong-password-again', ip), expected);
      await elapseRateLimits(t.database, wait);
      expect(await fail(u.email, ip, 1)).toEqual([401]);
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    // After waiting, the right password gets in and this address starts afresh.
    await elapseRateLimits(t.database, maxDelaySeconds);
    expect((await login(u.email, u.password, ip)).statusCode).toBe(200);
    expect(await fail(u.email, ip, freeAttempts)).toEqual(Array(freeAttempts).fill(401));
  });

  it('forgets failures a day after the last one', async () => {
    const u = await f().user();
    const ip = '10.22.0.1';
    await fail(u.email, ip, freeAttempts);
    expectRefused(await login(u.email, u.password, ip), baseDelaySeconds);
    await elapseRateLimits(t.database, loginRules.perAccountAndAddress.memorySeconds);
    expect(await fail(u.email, ip, freeAttempts)).toEqual(Array(freeAttempts).fill(401));
  });

  it('counts an IPv6 /64 as one address', async () => {
    const u = await f().user();
    const codes: number[] = [];
    for (let i = 1; i <= freeAttempts + 1; i++) {
      codes.push((await login(u.email, 'wrong-password-xx', `2001:db8:7:7::${i}`)).statusCode);
    }
    expect(codes).toEqual([...Array(freeAttempts).fill(401), 429]);
    expect((await login(u.email, u.password, '2001:db8:7:8::1')).statusCode).toBe(200);
  });

  it('limits attempts per address across accounts; other addresses are not affected', async () => {
    const ip = '10.23.0.1';
    const { limit } = loginRules.perAddress;
    const results = await Promise.all(
      Array.from({ length: limit + 5 }, (_, i) => login(`ghost-${i}@example.test`, 'wrong-password-xx', ip)),
    );
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(limit);
    const refused = results.filter((r) => r.statusCode === 429);
    expect(refused).toHaveLength(5);
    for (const r of refused) expectRefused(r, loginRules.perAddress.windowSeconds);
    const u = await f().user();
    expect((await login(u.email, u.password, ip)).statusCode).toBe(429);
    expect((await login(u.email, u.password, '10.23.0.2')).statusCode).toBe(200);
  });

  it('lets concurrent attempts from one address through only as often as the rule allows', async () => {
    const u = await f().user();
    const results = await Promise.all(
      Array.from({ length: freeAttempts + 10 }, (_, i) => login(u.email, `wrong-password-${i}-xx`, '10.24.0.1')),
    );
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(freeAttempts);
    expect(results.filter((r) => r.statusCode === 429)).toHaveLength(10);
  });

  it('under a spread-out attack gives every address one free attempt; a fresh address still gets in', async () => {
    const u = await f().user();
    const { limit } = loginRules.accountCeiling;
    // The ceiling's worth of failures, from addresses that each stay under their own free attempts.
    const perAddress = freeAttempts - 1;
    const codes = await Promise.all(
      Array.from({ length: Math.ceil(limit / perAddress) }, (_, i) =>
        fail(u.email, `10.25.${i >> 8}.${i & 255}`, perAddress),
      ),
    );
    expect(codes.flat().every((c) => c === 401)).toBe(true);
    // Another address now waits after its first failure …
    expect(await fail(u.email, '10.26.0.1', 1)).toEqual([401]);
    expectRefused(await login(u.email, u.password, '10.26.0.1'), baseDelaySeconds);
    // … and the owner from a fresh address still gets in with the right password.
    expect((await login(u.email, u.password, '10.26.0.2')).statusCode).toBe(200);
  });
});
