import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, lt, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { invalidatePublicCache } from '../events/events.cache.ts';
import {
  assertRegistrationOpen,
  EVENT_CANCELLED_MESSAGE,
  loadEvent,
  type RegistrationEvent,
} from './registrations.event.ts';
import { sendPromotedMail, sendRegistrationMail } from './registrations.mail.ts';
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
};
export type RegistrationResult = {
  id: string;
  status: 'confirmed' | 'waitlisted';
  position?: number;
  /** True when the email was already registered: the existing registration is returned (HTTP 200). */
  existing: boolean;
  /** The personal ticket/cancel token, given back only to the request that created the registration. */
  manageToken?: string;
};

type Row = typeof registrations.$inferSelect;

/**
 * Locks the event's counter row for the rest of the transaction (creating it on first use) and returns a fresh
 * arrival number. Cancellations and promotions go through here first, so they queue behind sign-ups and each
 * other: on PostgreSQL on the row lock, on PGlite because statements run one at a time.
 */
async function lockEvent(tx: Db, eventId: string): Promise<number> {
  const [row] = await tx
    .insert(registrationCounters)
    .values({ eventId, lastSeq: 1 })
    .onConflictDoUpdate({
      target: registrationCounters.eventId,
      set: { lastSeq: sql`${registrationCounters.lastSeq} + 1` },
    })
    .returning({ seq: registrationCounters.lastSeq });
  return row.seq;
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
};

/**
 * Sets the event's counts on its counter row from the registrations themselves. Called by every status change
 * other than a sign-up (which updates them in its own statement), inside the transaction holding the lock.
 */
export async function syncCounts(tx: Db, eventId: string) {
  await tx.execute(sql`
    update event_registration_counters as k set
      confirmed = (select count(*) from event_registrations r where r.event_id = k.event_id and r.status = 'confirmed'),
      waitlisted = (select count(*) from event_registrations r where r.event_id = k.event_id and r.status = 'waitlisted')
    where k.event_id = ${eventId}::uuid`);
}

/** 1-based place on the waiting list (counted live, so it moves up as people ahead leave or are promoted). */
async function waitlistPosition(db: Db, eventId: string, seq: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.status, 'waitlisted'),
        lt(registrations.seq, seq),
      ),
    );
  return row.n + 1;
}

async function confirmedCount(db: Db, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row.n;
}

/**
 * Registers a person to an event: a confirmed seat while seats remain, else the end of the waiting list.
 * The seat is decided by the database, in one statement holding the event's counter row lock, never in memory,
 * so that no number of simultaneous requests (or server processes) can confirm more people than seats.
 */
export async function registerForEvent(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  eventId: string,
  input: RegistrationInput,
): Promise<RegistrationResult> {
  const now = deps.clock();
  // Honeypot filled: answer like a success so that the bot learns nothing, store nothing, send nothing.
  if (input.website?.trim()) return { id: randomUUID(), status: 'confirmed', existing: false };
  const email = input.email.trim().toLowerCase();
  const manageToken = newManageToken();

  const event = await loadEvent(deps.db, eventId);
  const existing = await findLiveRegistration(deps.db, eventId, email);
  if (existing) return existing;
  assertRegistrationOpen(event, now);

  // One statement, so the event's lock is held only for it and its commit: bump the event's counter row (queuing
  // behind any other writer of this event on its row lock; the update then sees the latest committed counts),
  // decide the status there, and insert the registration with that status and arrival number.
  const cap = event.capacity;
  const seat = sql`(${cap}::int is null or k.confirmed < ${cap}::int)`;
  const firstSeat = sql`(${cap}::int is null or ${cap}::int > 0)`;
  let inserted: { id: string; status: 'confirmed' | 'waitlisted'; position: number } | null = null;
  let duplicate = false;
  try {
    const result = await deps.db.execute(sql`
      with slot as (
        insert into event_registration_counters as k (event_id, last_seq, confirmed, waitlisted, last_status)
        values (${eventId}::uuid, 1, case when ${firstSeat} then 1 else 0 end, case when ${firstSeat} then 0 else 1 end,
          case when ${firstSeat} then 'confirmed' else 'waitlisted' end)
        on conflict (event_id) do update set
          last_seq = k.last_seq + 1,
          confirmed = k.confirmed + case when ${seat} then 1 else 0 end,
          waitlisted = k.waitlisted + case when ${seat} then 0 else 1 end,
          last_status = case when ${seat} then 'confirmed' else 'waitlisted' end
        -- Closed when the event was cancelled (maybe while this statement waited for the lock): no row, no insert.
        where k.closed_at is null
        returning last_seq, last_status, waitlisted
      ), ins as (
        insert into event_registrations
          (event_id, seq, status, name, email, organization, accessibility_needs, consent_at, manage_token_hash)
        select ${eventId}::uuid, slot.last_seq, slot.last_status, ${input.name.trim()}, ${email},
          ${input.organization?.trim() || null}, ${input.accessibilityNeeds?.trim() || null},
          ${now.toISOString()}::timestamptz, ${hashToken(manageToken)}
        from slot
        returning id, status
      )
      select ins.id, ins.status, slot.waitlisted as position from ins, slot`);
    type Inserted = { id: string; status: 'confirmed' | 'waitlisted'; position: number };
    inserted = (result as unknown as { rows: Inserted[] }).rows[0] ?? null;
  } catch (err) {
    // A unique violation rolls the whole statement back, counter included.
    if (!isUniqueViolation(err)) throw err;
    duplicate = true;
  }
  // The same email registered in between (two simultaneous clicks): give back that registration.
  if (duplicate) return (await findLiveRegistration(deps.db, eventId, email))!;
  if (!inserted) throw conflict(EVENT_CANCELLED_MESSAGE);

  // Seats left show in the public listings: a taken seat makes their cached answers stale.
  if (inserted.status === 'confirmed') invalidatePublicCache(deps.db);
  const position = inserted.status === 'waitlisted' ? Number(inserted.position) : undefined;
  await sendRegistrationMail(
    deps,
    event,
    { id: inserted.id, name: input.name.trim(), email, status: inserted.status },
    manageToken,
    position,
  );
  return {
    id: inserted.id,
    status: inserted.status,
    ...(position !== undefined ? { position } : {}),
    existing: false,
    manageToken,
  };
}

