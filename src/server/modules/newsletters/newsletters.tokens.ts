import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// The links of every newsletter mail: unsubscribe (from one list, or from all of a network's lists) and the
// preferences page. They work without an account and are never stored: the token carries the recipient, sealed.
//
// Tamper-evident: HMAC-SHA256 (first 16 bytes) over the kind and the payload, under a key derived (HKDF) from the
// server's secret. Opaque: the payload is encrypted with AES-256-CTR under a second derived key, the MAC serving as
// the IV (the SIV construction), so the address cannot be read from a URL in a log, and the same recipient always
// gets the same token (one link per person, stable from one issue to the next). A token of one kind never reads as
// the other kind; an altered byte gives null, never another person's data.

const VERSION = 1;
const KIND = { unsubscribe: 0x55, preferences: 0x50 } as const;
type Kind = keyof typeof KIND;
const MAC_BYTES = 16;

export type UnsubscribePayload = { networkId: string; listId: string | null; email: string };
export type PreferencesPayload = { networkId: string; email: string };

function keys(secret: string) {
  const derive = (label: string) =>
    Buffer.from(hkdfSync('sha256', secret, 'maillage newsletter links', label, 32));
  return { mac: derive('mac'), enc: derive('enc') };
}

const uuidBytes = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Addresses are compared lower-cased and trimmed everywhere in the module. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

function mac(key: Buffer, kind: Kind, plain: Buffer) {
  return createHmac('sha256', key)
    .update(Buffer.from([VERSION, KIND[kind]]))
    .update(plain)
    .digest()
    .subarray(0, MAC_BYTES);
}

function sealToken(secret: string, kind: Kind, plain: Buffer): string {
  const k = keys(secret);
  const tag = mac(k.mac, kind, plain);
  const cipher = createCipheriv('aes-256-ctr', k.enc, tag);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), tag, body]).toString('base64url');
}

function openToken(secret: string, kind: Kind, token: string): Buffer | null {
  if (typeof token !== 'string' || token.length > 1000 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  // One spelling per token: trailing characters that decode to nothing are refused too.
  if (raw.toString('base64url') !== token) return null;
  if (raw.length < 1 + MAC_BYTES + 17 || raw[0] !== VERSION) return null;
  const k = keys(secret);
  const tag = raw.subarray(1, 1 + MAC_BYTES);
  const decipher = createDecipheriv('aes-256-ctr', k.enc, tag);
  const plain = Buffer.concat([decipher.update(raw.subarray(1 + MAC_BYTES)), decipher.final()]);
  return timingSafeEqual(tag, mac(k.mac, kind, plain)) ? plain : null;
}

// Payload: network id (16 bytes), a flag byte (1: a list id of 16 bytes follows), then the address in UTF-8.
function encode(networkId: string, listId: string | null, email: string): Buffer {
  if (!UUID.test(networkId) || (listId !== null && !UUID.test(listId))) throw new Error('bad id in a token');
  const list = listId ? Buffer.concat([Buffer.from([1]), uuidBytes(listId)]) : Buffer.from([0]);
  return Buffer.concat([uuidBytes(networkId), list, Buffer.from(normaliseEmail(email), 'utf8')]);
}

function decode(plain: Buffer): UnsubscribePayload | null {
  const hasList = plain[16] === 1;
  const emailStart = hasList ? 33 : 17;
  if (plain[16] !== 0 && plain[16] !== 1) return null;
  const email = plain.subarray(emailStart).toString('utf8');
  if (!email.includes('@')) return null;
  return {
    networkId: uuidText(plain.subarray(0, 16)),
    listId: hasList ? uuidText(plain.subarray(17, 33)) : null,
    email,
  };
}

/** The token of an unsubscribe link: from one list (`listId`), or from every list of the network (null). */
export const unsubscribeToken = (secret: string, p: UnsubscribePayload) =>
  sealToken(secret, 'unsubscribe', encode(p.networkId, p.listId, p.email));

/** The recipient behind an unsubscribe token, or null when it is malformed, altered or of another kind. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribePayload | null {
  const plain = openToken(secret, 'unsubscribe', token);
  return plain ? decode(plain) : null;
}

/** The token of a preferences link: the address's subscriptions to the network's lists. */
export const preferencesToken = (secret: string, p: PreferencesPayload) =>
  sealToken(secret, 'preferences', encode(p.networkId, null, p.email));

/** The address and network behind a preferences token, or null. */
export function readPreferencesToken(secret: string, token: string): PreferencesPayload | null {
  const plain = openToken(secret, 'preferences', token);
  const p = plain ? decode(plain) : null;
  return p && p.listId === null ? { networkId: p.networkId, email: p.email } : null;
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/**
 * The two unsubscribe addresses of a mail: `page`, the visible link (asks one confirmation click), and
 * `oneClick`, the `List-Unsubscribe` https address that mail clients POST to (RFC 8058).
 */
export const unsubscribeUrls = (publicUrl: string, token: string) => ({
  page: `${base(publicUrl)}/lettres/desinscription/${token}`,
  oneClick: `${base(publicUrl)}/api/newsletter-unsubscribe/${token}`,
});

/** The preferences page of a recipient. */
export const preferencesUrl = (publicUrl: string, token: string) =>
  `${base(publicUrl)}/lettres/preferences/${token}`;
