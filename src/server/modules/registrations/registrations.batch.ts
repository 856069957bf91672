import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { lockEventForRegistration } from '../events/events.service.ts';
import { occurrenceAt } from '../events/events.time.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { eventIcs, type RegistrationEvent } from './registrations.event.ts';
import { registrationMail } from './registrations.mail.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';
import { hashToken } from './registrations.tokens.ts';

// Sign-ups of one date of an event are written in batches: while one batch holds that date's counter row lock, the sign-ups
// arriving meanwhile wait in this process's queue (in arrival order), and the next transaction writes all of them
// at once, with one commit, one calendar file and one outbox insert. Under a rush (1,000 people at the opening of
// a popular workshop) this takes the lock a few dozen times instead of once per person; a lone sign-up is a batch
// of one. Seats are still decided in the database, under the row lock (other processes queue on it), never from
// what this process remembers.

export type SignUp = {
  name: string;
  email: string;
  organization: string | null;
  accessibilityNeeds: string | null;
  manageToken: string;
  consentAt: Date;
};
/** What became of a sign-up: written (status, arrival number, place on the waiting list), or already there. */
export type Written =
  | { kind: 'written'; id: string; status: 'confirmed' | 'waitlisted'; position?: number }
  | { kind: 'existing' }
  | { kind: 'closed' }
  | { kind: 'moved' };

type Waiting = { signUp: SignUp; resolve: (w: Written) => void; reject: (err: unknown) => void };
type Queue = { event: RegistrationEvent; occurrence: Date; waiting: Waiting[] };

/** Sign-ups in one transaction at most (a bound on its size and on the time it holds the lock). */
const MAX_BATCH = 200;
type BatchDeps = Pick<Deps, 'db' | 'config'>;
const queues = new WeakMap<Db, Map<string, Queue>>();

/**
 * Queues a sign-up for one date of `event` (already checked open, `occurrence` checked to be one of its dates)
 * and resolves once it is committed and its mail written.
 */
export function writeSignUp(
  deps: BatchDeps,
  event: RegistrationEvent,
  occurrence: Date,
  signUp: SignUp,
): Promise<Written> {
  let byEvent = queues.get(deps.db);
  if (!byEvent) {
    byEvent = new Map();
    queues.set(deps.db, byEvent);
  }
  const key = `${event.id}|${occurrence.toISOString()}`;
  const queue = byEvent.get(key);
  return new Promise((resolve, reject) => {
    const waiting = { signUp, resolve, reject };
    if (queue) {
      queue.waiting.push(waiting);
      return;
    }
    const fresh: Queue = { event, occurrence, waiting: [waiting] };
    byEvent.set(key, fresh);
    void drain(deps, fresh).finally(() => byEvent.delete(key));
  });
}

/** One turn of the event loop: the requests already received get read and join the queue. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function drain(deps: BatchDeps, queue: Queue) {
  while (queue.waiting.length > 0) {
    // The embedded database answers without giving the event loop back, so without this turn no other request
    // would be read while a batch is written and every batch would hold one sign-up.
    await nextTurn();
    const batch = queue.waiting.splice(0, MAX_BATCH);
    const settle = (written: Written[]) => {
      for (const [i, w] of batch.entries()) w.resolve(written[i]);
    };
    const fail = (err: unknown) => {
      for (const w of batch) w.reject(err);
    };
    try {
      const decided = await commitBatch(deps, queue, batch);
      // The next batch takes the lock while this one's mails are written.
      if (!decided) settle(batch.map(() => ({ kind: 'closed' })));
      else if (decided === 'moved') settle(batch.map(() => ({ kind: 'moved' })));
      else void mailBatch(deps, queue, batch, decided).then(settle, fail);
    } catch (err) {
      fail(err);
    }
  }
}

type Decided = Written & { row?: typeof registrations.$inferInsert };

/**
 * The batch's transaction: null when the event was cancelled (registration closed), 'moved' when the date is no
 * longer one of the event's (its dates were edited meanwhile).
 */
