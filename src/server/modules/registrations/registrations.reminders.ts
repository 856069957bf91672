import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { startPeriodic } from '../../lib/periodic.ts';
import { events } from '../events/events.tables.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { eventIcs, loadEvent, type RegistrationEvent } from './registrations.event.ts';
import { feedbackMail, reminderMail } from './registrations.messages.mail.ts';
import { eventFeedbackSettings } from './registrations.messages.tables.ts';
import { registrations } from './registrations.tables.ts';

// Two mails the server writes by itself, from a periodic run in each server process (and from the tests, with
// their own clock): the reminder of the day before (confirmed seats whose date starts in 24 to 36 hours) and, for
// events whose organiser turned it on, the "Qu’en avez-vous pensé ?" mail of the day after. Each goes once per
// registration, whatever the number of processes: the run claims rows with an UPDATE … WHERE <column> IS NULL …
// RETURNING in the transaction that writes the mails to the outbox (a concurrent run waits on the row locks, then
// finds the column set and skips them; a rolled-back run leaves them unclaimed).

const HOUR_MS = 3_600_000;
/** Registrations claimed per transaction (a bound on the time it holds their row locks). */
const BATCH = 200;
/** Feedback is not sent for events that ended longer ago than this (the option turned on late, a long outage). */
const FEEDBACK_MAX_AGE = sql`interval '7 days'`;

/** `event_registrations` or an alias of it (a subquery over the same table). */
type RegistrationsTable = typeof registrations | ReturnType<typeof alias<typeof registrations, string>>;
type JobDeps = Pick<Deps, 'db' | 'config' | 'clock' | 'log'>;

/**
 * The start of the date a registration is for: `event_registrations.occurrence_starts_at` (a recurring event's
 * occurrence, a one-off event's start). `r` is the registrations table (or an alias of it).
 */
export function registrationStartsAt(r: RegistrationsTable = registrations): SQL<Date> {
  return sql<Date>`${r.occurrenceStartsAt}`.mapWith(r.occurrenceStartsAt);
}

/** The end of the date a registration is for: its start plus the event's duration. */
const registrationEndsAt = () => sql`(${registrationStartsAt()} + (${events.endsAt} - ${events.startsAt}))`;

const claimedFields = {
  id: registrations.id,
  eventId: registrations.eventId,
  name: registrations.name,
  email: registrations.email,
  status: registrations.status,
  manageTokenHash: registrations.manageTokenHash,
};
type Claimed = { [K in keyof typeof claimedFields]: string } & { startsAt: Date };

/**
 * One claim-and-write pass for a kind of mail: picks up to BATCH candidates, claims those still unclaimed (setting
 * `column`), writes their mails to the outbox in the same transaction; repeats while full batches come. Returns
 * how many were claimed.
 */
async function claimAndWrite(
  deps: JobDeps,
  candidates: () => Promise<{ id: string }[]>,
  column: typeof registrations.remindedAt | typeof registrations.feedbackSentAt,
  build: (tx: Db, event: RegistrationEvent, rows: Claimed[]) => Promise<MailMessage[]>,
) {
  const now = deps.clock();
  let total = 0;
  for (;;) {
    const ids = (await candidates()).map((c) => c.id);
    if (ids.length === 0) break;
    const { claimed, outboxIds } = await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const claimed = await tx
        .update(registrations)
        .set({ [column.name === 'reminded_at' ? 'remindedAt' : 'feedbackSentAt']: now })
        .from(events)
        .where(
          and(
            inArray(registrations.id, ids),
            isNull(column),
            eq(registrations.status, 'confirmed'),
            eq(events.id, registrations.eventId),
            eq(events.status, 'published'),
          ),
        )
        .returning({ ...claimedFields, startsAt: registrationStartsAt() });
      const byEvent = new Map<string, Claimed[]>();
      for (const row of claimed as Claimed[])
        byEvent.set(row.eventId, [...(byEvent.get(row.eventId) ?? []), row]);
      const mails: MailMessage[] = [];
      for (const [eventId, rows] of byEvent)
        mails.push(...(await build(tx, await loadEvent(tx, eventId), rows)));
      return { claimed, outboxIds: await writeToOutbox(tx, mails, deps.config) };
    });
    total += claimed.length;
    deliverFromOutbox(deps, outboxIds).catch((err) => deps.log.error({ err }, 'registration mails not sent'));
    // A short batch was the last one; an empty claim means another process is writing these very rows.
    if (ids.length < BATCH || claimed.length === 0) break;
  }
  return total;
}

