import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, lt, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { invalidatePublicCache } from '../events/events.cache.ts';
import { getVisibleEvent, lockEventForRegistration } from '../events/events.service.ts';
import {
  checkRegistrationNewsletter,
  type NewsletterChoice,
  subscribeFromRegistration,
} from '../newsletters/newsletters.registration.ts';
import type { RequestProof } from '../newsletters/newsletters.subscribe.ts';
import { writeSignUp } from './registrations.batch.ts';
import {
  assertRegistrationOpen,
  EVENT_CANCELLED_MESSAGE,
  loadEvent,
  loadEventShared,
  type RegistrationEvent,
} from './registrations.event.ts';
import { findByManageToken } from './registrations.links.ts';
import { sendPromotedMail } from './registrations.mail.ts';
import {
  isSignedInMember,
  mailConfirmationIfMember,
  verifyPendingSignUp,
} from './registrations.members-only.ts';
import { resolveOccurrence } from './registrations.occurrence.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';
import { hashToken, newManageToken } from './registrations.tokens.ts';

export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';
export type RegistrationInput = {
  name: string;
  email: string;
  organization?: string | null;
  accessibilityNeeds?: string | null;
  /** Honeypot: a field hidden from people; bots fill it. */
  website?: string | null;
  /** The date registered for (a recurring event's occurrence); a one-off event needs none. */
  occurrence?: Date;
  /** The newsletter box, ticked: the list the form offered and the version of the consent text it showed. */
  newsletter?: NewsletterChoice;
};
export type RegistrationResult = {
  id: string;
  status: 'confirmed' | 'waitlisted';
  position?: number;
  /** True when the email was already registered: the existing registration is returned (HTTP 200). */
  existing: boolean;
  /** The personal ticket/cancel token, given back only to the request that created the registration. */
  manageToken?: string;
  /** The newsletter box was ticked: its confirmation mail went out (or could not be asked). */
  newsletter?: 'confirmation-sent' | 'not-subscribed';
  /** The start of the date registered for. */
  occurrenceStartsAt: Date;
};

type Row = typeof registrations.$inferSelect;
/** The statuses in which anyone sees an event (events.access.ts `canSeeEvent`). */
const PUBLIC_STATUSES = new Set(['published', 'cancelled']);

/**
 * Locks the counter row of one date of an event for the rest of the transaction (creating it on first use) and
 * returns a fresh arrival number. Cancellations and promotions go through here first, so they queue behind
 * sign-ups of that date and each other: on PostgreSQL on the row lock, on PGlite because statements run one at a
 * time.
 */
async function lockOccurrence(tx: Db, eventId: string, occurrence: Date): Promise<number> {
  const [row] = await tx
    .insert(registrationCounters)
    .values({ eventId, occurrenceStartsAt: occurrence, lastSeq: 1 })
    .onConflictDoUpdate({
      target: [registrationCounters.eventId, registrationCounters.occurrenceStartsAt],
      set: { lastSeq: sql`${registrationCounters.lastSeq} + 1` },
    })
    .returning({ seq: registrationCounters.lastSeq });
  return row.seq;
}

/**
 * Sets the counts of one date (or, without `occurrence`, of every date) of an event on its counter rows from the
 * registrations themselves. Called by every status change other than a sign-up (which updates them in its own
 * statement), inside the transaction holding the lock.
 */
export async function syncCounts(tx: Db, eventId: string, occurrence?: Date) {
  const same = sql`r.event_id = k.event_id and r.occurrence_starts_at = k.occurrence_starts_at`;
  await tx.execute(sql`
    update event_registration_counters as k set
      confirmed = (select count(*) from event_registrations r where ${same} and r.status = 'confirmed'),
      waitlisted = (select count(*) from event_registrations r where ${same} and r.status = 'waitlisted')
    where k.event_id = ${eventId}::uuid
      ${occurrence ? sql`and k.occurrence_starts_at = ${occurrence.toISOString()}::timestamptz` : sql``}`);
}

