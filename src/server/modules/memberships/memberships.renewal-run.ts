import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { insertMany } from '../../db/insert-many.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import type { Member } from './memberships.access.ts';
import { creditNoteOf, openPeriods, type Period, paidOnPeriod, paidOnPeriods } from './memberships.dues.ts';
import { getSettings, type Plan, planTerms } from './memberships.plans.ts';
import { addDays, euros, nextPeriod, parisToday } from './memberships.rules.ts';
import { refreshMemberStatuses } from './memberships.status.ts';
import {
  memberContacts,
  members,
  membershipDocuments,
  membershipPeriods,
  membershipPlans,
  membershipReminders,
} from './memberships.tables.ts';

// The renewal run of one network (memberships.renewals.ts calls it: on demand, and on a schedule for every network),
// by slices of members: (1) issues the next period's call for dues to members whose period ends within the plan's
// first reminder day; (2) sends each due reminder once — the (period, day) key is claimed in the database, so a
// repeated run or two processes at once send it once; (3) past the grace, the member lapses and its unpaid renewal
// call is cancelled by a credit note, so that paying later is a re-join with the gap visible. The reminder carries
// the member's personal renewal link, signed here.

/** The personal renewal link's token: the period id signed with the server secret (no account needed). */
export function renewalToken(secret: string, periodId: string): string {
  const sig = createHmac('sha256', `renewal:${secret}`).update(periodId).digest('base64url').slice(0, 22);
  return `${periodId}.${sig}`;
}

export function verifyRenewalToken(secret: string, token: string): string | null {
  const [periodId, sig] = token.split('.');
  if (!periodId || !sig || !/^[0-9a-f-]{36}$/.test(periodId)) return null;
  const expected = renewalToken(secret, periodId).split('.')[1];
  const a = Buffer.from(sig);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) ? periodId : null;
}

export type RunDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** Members handled per transaction: a large network is renewed in slices, each of a constant number of statements. */
const SLICE = 500;

type Renewing = {
  member: Member;
  current: Period;
  plan: Plan;
  renewal: Period | undefined;
  days: number[];
};

/**
 * `actor`: the coordinator who asked for the run, or null for the schedule (the audit log says "the platform").
 * A network's members are read, called and reminded by slices: each step is a few set-based statements for the
 * whole slice, not a round trip per member.
 */
export async function runNetworkRenewals(deps: RunDeps, networkId: string, actor: Actor | null) {
  const network = await requireNetwork(deps.db, networkId);
  const now = deps.clock();
  const today = parisToday(now);
  const out = { callsIssued: 0, remindersSent: 0, lapsed: 0 };
  const { settings } = await getSettings(deps.db, networkId);
  const plans = new Map(
    (await deps.db.select().from(membershipPlans).where(eq(membershipPlans.networkId, networkId))).map(
      (p) => [p.id, p],
    ),
  );
  const candidates = await deps.db
    .select()
    .from(members)
    .where(and(eq(members.networkId, networkId), inArray(members.status, ['active', 'grace'])))
    .orderBy(asc(members.id));
  const mailIds: string[] = [];
  for (let i = 0; i < candidates.length; i += SLICE) {
    const slice = await renewingOf(deps.db, candidates.slice(i, i + SLICE), plans);
    out.callsIssued += await issueRenewalCalls(deps, actor, slice, today, now);
    const reminding: { r: Renewing; due: number[] }[] = [];
    for (const r of slice) {
      const { renewal, current, plan } = r;
      if (renewal?.state !== 'called') continue;
      const lapseOn = addDays(current.endsOn, plan.graceDays + 1);
      if (today >= lapseOn) {
        // Past the grace: the unpaid renewal call is cancelled; paying later re-joins with the gap visible.
        const [call] = await deps.db
          .select({ number: membershipDocuments.number })
          .from(membershipDocuments)
          .where(and(eq(membershipDocuments.periodId, renewal.id), eq(membershipDocuments.kind, 'call')));
        if (call && (await paidOnPeriod(deps.db, renewal.id)) === 0) {
          await creditNoteOf(
            deps,
            actor,
            networkId,
            r.member.id,
            call.number,
            'Adhésion échue sans paiement du renouvellement',
          );
          out.lapsed++;
        }
        continue;
      }
      const due = r.days.filter((d) => addDays(current.endsOn, d) <= today);
      if (due.length > 0) reminding.push({ r, due });
    }
    const sent = await sendReminders(deps, network.name, settings.iban, reminding);
    out.remindersSent += sent.length;
    mailIds.push(...sent);
  }
  // Statuses move with the calendar (active → grace → lapsed): recompute them.
  const all = await deps.db.select({ id: members.id }).from(members).where(eq(members.networkId, networkId));
  for (let i = 0; i < all.length; i += SLICE) {
    const ids = all.slice(i, i + SLICE).map((m) => m.id);
    await deps.db.transaction((trx) =>
      refreshMemberStatuses(trx as unknown as Db, ids, today, 'renewal-run'),
    );
  }
  await deliverFromOutbox(deps, mailIds);
  return out;
}

