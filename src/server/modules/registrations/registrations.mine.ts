import { and, asc, eq, gte, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import { requireSignedIn } from '../accounts/authz.ts';
import { getEventForRegistration } from '../events/events.service.ts';
import { registrations } from './registrations.tables.ts';

// "Mes événements": the signed-in person's own registrations (made with their account's address), one line per
// event with the next date they are registered for.

const DAY = 86_400_000;

/** The next date the signed-in person is registered for, per event, soonest first (their own address only). */
export async function listMyRegistrations(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null) {
  const who = requireSignedIn(actor);
  const now = deps.clock();
  // Dates that started less than a day ago may still be running: their end is checked below.
  const rows = await deps.db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.email, who.email.trim().toLowerCase()),
        ne(registrations.status, 'cancelled'),
        gte(registrations.occurrenceStartsAt, new Date(now.getTime() - DAY)),
      ),
    )
    .orderBy(asc(registrations.occurrenceStartsAt))
    .limit(500);
  const items = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.eventId)) continue;
    const event = await getEventForRegistration(deps.db, r.eventId);
    if (!event || event.status === 'cancelled') continue;
    const endsAt = new Date(
      r.occurrenceStartsAt.getTime() + (event.endsAt.getTime() - event.startsAt.getTime()),
    );
    if (endsAt < now) continue;
    seen.add(r.eventId);
    items.push({
      eventId: event.id,
      title: event.title,
      recurring: Boolean(event.recurrenceRule),
      occurrenceStartsAt: r.occurrenceStartsAt,
      occurrenceEndsAt: endsAt,
      status: r.status as 'confirmed' | 'waitlisted',
      communeName: event.communeName,
    });
  }
  return items;
}