/** 1-based place on the waiting list of the date (counted live: it moves up as people ahead leave or are promoted). */
async function waitlistPosition(
  db: Db,
  row: Pick<Row, 'eventId' | 'occurrenceStartsAt' | 'seq'>,
): Promise<number> {
  const { eventId, occurrenceStartsAt, seq } = row;
  const [row2] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.occurrenceStartsAt, occurrenceStartsAt),
        eq(registrations.status, 'waitlisted'),
        lt(registrations.seq, seq),
      ),
    );
  return row2.n + 1;
}

async function confirmedCount(db: Db, eventId: string, occurrence: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.occurrenceStartsAt, occurrence),
        eq(registrations.status, 'confirmed'),
      ),
    );
  return row.n;
}

/**
 * Registers a person to one date of an event (a recurring event's occurrence, a one-off event's start): a
 * confirmed seat while that date has seats, else the end of its waiting list. The seat is decided by the database,
 * in a transaction holding the date's counter row lock, never in memory, so that no number of simultaneous
 * requests (or server processes) can confirm more people than seats. Simultaneous sign-ups of one date are
 * written together (registrations.batch.ts), in arrival order.
 */
/** A members-only event asked for without signing in as a member: a confirmation mail went out if the address is a member's. */
export type ConfirmationSent = { status: 'confirmation-sent'; existing: false };

export async function registerForEvent(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  actor: Actor | null,
  eventId: string,
  input: RegistrationInput,
  opts: { addressConfirmed?: boolean; proof?: RequestProof } = {},
): Promise<RegistrationResult | ConfirmationSent> {
  const now = deps.clock();
  // Honeypot filled: answer like a success so that the bot learns nothing, store nothing, send nothing.
  if (input.website?.trim())
    return { id: randomUUID(), status: 'confirmed', existing: false, occurrenceStartsAt: now };
  const email = input.email.trim().toLowerCase();
  const manageToken = newManageToken();

  const event = await loadEventShared(deps.db, eventId);
  // An unpublished event does not exist for anyone but its organisers and coordinators: 404, as for an unknown id.
  if (!PUBLIC_STATUSES.has(event.status) && !(await getVisibleEvent(deps.db, actor, eventId))) {
    throw notFound('Événement introuvable');
  }
  try {
    assertRegistrationOpen(event, now);
  } catch (err) {
    // Closed since, but this person registered while it was open: their registration, as before.
    const existing = await findLiveRegistration(deps.db, eventId, input.occurrence ?? event.startsAt, email);
    if (existing) return existing;
    throw err;
  }
  const occurrence = resolveOccurrence(event, input.occurrence, now);
  // Members only: a signed-in member registers at once; anyone else through a link mailed to a member's address
  // (the same answer whether the address is a member's or not).
  if (
    event.membersOnly &&
    !opts.addressConfirmed &&
    !(await isSignedInMember(deps.db, actor, event.networkId))
  ) {
    await mailConfirmationIfMember(deps, event, occurrence, {
      name: input.name.trim(),
      email,
      organization: input.organization?.trim() || null,
      accessibilityNeeds: input.accessibilityNeeds?.trim() || null,
    });
    return { status: 'confirmation-sent', existing: false };
  }
  if (input.newsletter) await checkRegistrationNewsletter(deps.db, event.networkId, input.newsletter);
  const result = await writeRegistration(deps, event, occurrence, input, email, manageToken, now);
  if (input.newsletter) {
    // The double opt-in of the list (a confirmation mail); the registration stands whatever becomes of it.
    result.newsletter = await subscribeFromRegistration(
      deps,
      input.newsletter,
      { email, name: input.name.trim() },
      opts.proof ?? { ip: '', userAgent: null },
    ).then(
      () => 'confirmation-sent' as const,
      () => 'not-subscribed' as const,
    );
  }
  return result;
}

