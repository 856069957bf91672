import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type EventRow, loadEvent, requireManageEvent, requireModerator } from './events.access.ts';
import { invalidatePublicCache } from './events.cache.ts';
import { applyDatesChanged } from './events.dates-changed.ts';
import type { EventInput } from './events.schemas.ts';
import { events } from './events.tables.ts';
import { prepareValues, registrationsAudit } from './events.write.ts';

// The moderation workflow: an organiser submits; a coordinator of the event's network publishes, asks for changes
// (with a message) or rejects (with a reason); the organiser is told by e-mail. Edits of a published event wait in
// `pendingEdit` and go through the same three decisions.

type ModerationDeps = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config' | 'log'>;

async function save(
  deps: ModerationDeps,
  actor: Actor | null,
  e: EventRow,
  action: string,
  set: Partial<typeof events.$inferInsert>,
  note?: string,
): Promise<EventRow> {
  const { updated, effect } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .update(events)
      .set({ ...set, updatedAt: deps.clock() })
      .where(eq(events.id, e.id))
      .returning();
    // A published edit of the dates moves or cancels the registrations (nothing when the dates stay).
    const effect = await applyDatesChanged(tx, deps, e, row);
    await recordAudit(tx, actor, {
      action,
      entityType: 'event',
      entityId: e.id,
      networkIds: [e.networkId],
      before: { status: e.status, pendingEditStatus: e.pendingEditStatus },
      after: {
        status: row.status,
        pendingEditStatus: row.pendingEditStatus,
        message: note ?? null,
        ...registrationsAudit(effect),
      },
    });
    return { updated: row, effect };
  });
  invalidatePublicCache(deps.db);
  effect.afterCommit();
  return updated;
}

/** Where an event stands, in words, for the sentence that says why a moderation step does not apply. */
const standing: Record<string, string> = {
  draft: 'c’est un brouillon',
  submitted: 'il attend déjà la modération',
  changes_requested: 'des modifications ont été demandées à son organisateur',
  published: 'il est publié',
  rejected: 'il a été refusé',
  cancelled: 'il est annulé',
};
const stands = (status: string) => standing[status] ?? `son statut est « ${status} »`;

/** Mails the organiser the decision, unless the person who took it is the one who would receive it. */
async function tellOrganizer(
  deps: ModerationDeps,
  actor: Actor | null,
  e: EventRow,
  subject: string,
  body: string,
) {
  const to = e.notifyEmail ?? e.contactEmail;
  if (!to || to.toLowerCase() === actor?.email?.toLowerCase()) return;
  const url = `${deps.config.publicUrl}/agenda/evenements/${e.id}`;
  await deps.mailer.send({
    to,
    subject: `${subject} : ${e.title}`,
    text: `Bonjour,\n\n${body}\n\nVotre événement : ${url}\n\n— Maillage`,
    kind: 'events.moderation',
  });
}

const requireMessage = (message: string | undefined, field: string) => {
  if (!message?.trim()) throw invalidInput('Message requis', { [field]: 'message requis' });
  return message.trim();
};

/** The organiser hands a draft (or an event sent back for changes) to the coordinators. */
export async function submitEvent(deps: ModerationDeps, actor: Actor | null, id: string) {
  const e = await loadEvent(deps.db, id);
  await requireManageEvent(deps.db, actor, e);
  if (e.status !== 'draft' && e.status !== 'changes_requested') {
    if (e.status === 'published' && e.pendingEditStatus === 'changes_requested') {
      return save(deps, actor, e, 'event.edit-submitted', {
        pendingEditStatus: 'submitted',
        submittedAt: deps.clock(),
      });
    }
    throw conflict(`Cet événement ne peut pas être soumis : ${stands(e.status)}.`);
  }
  return save(deps, actor, e, 'event.submit', {
    status: 'submitted',
    submittedAt: deps.clock(),
    notifyEmail: actor?.email ?? e.notifyEmail,
  });
}

/** Publishes a submitted event, or the pending edit of a published one. */
export async function publishEvent(deps: ModerationDeps, actor: Actor | null, id: string) {
  const e = await loadEvent(deps.db, id);
  await requireModerator(deps.db, actor, e);
  let row: EventRow;
  if (e.status === 'published' && e.pendingEdit && e.pendingEditStatus !== 'rejected') {
    const values = await prepareValues(deps, e.pendingEdit as EventInput);
    row = await save(deps, actor, e, 'event.publish-edit', {
      ...values,
      pendingEdit: null,
      pendingEditStatus: null,
      moderationMessage: null,
      publishedAt: deps.clock(),
    });
  } else if (e.status === 'draft' || e.status === 'submitted' || e.status === 'changes_requested') {
    row = await save(deps, actor, e, 'event.publish', {
      status: 'published',
      moderationMessage: null,
      publishedAt: deps.clock(),
    });
  } else {
    throw conflict(`Rien à publier : ${stands(e.status)}.`);
  }
  await tellOrganizer(deps, actor, row, 'Événement publié', 'Votre événement est publié dans l’agenda.');
  return row;
}

/** Sends the event (or its pending edit) back to the organiser with a message. */
export async function requestChanges(
  deps: ModerationDeps,
  actor: Actor | null,
  id: string,
  message?: string,
) {
  const text = requireMessage(message, 'message');
  const e = await loadEvent(deps.db, id);
  await requireModerator(deps.db, actor, e);
  let row: EventRow;
  if (e.status === 'published' && e.pendingEditStatus === 'submitted') {
    row = await save(
      deps,
      actor,
      e,
      'event.edit-changes-requested',
      {
        pendingEditStatus: 'changes_requested',
        moderationMessage: text,
      },
      text,
    );
  } else if (e.status === 'submitted') {
    row = await save(
      deps,
      actor,
      e,
      'event.changes-requested',
      {
        status: 'changes_requested',
        moderationMessage: text,
      },
      text,
    );
  } else {
    throw conflict(`Aucune proposition en attente : ${stands(e.status)}.`);
  }
  await tellOrganizer(
    deps,
    actor,
    row,
    'Modifications demandées',
    `La coordination demande des modifications :\n\n${text}`,
  );
  return row;
}

/** Rejects a submitted event, or discards the pending edit of a published one (the published version stays). */
export async function rejectEvent(deps: ModerationDeps, actor: Actor | null, id: string, reason?: string) {
  const text = requireMessage(reason, 'reason');
  const e = await loadEvent(deps.db, id);
  await requireModerator(deps.db, actor, e);
  let row: EventRow;
  if (e.status === 'published' && e.pendingEdit) {
    row = await save(
      deps,
      actor,
      e,
      'event.edit-rejected',
      {
        pendingEdit: null,
        pendingEditStatus: 'rejected',
        moderationMessage: text,
      },
      text,
    );
  } else if (e.status === 'submitted' || e.status === 'changes_requested' || e.status === 'draft') {
    row = await save(deps, actor, e, 'event.reject', { status: 'rejected', moderationMessage: text }, text);
  } else {
    throw conflict(`Rien à refuser : ${stands(e.status)}.`);
  }
  await tellOrganizer(
    deps,
    actor,
    row,
    'Événement refusé',
    `La coordination n’a pas retenu la proposition :\n\n${text}`,
  );
  return row;
}
