import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Secrets we must give back to a third party (an API client secret) are kept sealed: AES-256-GCM under a key
// derived (HKDF-SHA256) from the server's secret setting and a fixed label per purpose, a random 12-byte IV per
// value, bound to the row it belongs to (additional data). Stored as text: `v1.<iv>.<tag>.<ciphertext>`, base64url.
// Changing the server's secret makes every sealed value unreadable: `unseal` then throws `UnsealError`.

const VERSION = 'v1';
const IV_BYTES = 12;
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)$/;

export class UnsealError extends Error {
  constructor() {
    super(
      'sealed value cannot be opened with this key (the server secret changed, or the value was altered)',
    );
    this.name = 'UnsealError';
  }
}

/** A 32-byte key for one purpose (`label`, fixed in code), derived from the server's secret setting. */
export function sealingKey(serverSecret: string, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'maillage sealed values', label, 32));
}

/** Whether a stored value is sealed (else it is a clear value written before sealing existed). */
export const isSealed = (stored: string) => SEALED.test(stored);

/** Seals `plain` for the row named by `context` (the same context is needed to open it). */
export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

/** Opens a sealed value; `UnsealError` on a wrong key, another row's value or an altered one. */
export function unseal(key: Buffer, stored: string, context: string): string {
  const m = SEALED.exec(stored);
  if (!m) throw new UnsealError();
  const [iv, tag, body] = m.slice(1).map((s) => Buffer.from(s, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new UnsealError();
  }
}
