import { and, eq } from 'drizzle-orm';
import { type Actor, type Deps, systemActor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { canEditOrganization, requireSignedIn } from '../accounts/authz.ts';
import { listMembers } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getEventForRegistration } from '../events/events.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { type Fair, requireFair } from './fairs.service.ts';
import { fairExhibitors } from './fairs.tables.ts';

// An organisation withdraws its application (pending or accepted) before the fair starts: the row stays as
// `withdrawn` for the coordinators' records, its stand is freed for someone else, it leaves the public list, and
// the fair's coordinators are mailed through the outbox in the same transaction (sent once it commits). The
// organisation may apply again afterwards (a new application).

type Exhibitor = typeof fairExhibitors.$inferSelect;
type WithdrawDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function frenchDate(date: Date, timeZone: string) {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone });
    dateFormatters.set(timeZone, f);
  }
  return f.format(date);
}

const standLabel = (row: Pick<Exhibitor, 'standZone' | 'standNumber'>) =>
  row.standZone && row.standNumber ? `${row.standZone}-${row.standNumber}` : null;

/** Why this application cannot be withdrawn now, in words for the applicant; null when it can. */
function refusal(row: Exhibitor, startsAt: Date, now: Date, timeZone: string): string | null {
  if (row.status === 'withdrawn') {
    const when = row.withdrawnAt ? ` le ${frenchDate(row.withdrawnAt, timeZone)}` : '';
    return `Cette candidature a déjà été retirée${when}.`;
  }
  if (row.status === 'rejected') return 'Cette candidature n’a pas été retenue : il n’y a rien à retirer.';
  if (startsAt <= now) {
    return `Le salon a commencé le ${frenchDate(startsAt, timeZone)} : la candidature ne peut plus être retirée. Prévenez directement les coordinateurs.`;
  }
  return null;
}

/**
 * Withdraws an application for whoever may act for the applicant organisation (its editors, the coordinators of
 * its networks, platform admins). Refused with a 409 naming the reason when already withdrawn, rejected, or once
 * the fair has started.
 */
export async function withdrawApplication(
  deps: WithdrawDeps,
  actor: Actor | null,
  fairId: string,
  applicationId: string,
  input: { message?: string | null },
) {
  requireSignedIn(actor);
  const fair = await requireFair(deps.db, fairId);
  const application = await deps.db
    .select()
    .from(fairExhibitors)
    .where(and(eq(fairExhibitors.id, applicationId), eq(fairExhibitors.fairId, fairId)))
    .limit(1);
  if (!application[0]) throw notFound('Candidature introuvable');
  if (!(await canEditOrganization(deps.db, actor, application[0].organizationId))) {
    throw forbidden(
      'Seules les personnes qui gèrent l’organisation candidate peuvent retirer sa candidature.',
    );
  }
  const event = await getEventForRegistration(deps.db, fair.eventId);
  if (!event) throw notFound('Événement introuvable');
  const now = deps.clock();
  const message = input.message?.trim() || null;
  const coordinators = (await listMembers(deps, systemActor, fair.networkId)).filter(
    (m) => m.role === 'coordinator',
  );
  const [org] = await organizationsByIds(deps.db, [application[0].organizationId]);
  const { after, mailIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    // Locked, so that a second withdrawal or a coordinator's decision or stand change waits and then sees this one.
    const [before] = await tx
      .select()
      .from(fairExhibitors)
      .where(eq(fairExhibitors.id, applicationId))
      .for('update');
    if (!before) throw notFound('Candidature introuvable');
    const why = refusal(before, event.startsAt, now, event.timezone);
    if (why) throw conflict(why);
    const [after] = await tx
      .update(fairExhibitors)
      .set({
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawnBy: actor?.accountId ?? null,
        withdrawalMessage: message,
        standZone: null,
        standNumber: null,
        updatedAt: now,
      })
      .where(eq(fairExhibitors.id, applicationId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'fair.application-withdrawn',
      entityType: 'fair_exhibitor',
      entityId: applicationId,
      networkIds: [fair.networkId],
      before: { status: before.status, standZone: before.standZone, standNumber: before.standNumber },
      after: { status: after.status, standZone: null, standNumber: null, message },
    });
    // The coordinators' mails commit (or roll back) with the withdrawal; they are sent once it has committed.
    const mail = withdrawalMail(deps, actor, fair, org?.name ?? 'Une organisation', before, message);
    const mailIds = await writeToOutbox(
      tx,
      coordinators.map((c) => ({ ...mail, to: c.email })),
      deps.config,
    );
    return { after, mailIds };
  });
  await deliverFromOutbox(deps, mailIds);
  return after;
}

/** The mail to the fair's coordinators: which organisation withdrew, who did, the stand freed, its message. */
function withdrawalMail(
  deps: Pick<Deps, 'config'>,
  actor: Actor | null,
  fair: Fair,
  name: string,
  before: Exhibitor,
  message: string | null,
): Omit<MailMessage, 'to'> {
  const stand = standLabel(before);
  const text = [
    'Bonjour,',
    '',
    `${name} retire sa candidature d’exposant à « ${fair.name} » (candidature ${
      before.status === 'accepted' ? 'acceptée' : 'en attente'
    }).`,
    stand
      ? `Le stand ${stand} est libéré : vous pouvez l’attribuer à un autre exposant.`
      : 'Aucun stand ne lui était attribué.',
    `Retrait fait par ${actor?.name ?? 'Maillage'} (${actor?.email ?? 'système'}).`,
    '',
    ...(message ? ['Son message :', message] : ['Aucun message n’accompagne ce retrait.']),
    '',
    `Candidatures du salon : ${deps.config.publicUrl}/salons/${fair.id}/gestion`,
    '',
    '— Maillage',
  ].join('\n');
  return {
    subject: `${fair.name} : ${name} retire sa candidature`,
    text,
    kind: 'fairs.application-withdrawn',
  };
}
