import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the server must read back (TOTP secrets), kept so that a database dump alone does not
 * give them away: AES-256-GCM under a key derived from the configured key material, bound to
 * `context` (the owner's id), so a sealed value copied onto another row does not open. Without
 * key material they are stored as they are, marked so; they still open once a key is set.
 */
const SEALED = 'v1';
const PLAIN = 'plain';

function deriveKey(material: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, '', 'helpdesk two-factor secret', 32));
}

export function sealSecret(material: string | undefined, secret: string, context: string): string {
  if (!material) return `${PLAIN}.${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(material), iv);
  cipher.setAAD(Buffer.from(context));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), sealed].map((p) => p.toString('base64url'));
  return [SEALED, ...parts].join('.');
}

/** The secret sealSecret stored; throws when the key is missing or is not the one that sealed it. */
export function openSecret(material: string | undefined, stored: string, context: string): string {
  const [kind, ...parts] = stored.split('.');
  if (kind === PLAIN && parts.length === 1) return parts[0] as string;
  if (kind !== SEALED || parts.length !== 3) throw new Error('Unknown format of a stored secret');
  if (!material) throw new Error('A two-factor secret is sealed but TWO_FACTOR_ENCRYPTION_KEY is not set');
  const [iv, tag, sealed] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(material), iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('TWO_FACTOR_ENCRYPTION_KEY does not open a stored two-factor secret (was the key changed?)');
  }
}