/**
 * The period each member renews (its last paid one, on that period's plan) and its renewal (the live period after
 * it), if any. Only those periods are read: the last paid one and the live ones starting from it.
 */
async function renewingOf(db: Db, list: Member[], plans: Map<string, Plan>): Promise<Renewing[]> {
  if (list.length === 0) return [];
  const ids = list.map((m) => m.id);
  // Each member's last paid start through its (member, start) index, then the live periods from the earliest of
  // them: a few rows per member, not its whole history.
  const { rows: last } = (await db.execute(sql`
    select m.id, (select max(q.starts_on) from membership_periods q where q.member_id = m.id and q.state = 'paid')::text as since
    from unnest(array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]) m(id)`)) as unknown as { rows: { id: string; since: string | null }[] };
  const since = new Map(last.flatMap((r) => (r.since ? [[r.id, r.since]] : [])));
  const earliest = [...since.values()].sort()[0];
  if (!earliest) return [];
  const rows = (
    await db
      .select()
      .from(membershipPeriods)
      .where(
        and(
          inArray(membershipPeriods.memberId, [...since.keys()]),
          ne(membershipPeriods.state, 'cancelled'),
          sql`${membershipPeriods.startsOn} >= ${earliest}`,
        ),
      )
      .orderBy(asc(membershipPeriods.memberId), asc(membershipPeriods.startsOn))
  ).filter((p) => p.startsOn >= (since.get(p.memberId) ?? ''));
  const periodsOf = new Map<string, Period[]>();
  for (const p of rows) periodsOf.set(p.memberId, [...(periodsOf.get(p.memberId) ?? []), p]);
  return list.flatMap((member) => {
    const periods = periodsOf.get(member.id) ?? [];
    const current = periods.filter((p) => p.state === 'paid').at(-1);
    const plan = current && plans.get(current.planId);
    if (!current || !plan) return [];
    const renewal = periods.find((p) => p.startsOn > current.endsOn);
    return [{ member, current, plan, renewal, days: [...plan.reminderDays].sort((a, b) => a - b) }];
  });
}

/**
 * Issues the next period's call to the members whose period ends within the plan's first reminder day and who
 * have no renewal yet, in one transaction: their rows locked (in id order), their periods read again (another run
 * may have issued the call meanwhile: it is then taken as the renewal), the periods and calls opened at once.
 */
async function issueRenewalCalls(
  deps: RunDeps,
  actor: Actor | null,
  slice: Renewing[],
  today: string,
  now: Date,
): Promise<number> {
  const due = slice.filter(({ renewal, current, days }) => {
    const lead = Math.max(30, -(days[0] ?? -30));
    return !renewal && addDays(current.endsOn, -lead) <= today;
  });
  if (due.length === 0) return 0;
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const ids = due.map((r) => r.member.id);
    const locked = await tx
      .select()
      .from(members)
      .where(inArray(members.id, ids))
      .orderBy(asc(members.id))
      .for('update');
    const lockedById = new Map(locked.map((m) => [m.id, m]));
    const later = await tx
      .select()
      .from(membershipPeriods)
      .where(
        and(
          inArray(membershipPeriods.memberId, ids),
          ne(membershipPeriods.state, 'cancelled'),
          sql`${membershipPeriods.startsOn} > ${due.map((r) => r.current.endsOn).sort()[0]}`,
        ),
      )
      .orderBy(asc(membershipPeriods.startsOn));
    const toOpen: Renewing[] = [];
    for (const r of due) {
      r.renewal = later.find((p) => p.memberId === r.member.id && p.startsOn > r.current.endsOn);
      if (!r.renewal) toOpen.push(r);
    }
    const opened = await openPeriods(
      tx,
      actor,
      toOpen.map((r) => ({
        member: lockedById.get(r.member.id) ?? r.member,
        plan: r.plan,
        period: nextPeriod(planTerms(r.plan), r.current.endsOn),
      })),
      now,
    );
    toOpen.forEach((r, k) => {
      r.renewal = opened[k];
    });
    return opened.length;
  });
}

