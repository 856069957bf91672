import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, invalidInput } from '../../lib/errors.ts';
import { isCoordinatorOf, requireSignedIn } from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { callIsOpen, type EventRow, loadCampaign, loadEvent, requireManageEvent } from './events.access.ts';
import { invalidatePublicCache } from './events.cache.ts';
import { applyDatesChanged, type DatesEffect, previewDatesChanged } from './events.dates-changed.ts';
import { existingOrganizers, organizerNames } from './events.organizers.ts';
import { checkOrganizers } from './events.publishing.ts';
import type { EventInput, EventPatch } from './events.schemas.ts';
import { events } from './events.tables.ts';
import { toWall } from './events.time.ts';
import { type EventValues, rowToInput, validateEventInput } from './events.validate.ts';

type WriteDeps = Pick<Deps, 'db' | 'clock'>;
type EditDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log'>;

/** Validates the input and checks that every organising organisation exists (none: the network organises). */
export async function prepareValues(deps: Pick<Deps, 'db'>, input: EventInput): Promise<EventValues> {
  const names = await organizerNames(deps.db, input.organizerOrganizationIds);
  const missing = input.organizerOrganizationIds.filter((id) => !names.has(id));
  if (missing.length) {
    throw invalidInput('Organisation inconnue', {
      organizerOrganizationIds: `organisation inconnue : ${missing.join(', ')}`,
    });
  }
  return validateEventInput(input, [...names.values()]);
}

/** Creates an event as a draft. Organisers may add events to a campaign only while its call for events is open. */
export async function createEvent(
  deps: WriteDeps,
  actor: Actor | null,
  input: EventInput,
  opts: { isDemo?: boolean; status?: 'draft' | 'published'; copiedFromId?: string } = {},
): Promise<EventRow> {
  const who = requireSignedIn(actor);
  const campaign = input.campaignId ? await loadCampaign(deps.db, input.campaignId) : undefined;
  const networkId = campaign?.networkId ?? input.networkId;
  if (!networkId) throw invalidInput('Réseau requis', { networkId: 'réseau requis hors campagne' });
  const coordinator = await isCoordinatorOf(deps.db, who, networkId);
  await checkOrganizers(deps.db, who, networkId, input.organizerOrganizationIds, coordinator);
  if (campaign && !coordinator && !callIsOpen(campaign, deps.clock())) {
    throw conflict('L’appel à événements de cette campagne est fermé');
  }
  if (opts.status === 'published' && !coordinator) throw forbidden('Seuls les coordinateurs publient');
  const values = await prepareValues(deps, input);
  const now = deps.clock();
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(events)
      .values({
        ...values,
        networkId,
        campaignId: campaign?.id ?? null,
        status: opts.status ?? 'draft',
        publishedAt: opts.status === 'published' ? now : null,
        createdBy: who.accountId,
        notifyEmail: who.accountId ? who.email : values.contactEmail,
        copiedFromId: opts.copiedFromId ?? null,
        isDemo: opts.isDemo ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx as never, who, {
      action: 'event.create',
      entityType: 'event',
      entityId: created.id,
      networkIds: [networkId],
      after: { title: created.title, status: created.status, campaignId: created.campaignId },
    });
    return created;
  });
  invalidatePublicCache(deps.db);
  return row;
}

/** What an edit amounts to: the merged input, its checked values, and whether it waits for moderation. */
async function planEdit(deps: Pick<Deps, 'db'>, actor: Actor | null, id: string, patch: EventPatch) {
  const current = await loadEvent(deps.db, id);
  await requireManageEvent(deps.db, actor, current);
  if (current.status === 'cancelled' || current.status === 'rejected') {
    throw conflict(`Un événement ${current.status === 'cancelled' ? 'annulé' : 'refusé'} ne se modifie plus`);
  }
  const base: EventInput =
    current.pendingEdit && current.pendingEditStatus !== 'rejected'
      ? (current.pendingEdit as EventInput)
      : rowToInput(current);
  const { campaignId: _c, networkId: _n, ...changes } = patch;
  const merged: EventInput = {
    ...base,
    ...changes,
    campaignId: current.campaignId,
    networkId: current.networkId,
  };
  // Organisers deleted from the directory since are dropped, unless the edit names them itself.
  if (!patch.organizerOrganizationIds) {
    merged.organizerOrganizationIds = await existingOrganizers(deps.db, merged.organizerOrganizationIds);
  }
  const coordinator = await isCoordinatorOf(deps.db, actor, current.networkId);
  if (patch.organizerOrganizationIds) {
    await checkOrganizers(
      deps.db,
      actor!,
      current.networkId,
      merged.organizerOrganizationIds,
      coordinator,
      current.organizerOrganizationIds,
    );
  }
  const values = await prepareValues(deps, merged);
  const campaign = current.campaignId ? await loadCampaign(deps.db, current.campaignId) : undefined;
  const moderated =
    current.status === 'published' && !coordinator && (campaign?.editsRequireModeration ?? true);
  return { current, merged, values, moderated };
}