async function findLiveRegistration(
  db: Db,
  eventId: string,
  email: string,
): Promise<RegistrationResult | null> {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
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
    ...(status === 'waitlisted' ? { position: await waitlistPosition(db, eventId, row.seq) } : {}),
    existing: true,
  };
}

/**
 * Confirms waitlisted people, first come first served, while the event has free seats. Call it inside a
 * transaction that holds the event's lock (see `lockEvent`). Returns the promoted registrations.
 */
type Promoted = { row: Row; manageToken: string };

async function fillFreeSeats(tx: Db, event: RegistrationEvent, now: Date): Promise<Promoted[]> {
  const free =
    event.capacity === null
      ? Number.POSITIVE_INFINITY
      : event.capacity - (await confirmedCount(tx, event.id));
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, 'waitlisted')))
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
 * first person on the waiting list, who is told by email.
 */
export async function cancelRegistration(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  manageToken: string,
): Promise<{ id: string; status: 'cancelled'; promoted: number }> {
  const now = deps.clock();
  const [found] = await deps.db
    .select({ id: registrations.id, eventId: registrations.eventId })
    .from(registrations)
    .where(eq(registrations.manageTokenHash, hashToken(manageToken)))
    .limit(1);
  if (!found) throw notFound('Inscription introuvable : le lien est peut-être incomplet.');
  const outcome = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const event = await loadEvent(tx, found.eventId);
    await lockEvent(tx, found.eventId);
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
    const promoted = row.status === 'confirmed' ? await fillFreeSeats(tx, event, now) : [];
    await syncCounts(tx, event.id);
    return { event, promoted };
  });
  invalidatePublicCache(deps.db);
  for (const p of outcome.promoted) await sendPromotedMail(deps, outcome.event, p.row, p.manageToken);
  return { id: found.id, status: 'cancelled', promoted: outcome.promoted.length };
}

/**
 * Gives free seats to the waiting list after the event's capacity was raised (for the events module to call
 * after an update). Returns how many people were promoted; each is told by email.
 */
export async function promoteWaitlist(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  eventId: string,
): Promise<number> {
  const now = deps.clock();
  const outcome = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const event = await loadEvent(tx, eventId);
    await lockEvent(tx, eventId);
    const promoted = await fillFreeSeats(tx, event, now);
    await syncCounts(tx, eventId);
    return { event, promoted };
  });
  if (outcome.promoted.length > 0) invalidatePublicCache(deps.db);
  for (const p of outcome.promoted) await sendPromotedMail(deps, outcome.event, p.row, p.manageToken);
  return outcome.promoted.length;
}

/** The registration behind a personal token, for the ticket and cancel pages. */
export async function getRegistrationByToken(db: Db, manageToken: string) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(eq(registrations.manageTokenHash, hashToken(manageToken)))
    .limit(1);
  if (!row) throw notFound('Inscription introuvable : le lien est peut-être incomplet.');
  const position = row.status === 'waitlisted' ? await waitlistPosition(db, row.eventId, row.seq) : undefined;
  return { row, position };
}
