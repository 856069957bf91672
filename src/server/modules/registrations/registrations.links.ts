import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../lib/fields.ts';
import { registrations } from './registrations.tables.ts';
import { hashToken } from './registrations.tokens.ts';

// Personal links in mails written later than the registration (organisers' messages, the reminder): only the hash
// of the person's manage token is stored, so the token itself cannot be mailed again. These mails carry a signed
// stand-in instead, `<registration id>.<HMAC of the id and the stored hash>`, which opens the same ticket and cancel
// pages. It is bound to the current hash: when the manage token is replaced (promotion from the waiting list), the
// stand-ins mailed before stop working too, like the old token.

const idToBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const bytesToId = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (secret: string, id: string, manageTokenHash: string) =>
  createHmac('sha256', `manage-link:${secret}`).update(`${id}:${manageTokenHash}`).digest().subarray(0, 18);

/** The signed stand-in for a registration's manage token (see above). */
export function signedManageToken(secret: string, row: { id: string; manageTokenHash: string }): string {
  return `${idToBytes(row.id).toString('base64url')}.${mac(secret, row.id, row.manageTokenHash).toString('base64url')}`;
}

/**
 * The registration a manage token opens: the token mailed at registration (by its hash) or a signed stand-in.
 * Undefined when neither matches.
 */
export async function findByManageToken(db: Db, secret: string, token: string) {
  const parts = token.split('.');
  if (parts.length !== 2) {
    const [row] = await db
      .select()
      .from(registrations)
      .where(eq(registrations.manageTokenHash, hashToken(token)))
      .limit(1);
    return row;
  }
  const idBytes = Buffer.from(parts[0], 'base64url');
  const signature = Buffer.from(parts[1], 'base64url');
  if (idBytes.length !== 16 || signature.length !== 18) return undefined;
  const id = bytesToId(idBytes);
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(registrations).where(eq(registrations.id, id)).limit(1);
  if (!row || !timingSafeEqual(signature, mac(secret, row.id, row.manageTokenHash))) return undefined;
  return row;
}
