import { Secret, TOTP } from 'otpauth';
import { api } from './api.js';
import type { TestApp } from './build-test-app.js';
import type { TestUser } from './factories.js';

/** The code an authenticator app shows for `secret`, `stepsAhead` time steps (30 s) from now. */
export function totpCode(secret: string, stepsAhead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** Turns two-factor sign-in on for the user through the API; the code used is the current step's. */
export async function enrolTwoFactor(
  t: TestApp,
  user: TestUser,
  opts: { signOutOtherSessions?: boolean } = {},
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await api(t, user).post('/api/auth/two-factor/setup');
  if (setup.statusCode !== 201) throw new Error(`setup answered ${setup.statusCode}: ${setup.body}`);
  const { secret } = setup.json().data as { secret: string };
  const confirm = await api(t, user).post('/api/auth/two-factor/confirm', { code: totpCode(secret), ...opts });
  if (confirm.statusCode !== 200) throw new Error(`confirm answered ${confirm.statusCode}: ${confirm.body}`);
  return { secret, recoveryCodes: confirm.json().data.recoveryCodes };
}
