import { and, eq, ne } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type EventRow, loadEvent, requireManageEvent } from './events.access.ts';
import { invalidatePublicCache } from './events.cache.ts';
import { registrationCountsFor } from './events.seats.ts';
import { events } from './events.tables.ts';

// Cancelling an event (organiser or coordinator): it stays visible, marked cancelled, and the people registered
// to it are told. The registrations module owns those people: it plugs in, with `plugEventCancelled` (at route
// registration), what happens to them inside the cancellation's transaction.

type CancelDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** Who was told of a cancellation: confirmed and waitlisted registrants, one mail each. */
export type Notified = { confirmed: number; waitlisted: number };

/**
 * Runs inside the cancellation's transaction, after the event row is marked cancelled: closes registration,
 * cancels the registrations and writes one mail per person to the outbox. `afterCommit` sends those mails.
 */
export type EventCancelledHandler = (
  tx: Db,
  deps: CancelDeps,
  event: EventRow,
  reason: string | null,
) => Promise<Notified & { afterCommit: () => void }>;

let onCancelled: EventCancelledHandler | undefined;

/** Called by the registrations module so that cancelling an event cancels its registrations and tells people. */
export function plugEventCancelled(handler: EventCancelledHandler) {
  onCancelled = handler;
}

/** How many people a cancellation would tell now, for the confirmation step (same rights as cancelling). */
export async function cancellationPreview(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  id: string,
): Promise<Notified & { eventId: string }> {
  const e = await loadEvent(deps.db, id);
  await requireManageEvent(deps.db, actor, e);
  const counts = (await registrationCountsFor(deps.db, [e.id]))?.get(e.id);
  return { eventId: e.id, confirmed: counts?.confirmed ?? 0, waitlisted: counts?.waitlisted ?? 0 };
}

/**
 * Cancels an event (organiser or coordinator), with an optional reason given to the registrants. The event, its
 * registrations, the mails (in the outbox) and the audit entry (with how many people were told) commit together;
 * the mails are sent after the commit.
 */
export async function cancelEvent(deps: CancelDeps, actor: Actor | null, id: string, reason?: string) {
  const text = reason?.trim() || null;
  const e = await loadEvent(deps.db, id);
  await requireManageEvent(deps.db, actor, e);
  if (e.status === 'cancelled') throw conflict('Cet événement est déjà annulé');
  const { row, told } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // The status test in the WHERE makes a second, simultaneous cancellation wait for this one, then find nothing.
    const [row] = await tx
      .update(events)
      .set({ status: 'cancelled', moderationMessage: text, pendingEdit: null, updatedAt: deps.clock() })
      .where(and(eq(events.id, e.id), ne(events.status, 'cancelled')))
      .returning();
    if (!row) throw conflict('Cet événement est déjà annulé');
    const told = onCancelled
      ? await onCancelled(tx, deps, row, text)
      : { confirmed: 0, waitlisted: 0, afterCommit: () => {} };
    await recordAudit(tx, actor, {
      action: 'event.cancel',
      entityType: 'event',
      entityId: e.id,
      networkIds: [e.networkId],
      before: { status: e.status, pendingEditStatus: e.pendingEditStatus },
      after: {
        status: row.status,
        pendingEditStatus: row.pendingEditStatus,
        message: text,
        notified: { confirmed: told.confirmed, waitlisted: told.waitlisted },
      },
    });
    return { row, told };
  });
  invalidatePublicCache(deps.db);
  told.afterCommit();
  return row;
}