/**
 * Sends each member's latest due reminder once, for a slice in one transaction: every (period, day) due is claimed
 * at once (the ones already claimed by an earlier or concurrent run are not returned), then the mails of the
 * claimed ones are written to the outbox together. Returns the outbox ids.
 */
async function sendReminders(
  deps: RunDeps,
  networkName: string,
  iban: string | null,
  reminding: { r: Renewing; due: number[] }[],
): Promise<string[]> {
  if (reminding.length === 0) return [];
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const claimed = await insertMany(
      tx,
      membershipReminders,
      reminding.flatMap(({ r, due }) =>
        due.map((d) => ({
          periodId: r.current.id,
          offsetDays: d,
          outcome: d === due.at(-1) ? 'sent' : 'skipped',
        })),
      ),
    )
      .onConflictDoNothing()
      .returning({ periodId: membershipReminders.periodId, offsetDays: membershipReminders.offsetDays });
    const claimedKeys = new Set(claimed.map((c) => `${c.periodId} ${c.offsetDays}`));
    const toRemind = reminding.filter(({ r, due }) => claimedKeys.has(`${r.current.id} ${due.at(-1)}`));
    if (toRemind.length === 0) return [];
    const memberIds = toRemind.map(({ r }) => r.member.id);
    const orgs = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(
        inArray(
          organizations.id,
          toRemind.map(({ r }) => r.member.organizationId),
        ),
      );
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const contacts = await tx
      .select({ memberId: memberContacts.memberId, email: memberContacts.email, role: memberContacts.role })
      .from(memberContacts)
      .where(inArray(memberContacts.memberId, memberIds))
      .orderBy(asc(memberContacts.createdAt));
    const paid = await paidOnPeriods(
      tx,
      toRemind.map(({ r }) => r.renewal?.id ?? ''),
    );
    const mails: { periodId: string; offsetDays: number; message: MailMessage }[] = [];
    for (const { r, due } of toRemind) {
      const renewal = r.renewal as Period;
      const latest = due.at(-1) as number;
      const recipients = contacts.filter((c) => c.memberId === r.member.id);
      const to =
        recipients.find((c) => c.role === 'billing' && c.email)?.email ??
        recipients.find((c) => c.email)?.email;
      if (!to) continue;
      const dueCents = renewal.amountCents - (paid.get(renewal.id) ?? 0);
      const link = `${deps.config.publicUrl}/adherents/renouveler/${renewalToken(deps.config.sessionSecret, renewal.id)}`;
      const ends = r.current.endsOn.split('-').reverse().join('/');
      const when =
        latest < 0
          ? `arrive à échéance le ${ends}`
          : latest === 0
            ? 'arrive à échéance aujourd’hui'
            : `est échue depuis le ${ends}`;
      mails.push({
        periodId: r.current.id,
        offsetDays: latest,
        message: {
          to,
          subject: `${networkName} : renouvellement de votre adhésion`,
          text: [
            'Bonjour,',
            '',
            `L’adhésion de ${orgName.get(r.member.organizationId) ?? 'votre organisation'} à ${networkName} ${when}.`,
            `Cotisation ${renewal.startsOn.split('-')[0]} : ${euros(dueCents)} à régler.`,
            iban ? `Par virement : IBAN ${iban}.` : '',
            `Ce qui est dû et comment payer : ${link}`,
            '',
            '— Maillage',
          ]
            .filter((l) => l !== '')
            .join('\n'),
          kind: 'memberships.renewal-reminder',
        },
      });
    }
    if (mails.length === 0) return [];
    const ids = await writeToOutbox(
      tx,
      mails.map((m) => m.message),
      deps.config,
    );
    const values = sql.join(
      mails.map((m, k) => sql`(${m.periodId}::uuid, ${m.offsetDays}::int, ${ids[k]}::uuid)`),
      sql`, `,
    );
    await tx.execute(sql`update membership_reminders r set outbox_id = v.outbox_id
      from (values ${values}) v(period_id, offset_days, outbox_id)
      where r.period_id = v.period_id and r.offset_days = v.offset_days`);
    return ids;
  });
}