async function commitBatch(
  deps: BatchDeps,
  { event, occurrence }: Queue,
  batch: Waiting[],
): Promise<Decided[] | null | 'moved'> {
  const emails = batch.map((w) => w.signUp.email);
  return deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // First a share lock on the event's row: its cancellation (which updates that row, then closes every date)
    // waits for this batch, or this batch waits for it and finds the event cancelled, even for a date that has
    // no counter row yet.
    const locked = await lockEventForRegistration(tx, event.id);
    if (!locked || locked.status === 'cancelled') return null;
    // An edit of the event's dates committed since this sign-up chose its date: that date may be gone.
    if (!occurrenceAt(locked, occurrence)) return 'moved';
    // The date's lock (created on first use). No row back: the event was cancelled, registration is closed.
    const [counter] = await tx
      .insert(registrationCounters)
      .values({ eventId: event.id, occurrenceStartsAt: occurrence })
      .onConflictDoUpdate({
        target: [registrationCounters.eventId, registrationCounters.occurrenceStartsAt],
        set: { lastSeq: sql`${registrationCounters.lastSeq}` },
        where: sql`${registrationCounters.closedAt} is null`,
      })
      .returning();
    if (!counter) return null;
    // Read under the lock: every writer of this date's registrations holds it, so this answer cannot go stale.
    const live = await tx
      .select({ email: registrations.email })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, event.id),
          eq(registrations.occurrenceStartsAt, occurrence),
          inArray(registrations.email, emails),
          ne(registrations.status, 'cancelled'),
        ),
      );
    const taken = new Set(live.map((r) => r.email));
    let { lastSeq, confirmed, waitlisted } = counter;
    const decided: Decided[] = batch.map(({ signUp }) => {
      if (taken.has(signUp.email)) return { kind: 'existing' }; // registered before, or earlier in this batch
      taken.add(signUp.email);
      const seat = event.capacity === null || confirmed < event.capacity;
      const status = seat ? ('confirmed' as const) : ('waitlisted' as const);
      if (seat) confirmed++;
      else waitlisted++;
      const row = {
        id: crypto.randomUUID(),
        eventId: event.id,
        occurrenceStartsAt: occurrence,
        seq: ++lastSeq,
        status,
        name: signUp.name,
        email: signUp.email,
        organization: signUp.organization,
        accessibilityNeeds: signUp.accessibilityNeeds,
        consentAt: signUp.consentAt,
        manageTokenHash: hashToken(signUp.manageToken),
      };
      return { kind: 'written', id: row.id, status, position: seat ? undefined : waitlisted, row };
    });
    const rows = decided.flatMap((d) => (d.row ? [d.row] : []));
    if (rows.length > 0) {
      await tx.insert(registrations).values(rows);
      await tx
        .update(registrationCounters)
        .set({ lastSeq, confirmed, waitlisted, lastStatus: rows.at(-1)?.status })
        .where(
          and(
            eq(registrationCounters.eventId, event.id),
            eq(registrationCounters.occurrenceStartsAt, occurrence),
          ),
        );
    }
    return decided;
  });
}

/** The mails: one calendar file for all, written to the outbox together, then sent (when SMTP is configured). */
async function mailBatch(
  deps: BatchDeps,
  { event, occurrence }: Queue,
  batch: Waiting[],
  outcome: Decided[],
): Promise<Written[]> {
  const ics = await eventIcs(deps, event, occurrence);
  const messages = await Promise.all(
    outcome.flatMap((d, i) =>
      d.kind === 'written'
        ? [
            registrationMail(
              deps,
              event,
              {
                id: d.id,
                name: batch[i].signUp.name,
                email: d.row!.email,
                status: d.status,
                occurrenceStartsAt: occurrence,
              },
              batch[i].signUp.manageToken,
              d.position,
              ics,
            ),
          ]
        : [],
    ),
  );
  const ids = await writeToOutbox(deps.db, messages, deps.config);
  if (deps.config.smtpUrl) await deliverFromOutbox(deps, ids);
  return outcome.map(({ row: _row, ...written }) => written as Written);
}
