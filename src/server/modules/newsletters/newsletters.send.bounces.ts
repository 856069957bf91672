import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { invalidInput } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { newsletterBounces, newsletterIssueRecipients as rcpt } from './newsletters.issues.tables.ts';
import { normaliseEmail } from './newsletters.tokens.ts';
import { suppress } from './newsletters.unsubscribe.ts';

// Delivery status notifications (RFC 3464: multipart/report with a message/delivery-status part), posted by the
// mail system to POST /api/newsletter-bounces. Matched to the recipient by the VERP envelope sender the bounce was
// addressed to (bounces+<recipient id>@…) or by the Message-ID of the returned message. Status 5.x.x is a hard
// bounce: the address is suppressed platform-wide at once; 4.x.x is soft: suppressed after N soft bounces. A
// bounce that matches no mail is kept (unmatched) and ignored. Reading a bounce mailbox over IMAP is not built.

export type ParsedBounce = {
  status: string;
  kind: 'hard' | 'soft';
  finalRecipient: string | null;
  diagnostic: string | null;
  verpId: string | null;
  messageId: string | null;
};

const NOT_A_DSN =
  'Ce message n’est pas un avis de non-remise (RFC 3464) : aucun champ « Status » de remise n’y figure.';

/** Unfolded header-style fields of a block of text (a DSN's per-recipient block, headers of a message). */
const field = (block: string, name: string) =>
  new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im')
    .exec(block)?.[1]
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .trim() ?? null;

/** The bounce's status, kind, recipient and the keys to match it to a mail; a 400 if it holds no DSN status. */
export function parseBounce(raw: string): ParsedBounce {
  // The delivery-status part: after its content type, up to the next boundary.
  const dsnStart = raw.search(/content-type:\s*message\/delivery-status/i);
  const dsn = dsnStart >= 0 ? raw.slice(dsnStart).split(/\r?\n--/)[0] : raw;
  const status = /^Status:\s*([245])\.(\d{1,3})\.(\d{1,3})/im.exec(dsn);
  if (!status) throw invalidInput(NOT_A_DSN, { body: NOT_A_DSN });
  const code = `${status[1]}.${status[2]}.${status[3]}`;
  const finalRecipient = field(dsn, 'Final-Recipient')?.replace(/^rfc822;\s*/i, '') ?? null;
  const head = raw.split(/\r?\n\r?\n/)[0];
  const verp =
    /\+([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i.exec(
      [
        field(head, 'To'),
        field(head, 'Delivered-To'),
        field(head, 'X-Original-To'),
        field(head, 'Return-Path'),
      ].join(' '),
    )?.[1] ?? null;
  // The returned message (message/rfc822 or text/rfc822-headers part) carries the original Message-ID.
  const returnedAt = raw.search(/content-type:\s*(message\/rfc822|text\/rfc822-headers)/i);
  const messageId =
    returnedAt >= 0 ? (/^Message-ID:\s*(<[^>\s]+>)/im.exec(raw.slice(returnedAt))?.[1] ?? null) : null;
  return {
    status: code,
    kind: status[1] === '5' ? 'hard' : 'soft',
    finalRecipient: finalRecipient ? normaliseEmail(finalRecipient) : null,
    diagnostic: field(dsn, 'Diagnostic-Code')?.slice(0, 500) ?? null,
    verpId: verp && isUuid(verp) ? verp.toLowerCase() : null,
    messageId,
  };
}

/** Records a bounce; returns whether it matched a mail sent, and whether the address is now suppressed. */
export async function recordBounce(deps: Pick<Deps, 'db' | 'config' | 'log'>, raw: string) {
  const b = parseBounce(raw);
  const [recipient] = b.verpId
    ? await deps.db.select().from(rcpt).where(eq(rcpt.id, b.verpId))
    : b.messageId
      ? await deps.db.select().from(rcpt).where(eq(rcpt.messageId, b.messageId))
      : [];
  const email = recipient?.email ?? b.finalRecipient;
  await deps.db.insert(newsletterBounces).values({
    recipientId: recipient?.id ?? null,
    email,
    kind: b.kind,
    status: b.status,
    diagnostic: b.diagnostic,
  });
  if (!recipient) {
    deps.log.info(
      { status: b.status, messageId: b.messageId },
      'newsletter bounce matching no mail: ignored',
    );
    return { matched: false, kind: b.kind, suppressed: false };
  }
  await deps.db
    .update(rcpt)
    .set({
      bounce: b.kind === 'hard' || recipient.bounce === 'hard' ? 'hard' : 'soft',
      bouncedAt: new Date(),
    })
    .where(eq(rcpt.id, recipient.id));
  let suppressed = false;
  if (b.kind === 'hard') {
    await suppress(deps.db, {
      networkId: null,
      email: recipient.email,
      reason: 'hard_bounce',
      detail: b.status,
    });
    suppressed = true;
  } else {
    const limit = deps.config.newsletters?.softBounceLimit ?? 3;
    const [row] = await deps.db
      .select({ n: sql<number>`count(*)::int` })
      .from(newsletterBounces)
      .where(sql`${newsletterBounces.email} = ${recipient.email} and ${newsletterBounces.kind} = 'soft'
        and ${newsletterBounces.recipientId} is not null`);
    if (Number(row.n) >= limit) {
      await suppress(deps.db, {
        networkId: null,
        email: recipient.email,
        reason: 'hard_bounce',
        detail: `${row.n} soft bounces (${b.status})`,
      });
      suppressed = true;
    }
  }
  return { matched: true, kind: b.kind, suppressed };
}