/**
 * Writes the reminder of the day before, with the ticket, for every confirmed registration whose date starts in
 * the next 24 to 36 hours and has had none. Demo registrations (fictitious people) are left out.
 */
export async function sendReminders(deps: JobDeps) {
  const now = deps.clock();
  const from = new Date(now.getTime() + 24 * HOUR_MS);
  const to = new Date(now.getTime() + 36 * HOUR_MS);
  const candidates = () =>
    deps.db
      .select({ id: registrations.id })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(
        and(
          eq(registrations.status, 'confirmed'),
          isNull(registrations.remindedAt),
          eq(registrations.isDemo, false),
          eq(events.status, 'published'),
          gt(registrationStartsAt(), from),
          lte(registrationStartsAt(), to),
        ),
      )
      .orderBy(asc(registrations.eventId), asc(registrations.seq))
      .limit(BATCH);
  return claimAndWrite(deps, candidates, registrations.remindedAt, async (tx, event, rows) => {
    // One calendar file per date (a recurring event's rows may be for several of its dates).
    const icsByDate = new Map<number, Promise<string>>();
    const icsOf = (d: Date) => {
      if (!icsByDate.has(d.getTime()))
        icsByDate.set(d.getTime(), eventIcs({ db: tx, config: deps.config }, event, d));
      return icsByDate.get(d.getTime())!;
    };
    return Promise.all(
      rows.map(async (r) =>
        reminderMail(
          { db: tx, config: deps.config },
          event,
          r.startsAt,
          { ...r, occurrenceStartsAt: r.startsAt },
          await icsOf(r.startsAt),
        ),
      ),
    );
  });
}

/**
 * Writes the opt-in "Qu’en avez-vous pensé ?" mail, from 9 o’clock (event time) the day after the date ends, to the
 * people checked in, or to every confirmed person when nobody was checked in at that date. Cancelled ones never.
 */
export async function sendFeedbackMails(deps: JobDeps) {
  const now = deps.clock();
  const others = alias(registrations, 'others');
  const endsAt = registrationEndsAt();
  const dayAfter = sql`((date_trunc('day', ${endsAt} AT TIME ZONE ${events.timezone}) + interval '1 day 9 hours') AT TIME ZONE ${events.timezone})`;
  const candidates = () =>
    deps.db
      .select({ id: registrations.id })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .innerJoin(eventFeedbackSettings, eq(eventFeedbackSettings.eventId, events.id))
      .where(
        and(
          eq(eventFeedbackSettings.enabled, true),
          eq(registrations.status, 'confirmed'),
          isNull(registrations.feedbackSentAt),
          eq(registrations.isDemo, false),
          eq(events.status, 'published'),
          sql`${dayAfter} <= ${now}`,
          sql`${endsAt} > ${now}::timestamptz - ${FEEDBACK_MAX_AGE}`,
          or(
            isNotNull(registrations.checkedInAt),
            sql`not ${exists(
              deps.db
                .select({ one: sql`1` })
                .from(others)
                .where(
                  and(
                    eq(others.eventId, registrations.eventId),
                    isNotNull(others.checkedInAt),
                    sql`${registrationStartsAt(others)} = ${registrationStartsAt()}`,
                  ),
                ),
            )}`,
          ),
        ),
      )
      .orderBy(asc(registrations.eventId), asc(registrations.seq))
      .limit(BATCH);
  return claimAndWrite(deps, candidates, registrations.feedbackSentAt, async (tx, event, rows) => {
    const [settings] = await tx
      .select()
      .from(eventFeedbackSettings)
      .where(eq(eventFeedbackSettings.eventId, event.id));
    return rows.map((r) => feedbackMail(event, r.startsAt, settings, r));
  });
}

/** Both passes, one after the other (the periodic run). */
export async function sendRegistrationMails(deps: JobDeps) {
  return { reminders: await sendReminders(deps), feedback: await sendFeedbackMails(deps) };
}

/** The periodic run in a server process: every `intervalMs`; `stop` waits for a pass in progress. */
export function startRegistrationMailJobs(deps: JobDeps, opts: { intervalMs: number }) {
  return startPeriodic(() => sendRegistrationMails(deps), {
    ...opts,
    log: deps.log,
    what: 'reminder and feedback',
  });
}