/**
 * Edits an event. Before publication the event itself changes. Once published, an organiser's edit waits in
 * `pendingEdit` for moderation when the campaign asks for it (the public keeps the published version); a
 * coordinator's edit, or any edit when the campaign does not moderate edits, is published at once. An edit of the
 * dates moves or cancels the registrations in the same transaction (events.dates-changed.ts); the audit entry says
 * how many.
 */
export async function updateEvent(
  deps: EditDeps,
  actor: Actor | null,
  id: string,
  patch: EventPatch,
): Promise<EventRow> {
  const { current, merged, values, moderated } = await planEdit(deps, actor, id, patch);
  const now = deps.clock();
  const { updated, effect } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .update(events)
      .set(
        moderated
          ? {
              pendingEdit: merged,
              pendingEditStatus: 'submitted',
              submittedAt: now,
              notifyEmail: actor!.email,
              updatedAt: now,
            }
          : { ...values, pendingEdit: null, pendingEditStatus: null, updatedAt: now },
      )
      .where(eq(events.id, id))
      .returning();
    const effect = await applyDatesChanged(tx, deps, current, row);
    await recordAudit(tx, actor, {
      action: moderated ? 'event.edit-submitted' : 'event.update',
      entityType: 'event',
      entityId: id,
      networkIds: [current.networkId],
      before: rowToInput(current),
      after: { ...merged, ...registrationsAudit(effect) },
    });
    return { updated: row, effect };
  });
  invalidatePublicCache(deps.db);
  effect.afterCommit();
  return updated;
}

/** For an audit entry: what an edit did to the registrations, when it did anything. */
export const registrationsAudit = (e: DatesEffect) =>
  e.moved || e.cancelled
    ? {
        registrations: {
          moved: e.moved,
          movedToWaitlist: e.movedToWaitlist,
          cancelled: e.cancelled,
          cancelledDates: e.cancelledDates.map((d) => ({ ...d, startsAt: d.startsAt.toISOString() })),
        },
      }
    : {};

/**
 * What an edit would do to the registrations, before saving it (same rights and checks as the edit): how many
 * move to a new date (and of those how many onto its waiting list), how many are cancelled because their date is
 * removed with no counterpart. An edit that waits for moderation
 * does it when published.
 */
export async function previewEventEdit(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  id: string,
  patch: EventPatch,
) {
  const { current, values, moderated } = await planEdit(deps, actor, id, patch);
  const effect = await previewDatesChanged(deps.db, current, { ...values, id }, deps.clock());
  return { eventId: id, afterModeration: moderated, ...effect };
}

/** Copies an event into another campaign (next edition) as a draft, dates shifted by whole weeks. */
export async function renewEvent(
  deps: WriteDeps,
  actor: Actor | null,
  id: string,
  campaignId: string,
): Promise<EventRow> {
  const source = await loadEvent(deps.db, id);
  await requireManageEvent(deps.db, actor, source);
  if (!campaignId) throw invalidInput('Campagne requise', { campaignId: 'campagne de destination requise' });
  const target = await loadCampaign(deps.db, campaignId);
  if (target.id === source.campaignId) throw conflict('Cet événement est déjà dans cette campagne');
  const from = source.campaignId ? (await loadCampaign(deps.db, source.campaignId)).startsOn : null;
  const days = from
    ? (Date.parse(target.startsOn) - Date.parse(from)) / 86_400_000
    : (Date.parse(target.startsOn) - source.startsAt.getTime()) / 86_400_000;
  const shiftMs = Math.round(days / 7) * 7 * 86_400_000;
  // Shift wall-clock times, so that 18:30 stays 18:30 across daylight-saving changes.
  const shift = (d: Date) =>
    new Date(toWall(d, source.timezone).getTime() + shiftMs).toISOString().slice(0, 16);
  const input = {
    ...rowToInput(source),
    start: shift(source.startsAt),
    end: shift(source.endsAt),
    registrationClosesAt: null,
    campaignId: target.id,
  };
  return createEvent(deps, actor, input, { copiedFromId: source.id });
}