async function writeRegistration(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  event: RegistrationEvent,
  occurrence: Date,
  input: RegistrationInput,
  email: string,
  manageToken: string,
  now: Date,
): Promise<RegistrationResult> {
  const eventId = event.id;
  const written = await writeSignUp(deps, event, occurrence, {
    name: input.name.trim(),
    email,
    organization: input.organization?.trim() || null,
    accessibilityNeeds: input.accessibilityNeeds?.trim() || null,
    manageToken,
    consentAt: now,
  });
  // The same email registered before (or two simultaneous clicks): give back that registration.
  if (written.kind === 'existing') return (await findLiveRegistration(deps.db, eventId, occurrence, email))!;
  if (written.kind === 'closed') throw conflict(EVENT_CANCELLED_MESSAGE);
  if (written.kind === 'moved') {
    throw conflict(
      'Les dates de cet événement viennent de changer : rechargez la page et choisissez à nouveau.',
    );
  }

  // Seats left show in the public listings: a taken seat makes their cached answers stale.
  if (written.status === 'confirmed') invalidatePublicCache(deps.db);
  return {
    id: written.id,
    status: written.status,
    ...(written.position !== undefined ? { position: written.position } : {}),
    existing: false,
    manageToken,
    occurrenceStartsAt: occurrence,
  };
}

async function findLiveRegistration(
  db: Db,
  eventId: string,
  occurrence: Date,
  email: string,
): Promise<RegistrationResult | null> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.occurrenceStartsAt, occurrence),
        eq(registrations.email, email),
        ne(registrations.status, 'cancelled'),
      ),
    )
    .limit(1);
  if (!row) return null;
  const status = row.status as 'confirmed' | 'waitlisted';
  return {
    id: row.id,
    status,
    ...(status === 'waitlisted' ? { position: await waitlistPosition(db, row) } : {}),
    existing: true,
    occurrenceStartsAt: row.occurrenceStartsAt,
  };
}

type Promoted = { row: Row; manageToken: string };

/**
 * Confirms waitlisted people of one date, first come first served, while that date has free seats. Call it inside
 * a transaction that holds the date's lock (see `lockOccurrence`). Returns the promoted registrations.
 */
async function fillFreeSeats(
  tx: Db,
  event: RegistrationEvent,
  occurrence: Date,
  now: Date,
): Promise<Promoted[]> {
  const free =
    event.capacity === null
      ? Number.POSITIVE_INFINITY
      : event.capacity - (await confirmedCount(tx, event.id, occurrence));
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, event.id),
        eq(registrations.occurrenceStartsAt, occurrence),
        eq(registrations.status, 'waitlisted'),
      ),
    )
    .orderBy(asc(registrations.seq))
    .limit(Number.isFinite(free) ? free : 100_000);
  // The promoted person gets fresh personal links in the promotion mail (only hashes are stored, so the old
  // token cannot be mailed again); the links of the first mail stop working.
  const promoted: Promoted[] = [];
  for (const w of waiting) {
    const manageToken = newManageToken();
    const [row] = await tx
      .update(registrations)
      .set({ status: 'confirmed', promotedAt: now, updatedAt: now, manageTokenHash: hashToken(manageToken) })
      .where(eq(registrations.id, w.id))
      .returning();
    promoted.push({ row, manageToken });
  }
  return promoted;
}

const REGISTRATION_OF_CANCELLED_EVENT =
  'Cet événement a été annulé par ses organisateurs : votre inscription est annulée, vous n’avez rien à faire.';

/**
 * Cancels the registration behind a personal token. A freed seat goes at once, in the same transaction, to the
 * first person on the waiting list of the same date, who is told by email.
 */
