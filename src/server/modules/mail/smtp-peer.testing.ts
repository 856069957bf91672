import { SMTPServer } from 'smtp-server';

// A real SMTP peer on loopback for tests: receives what nodemailer sends and decodes the text part.

export type ReceivedMail = { to: string[]; subject: string; text: string; raw: string };

function decodeQuotedPrintable(s: string) {
  const bytes = s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function decodeHeader(value: string) {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replaceAll('_', ' ')),
  );
}

/** The text body of a single-part or multipart message, transfer-decoded. */
function textOf(raw: string) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  let headers = head;
  if (boundary) {
    const part = body.split(`--${boundary}`).find((p) => /content-type:\s*text\/plain/i.test(p)) ?? '';
    const [partHead, ...partBody] = part.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    headers = partHead;
    body = partBody.join('\n\n');
  }
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/**
 * `refuse(to)` returning an SMTP answer (e.g. `{ code: 550, message: 'No such user' }`) refuses that recipient
 * with it; 4xx is a refusal for now, 5xx for good.
 */
export async function startSmtpPeer(
  port: number,
  opts: { refuse?: (to: string) => { code: number; message: string } | undefined } = {},
) {
  const received: ReceivedMail[] = [];
  const waiters: { match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = opts.refuse?.(address.address);
      if (!refusal) return callback();
      const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subjectLine = /^subject:\s*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1] ?? '';
        const mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(subjectLine.replace(/\r?\n[ \t]/g, ' ')),
          text: textOf(raw),
          raw,
        };
        received.push(mail);
        for (const w of waiters.filter((x) => x.match(mail))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(mail);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    /** Plain SMTP to the loopback peer; it offers STARTTLS with a self-signed certificate, which we decline. */
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    /** The next mail (already received, or to come) to this address matching `subject`; fails after 10 s. */
    waitFor(to: string, subject?: RegExp): Promise<ReceivedMail> {
      const match = (m: ReceivedMail) => m.to.includes(to) && (!subject || subject.test(m.subject));
      const index = received.findIndex(match);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within 10 s`)), 10_000);
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer);
            received.splice(received.indexOf(m), 1);
            resolve(m);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first Maillage link in a mail's text. */
export function tokenFromLink(text: string, path: string): string {
  const m = new RegExp(`${path.replaceAll('/', '\\/')}\\?token=([\\w%-]+)`).exec(text);
  if (!m) throw new Error(`no ${path} link in:\n${text}`);
  return decodeURIComponent(m[1]);
}
