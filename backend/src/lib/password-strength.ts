import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { validationError } from './app-error.js';

/**
 * The zxcvbn score (0–4) a new password needs. 3 means "safely unguessable": beyond about 10^10
 * guesses, which an offline attack on argon2id hashes cannot reach.
 */
const MIN_PASSWORD_SCORE = 3;

let checker: Promise<ZxcvbnFactory> | undefined;

/** The dictionaries (common passwords, names, English words) load on first use, once per process. */
function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
        // Bounds the work per check (a 256-character l33t password took half a second); a strong
        // first 64 characters make a strong password anyway.
        maxLength: 64,
        l33tMaxSubstitutions: 10,
      }),
  );
  return checker;
}

/** The user's own words, which make a password guessable: name, e-mail address and their parts. */
function personalWords(user: { email: string; name: string }): string[] {
  const email = user.email.toLowerCase();
  const local = email.split('@')[0] ?? '';
  const name = user.name.toLowerCase();
  const joined = (words: string) => words.replace(/[^\p{L}\p{N}]+/gu, '');
  const parts = [email, local, joined(local), name, joined(name), ...`${email} ${name}`.split(/[^\p{L}\p{N}]+/u)];
  return [...new Set(parts.filter((p) => [...p].length >= 3))];
}

/**
 * Why a password is too easy to guess (zxcvbn's warning and suggestions), or undefined when it is
 * strong enough. Passwords made of the user's own name or e-mail address count as weak.
 */
async function passwordWeakness(password: string, user: { email: string; name: string }): Promise<string | undefined> {
  const result = (await loadChecker()).check(password, personalWords(user));
  if (result.score >= MIN_PASSWORD_SCORE) return undefined;
  const { warning, suggestions } = result.feedback;
  return [warning || 'This password is too easy to guess.', ...suggestions].join(' ');
}

/** Throws 400 VALIDATION_ERROR naming `field` when the password is too easy to guess. */
export async function assertStrongPassword(
  password: string,
  user: { email: string; name: string },
  field: string,
): Promise<void> {
  const weakness = await passwordWeakness(password, user);
  if (weakness) {
    throw validationError(`Choose a stronger password. ${weakness}`, [{ path: field, message: weakness }]);
  }
}