export async function cancelRegistration(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  manageToken: string,
): Promise<{ id: string; status: 'cancelled'; promoted: number }> {
  const now = deps.clock();
  const found = await findByManageToken(deps.db, deps.config.sessionSecret, manageToken);
  if (!found) throw notFound('Inscription introuvable : le lien est peut-être incomplet.');
  const outcome = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // The event's share lock first, as sign-ups take it: an edit moving this registration to another date (which
    // updates the event's row) commits before, and the date is read after it.
    await lockEventForRegistration(tx, found.eventId);
    const event = await loadEvent(tx, found.eventId);
    const [{ occurrenceStartsAt }] = await tx
      .select({ occurrenceStartsAt: registrations.occurrenceStartsAt })
      .from(registrations)
      .where(eq(registrations.id, found.id));
    await lockOccurrence(tx, found.eventId, occurrenceStartsAt);
    const [row] = await tx.select().from(registrations).where(eq(registrations.id, found.id));
    // Cancelled with the event (or, for registrations older than that rule, still live on a cancelled event).
    if (
      row.cancelReason === 'event_cancelled' ||
      (row.status !== 'cancelled' && event.status === 'cancelled')
    )
      throw conflict(REGISTRATION_OF_CANCELLED_EVENT);
    if (row.status === 'cancelled') return { event, promoted: [] as Promoted[] };
    if (row.checkedInAt)
      throw conflict('Présence déjà enregistrée : cette inscription ne peut plus être annulée.');
    await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelReason: 'registrant', cancelledAt: now, updatedAt: now })
      .where(eq(registrations.id, row.id));
    const promoted =
      row.status === 'confirmed' ? await fillFreeSeats(tx, event, occurrenceStartsAt, now) : [];
    await syncCounts(tx, event.id, occurrenceStartsAt);
    return { event, promoted };
  });
  invalidatePublicCache(deps.db);
  for (const p of outcome.promoted) await sendPromotedMail(deps, outcome.event, p.row, p.manageToken);
  return { id: found.id, status: 'cancelled', promoted: outcome.promoted.length };
}

/**
 * Gives free seats to the waiting lists after the event's capacity was raised (for the events module to call
 * after an update): every date with people waiting, each in its own transaction holding that date's lock.
 * Returns how many people were promoted; each is told by email.
 */
export async function promoteWaitlist(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  eventId: string,
): Promise<number> {
  const now = deps.clock();
  const dates = await deps.db
    .selectDistinct({ occurrence: registrations.occurrenceStartsAt })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.occurrenceStartsAt));
  let total = 0;
  for (const { occurrence } of dates) {
    const outcome = await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const event = await loadEvent(tx, eventId);
      await lockOccurrence(tx, eventId, occurrence);
      const promoted = await fillFreeSeats(tx, event, occurrence, now);
      await syncCounts(tx, eventId, occurrence);
      return { event, promoted };
    });
    if (outcome.promoted.length > 0) invalidatePublicCache(deps.db);
    for (const p of outcome.promoted) await sendPromotedMail(deps, outcome.event, p.row, p.manageToken);
    total += outcome.promoted.length;
  }
  return total;
}

/** The registration behind a personal token, for the ticket and cancel pages. */
export async function getRegistrationByToken(deps: Pick<Deps, 'db' | 'config'>, manageToken: string) {
  const { db } = deps;
  const row = await findByManageToken(db, deps.config.sessionSecret, manageToken);
  if (!row) throw notFound('Inscription introuvable : le lien est peut-être incomplet.');
  const position = row.status === 'waitlisted' ? await waitlistPosition(db, row) : undefined;
  return { row, position };
}

/** A members-only sign-up confirmed from the link mailed to a member's address: registered as it was asked. */
export async function confirmMemberSignUp(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  token: string,
): Promise<RegistrationResult> {
  const pending = verifyPendingSignUp(deps.config.sessionSecret, token, deps.clock());
  const result = await registerForEvent(
    deps,
    null,
    pending.eventId,
    {
      name: pending.name,
      email: pending.email,
      organization: pending.organization,
      accessibilityNeeds: pending.accessibilityNeeds,
      occurrence: new Date(pending.occurrence),
    },
    { addressConfirmed: true },
  );
  if (result.status === 'confirmation-sent') throw new Error('unreachable: the address is confirmed');
  return result;
}
