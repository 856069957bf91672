import { randomBytes } from 'node:crypto';
import { encodeWords, quoteString } from 'nodemailer/lib/mime-funcs';

// The MIME message of a newsletter, built by hand from a per-issue template: composing each mail with nodemailer's
// composer costs several milliseconds (it streams and quoted-printable-encodes the ~13 KB of HTML), which alone
// would cap a core at ~150 mails/s. Here the headers shared by every recipient are encoded once; per recipient,
// only the To, Message-ID, Date and List-Unsubscribe lines are written and the two parts (text, HTML) encoded in
// base64 by the runtime. nodemailer still sends it (and signs it with DKIM: it signs raw messages too).

export type MimeTemplate = { shared: string; boundary: string };

const CRLF = '\r\n';
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** A display name as a header phrase: RFC 2047 words when not ASCII, quoted when it holds specials. */
export function phrase(name: string) {
  if (/[^\x20-\x7e]/.test(name)) return encodeWords(name, 'Q', 52, true);
  return SPECIALS.test(name) ? quoteString(name) : name;
}

export const mailbox = (name: string | null | undefined, address: string) =>
  name ? `${phrase(name)} <${address}>` : address;

/** The header lines every recipient of the issue shares. */
export function mimeTemplate(p: {
  from: { name: string; address: string };
  replyTo?: string;
  subject: string;
  listId: string;
}): MimeTemplate {
  const boundary = `----=_maillage_${randomBytes(12).toString('hex')}`;
  const [label, id] = [p.listId.replace(/\s*<[^>]*>$/, ''), /<[^>]*>$/.exec(p.listId)?.[0] ?? ''];
  const lines = [
    `From: ${mailbox(p.from.name, p.from.address)}`,
    ...(p.replyTo ? [`Reply-To: ${p.replyTo}`] : []),
    `Subject: ${encodeWords(p.subject, 'Q', 52)}`,
    'MIME-Version: 1.0',
    'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    `List-Id: ${phrase(label)} ${id}`,
    'Precedence: bulk',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return { shared: lines.join(CRLF), boundary };
}

const base64Lines = (s: string) => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, `$&${CRLF}`);

/** RFC 5322 date: "Fri, 04 Dec 2026 01:30:00 +0000". */
const rfcDate = (d: Date) => d.toUTCString().replace(/GMT$/, '+0000');

/** One recipient's message. */
export function rawMessage(
  t: MimeTemplate,
  r: { to: string; messageId: string; listUnsubscribe: string; text: string; html: string; date: Date },
): string {
  const part = (type: string, body: string) =>
    [
      `--${t.boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  return [
    `To: ${r.to}`,
    `Date: ${rfcDate(r.date)}`,
    `Message-ID: ${r.messageId}`,
    `List-Unsubscribe: ${r.listUnsubscribe}`,
    t.shared,
    '',
    part('text/plain', r.text),
    part('text/html', r.html),
    `--${t.boundary}--`,
    '',
  ].join(CRLF);
}
