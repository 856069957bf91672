import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { mainContacts, memberNames } from './networking.contacts.ts';
import { type Introduction, sideMails, sideView } from './networking.introductions.ts';
import { tokenHash } from './networking.links.ts';
import { introductions } from './networking.tables.ts';

// After an accepted introduction: a follow-up mail some weeks later asks both sides what came of it (nothing, in
// talks, business done with an optional amount that only the coordinators see), and the coordinators count
// introductions and business done in the year.

/** Days after both accepted before the follow-up mail. */
export const FOLLOWUP_DAYS = 21;
const BATCH = 100;
type JobDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'log'>;

/**
 * Writes the follow-up mail of every introduction accepted FOLLOWUP_DAYS ago or more that has had none. Each is
 * claimed once, whatever the number of processes: UPDATE … WHERE followup_sent_at IS NULL … RETURNING in the
 * transaction that writes its mails (a concurrent run waits on the row lock, then finds it claimed). Demo
 * introductions (fictitious people) are left out. Returns how many were claimed.
 */
export async function sendIntroductionFollowups(deps: JobDeps): Promise<number> {
  const now = deps.clock();
  const before = new Date(now.getTime() - FOLLOWUP_DAYS * 86_400_000);
  let total = 0;
  for (;;) {
    const candidates = await deps.db
      .select({ id: introductions.id })
      .from(introductions)
      .where(
        and(
          eq(introductions.status, 'accepted'),
          isNull(introductions.followupSentAt),
          eq(introductions.isDemo, false),
          lte(introductions.decidedAt, before),
        ),
      )
      .limit(BATCH);
    if (candidates.length === 0) break;
    const { claimed, mailIds } = await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const claimed = await tx
        .update(introductions)
        .set({ followupSentAt: now })
        .where(
          and(
            inArray(
              introductions.id,
              candidates.map((c) => c.id),
            ),
            isNull(introductions.followupSentAt),
          ),
        )
        .returning();
      const mails: MailMessage[] = [];
      for (const row of claimed) mails.push(...(await followupMails(tx, deps, row)));
      return { claimed, mailIds: await writeToOutbox(tx, mails, deps.config) };
    });
    total += claimed.length;
    deliverFromOutbox(deps, mailIds).catch((err) => deps.log.error({ err }, 'follow-up mails not sent'));
    if (candidates.length < BATCH || claimed.length === 0) break;
  }
  return total;
}

async function followupMails(tx: Db, deps: Pick<Deps, 'config'>, row: Introduction): Promise<MailMessage[]> {
  const names = await memberNames(tx, [row.memberAId, row.memberBId]);
  const contacts = await mainContacts(tx, [row.memberAId, row.memberBId]);
  const mail = (peer: string) => (link: string) => ({
    subject: `Votre mise en relation avec ${names.get(peer)} : qu’en est-il ressorti ?`,
    text: [
      'Bonjour,',
      '',
      `Il y a quelques semaines, vous avez accepté une mise en relation avec ${names.get(peer)}.`,
      'Qu’en est-il ressorti : rien pour l’instant, des échanges en cours, une affaire conclue ?',
      `Dites-le en un clic : ${link}`,
      '',
      'Le montant éventuel n’est vu que par les coordinateurs du réseau.',
      '',
      '— Maillage',
    ].join('\n'),
    kind: 'networking.introduction-followup',
  });
  return [
    ...sideMails(deps, row, 'a', contacts.get(row.memberAId) ?? [], mail(row.memberBId)),
    ...sideMails(deps, row, 'b', contacts.get(row.memberBId) ?? [], mail(row.memberAId)),
  ];
}

/** The periodic follow-up run of a server process (started in main.ts, like the mail worker). */
export function startIntroductionFollowups(deps: JobDeps, opts: { intervalMs: number }) {
  return startPeriodic(() => sendIntroductionFollowups(deps), {
    ...opts,
    log: deps.log,
    what: 'introduction follow-up',
  });
}

/** What came of an accepted introduction, told through a side's personal link. */
export async function recordOutcome(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
  input: { outcome: 'nothing' | 'talks' | 'business'; amountCents?: number | null },
) {
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? tokenHash(token) : '';
  const [row] = hash
    ? await deps.db
        .select()
        .from(introductions)
        .where(sql`${introductions.tokenHashA} = ${hash} or ${introductions.tokenHashB} = ${hash}`)
    : [];
  if (!row) throw notFound('Lien de mise en relation inconnu');
  if (row.status !== 'accepted')
    throw conflict('Cette mise en relation n’a pas été acceptée par les deux adhérents.');
  const side = row.tokenHashA === hash ? 'a' : 'b';
  const names = await memberNames(deps.db, [row.memberAId, row.memberBId]);
  const updated = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [updated] = await tx
      .update(introductions)
      .set({
        outcome: input.outcome,
        outcomeAmountCents: input.outcome === 'business' ? (input.amountCents ?? null) : null,
        outcomeAt: deps.clock(),
        updatedAt: deps.clock(),
      })
      .where(eq(introductions.id, row.id))
      .returning();
    await recordAudit(tx, null, {
      action: 'networking.introduction-outcome',
      entityType: 'introduction',
      entityId: row.id,
      networkIds: [row.networkId],
      before: { outcome: row.outcome },
      after: { name: [...names.values()].join(' – '), outcome: input.outcome },
    });
    return updated;
  });
  return sideView(deps.db, updated, side);
}

/** The coordinators' view: the year's introductions, their answers and the business done (with amounts). */
export async function networkIntroductions(db: Db, actor: Actor | null, networkId: string, year: number) {
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const inYear = sql`extract(year from ${introductions.createdAt} at time zone 'Europe/Paris') = ${year}`;
  const rows = await db
    .select()
    .from(introductions)
    .where(and(eq(introductions.networkId, networkId), inYear))
    .orderBy(desc(introductions.createdAt))
    .limit(1000);
  const names = await memberNames(db, [...new Set(rows.flatMap((r) => [r.memberAId, r.memberBId]))]);
  const count = (f: (r: Introduction) => boolean) => rows.filter(f).length;
  return {
    year,
    counts: {
      requested: rows.length,
      pending: count((r) => r.status === 'pending'),
      accepted: count((r) => r.status === 'accepted'),
      declined: count((r) => r.status === 'declined'),
      talks: count((r) => r.outcome === 'talks'),
      business: count((r) => r.outcome === 'business'),
      businessAmountCents: rows.reduce(
        (s, r) => s + (r.outcome === 'business' ? (r.outcomeAmountCents ?? 0) : 0),
        0,
      ),
    },
    items: rows.map((r) => ({
      id: r.id,
      organizationA: names.get(r.memberAId) ?? '',
      organizationB: names.get(r.memberBId) ?? '',
      status: r.status,
      answerA: r.answerA,
      answerB: r.answerB,
      outcome: r.outcome,
      outcomeAmountCents: r.outcomeAmountCents,
      createdAt: r.createdAt,
      isDemo: r.isDemo,
    })),
  };
}
