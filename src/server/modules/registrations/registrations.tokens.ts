import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import { bilevelPng } from '../../lib/png-bilevel.ts';

// Two kinds of token per registration:
// - the personal "manage" token, mailed to the person: opens the ticket page and cancels without an account.
//   Random, only its hash is stored.
// - the check-in token printed in the QR code: the registration id signed with the server secret. It carries no
//   personal data, and a forged or altered one is refused without touching the database.

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newManageToken = () => randomBytes(24).toString('base64url');

const CHECKIN_PREFIX = 'MLG1';

function checkinSignature(secret: string, idBytes: Buffer): Buffer {
  return createHmac('sha256', `checkin:${secret}`).update(idBytes).digest().subarray(0, 12);
}

/** `MLG1.<registration id, base64url>.<HMAC, base64url>`: short enough for a small, easily scanned QR code. */
export function signCheckinToken(secret: string, registrationId: string): string {
  const idBytes = Buffer.from(registrationId.replaceAll('-', ''), 'hex');
  return `${CHECKIN_PREFIX}.${idBytes.toString('base64url')}.${checkinSignature(secret, idBytes).toString('base64url')}`;
}

/** The registration id behind a check-in token, or null when the token is malformed or its signature is wrong. */
export function verifyCheckinToken(secret: string, token: string): string | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || parts[0] !== CHECKIN_PREFIX) return null;
  const idBytes = Buffer.from(parts[1], 'base64url');
  const signature = Buffer.from(parts[2], 'base64url');
  if (idBytes.length !== 16 || signature.length !== 12) return null;
  if (!timingSafeEqual(signature, checkinSignature(secret, idBytes))) return null;
  const hex = idBytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The QR code of a check-in token as a standalone SVG document (medium error correction, quiet zone kept). */
export function qrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** The QR code as PNG bytes (one bit per pixel), for mail clients that do not show SVG. */
export async function qrPng(token: string): Promise<Buffer> {
  const { modules } = QRCode.create(token, { errorCorrectionLevel: 'M' });
  return bilevelPng(modules.size, (r, c) => Boolean(modules.get(r, c)), { scale: 8, margin: 4 });
}
