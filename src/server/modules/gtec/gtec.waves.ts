import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, invalidInput } from '../../lib/errors.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { memberRoster } from '../memberships/memberships.roster.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { answerToken, requireStaff, requireWaveStaff, type WaveRow, waveStatus } from './gtec.access.ts';
import { type QuestionnaireKind, questionnaires } from './gtec.questionnaires.ts';
import { gtecQuestionnaires, gtecRecipients, gtecReminders, gtecWaves } from './gtec.tables.ts';

// A network's survey waves, for its coordinators: opening one (each recipient gets its personal link through the
// outbox), the list of waves, who answered and when (never what), and reminders to those who have not answered.

export type WaveInput = {
  kind: QuestionnaireKind;
  title: string;
  opensOn: string;
  closesOn: string;
  /** Absent: every member in good standing. */
  memberIds?: string[];
  rotatingQuestion?: string | null;
};

/** The stored row of the current version of a questionnaire, created the first time a wave uses it. */
export async function ensureQuestionnaire(db: Db, kind: QuestionnaireKind): Promise<string> {
  const q = questionnaires[kind];
  const find = () =>
    db
      .select({ id: gtecQuestionnaires.id })
      .from(gtecQuestionnaires)
      .where(and(eq(gtecQuestionnaires.kind, kind), eq(gtecQuestionnaires.version, q.version)));
  const [found] = await find();
  if (found) return found.id;
  await db
    .insert(gtecQuestionnaires)
    .values({ kind, version: q.version, title: q.title, definition: q.definition })
    .onConflictDoNothing();
  const [row] = await find();
  return row.id;
}

export const dayLabel = (day: string) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export const answerLink = (publicUrl: string, secret: string, waveId: string, recipientId: string) =>
  `${publicUrl}/gtec/vagues/${waveId}/repondre?jeton=${encodeURIComponent(answerToken(secret, recipientId))}`;

function invitation(
  wave: Pick<WaveRow, 'id' | 'title' | 'opensOn' | 'closesOn'>,
  networkName: string,
  to: { name: string; email: string },
  link: string,
  reminder: boolean,
): MailMessage {
  const lines = [
    `Bonjour ${to.name},`,
    '',
    reminder
      ? `Nous n’avons pas encore reçu la réponse de votre entreprise à l’enquête « ${wave.title} » de ${networkName}. Elle est ouverte jusqu’au ${dayLabel(wave.closesOn)}.`
      : `${networkName} invite votre entreprise à répondre à l’enquête « ${wave.title} », ouverte du ${dayLabel(wave.opensOn)} au ${dayLabel(wave.closesOn)}.`,
    '',
    `Votre lien personnel, sans compte à créer (vos réponses sont enregistrées au fil de la saisie) : ${link}`,
    '',
    'Vos réponses ne sont lues que par votre entreprise : le réseau et ses partenaires ne voient que des chiffres agrégés, protégés par le secret statistique.',
  ];
  return {
    to: to.email,
    subject: reminder
      ? `Rappel : enquête « ${wave.title} »`
      : `Enquête « ${wave.title} » : votre lien de réponse`,
    text: lines.join('\n'),
    kind: reminder ? 'gtec.wave-reminder' : 'gtec.wave-invitation',
  };
}

/** Opens a wave to the network's members in good standing, or to the chosen ones, and mails each its link. */
export async function openWave(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  networkId: string,
  input: WaveInput,
) {
  const network = await requireStaff(deps.db, actor, networkId);
  const today = parisToday(deps.clock());
  if (input.closesOn < input.opensOn)
    throw invalidInput('Dates incohérentes', { closesOn: 'la clôture doit suivre l’ouverture' });
  if (input.closesOn < today)
    throw invalidInput('Vague déjà close', { closesOn: 'la date de clôture est passée' });
  const chosen = input.memberIds ? [...new Set(input.memberIds)] : undefined;
  const roster = await memberRoster(deps.db, network.id, chosen);
  if (chosen && roster.length !== chosen.length)
    throw invalidInput('Adhérent inconnu', {
      memberIds: 'un des adhérents choisis n’appartient pas à ce réseau',
    });
  if (roster.length === 0)
    throw invalidInput('Aucun destinataire', {
      memberIds: 'aucun adhérent à jour de son adhésion à interroger',
    });
  const { wave, outboxIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const questionnaireId = await ensureQuestionnaire(tx, input.kind);
    const [wave] = await tx
      .insert(gtecWaves)
      .values({
        networkId: network.id,
        questionnaireId,
        title: input.title,
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        audience: chosen ? 'chosen' : 'all',
        rotatingQuestion: input.kind === 'pulse' ? (input.rotatingQuestion ?? null) : null,
        createdBy: actor?.accountId ?? null,
      })
      .returning();
    const recipients = await tx
      .insert(gtecRecipients)
      .values(
        roster.map((m) => ({
          waveId: wave.id,
          networkId: network.id,
          memberId: m.memberId,
          organizationId: m.organizationId,
          invitedEmail: m.contact?.email ?? null,
        })),
      )
      .returning({ id: gtecRecipients.id, memberId: gtecRecipients.memberId });
    const contactOf = new Map(roster.map((m) => [m.memberId, m.contact]));
    const mails = recipients.flatMap((r) => {
      const to = contactOf.get(r.memberId);
      const link = answerLink(deps.config.publicUrl, deps.config.sessionSecret, wave.id, r.id);
      return to ? [invitation(wave, network.name, to, link, false)] : [];
    });
    const outboxIds = await writeToOutbox(tx, mails, deps.config);
    await recordAudit(tx, actor, {
      action: 'gtec.wave-open',
      entityType: 'gtec_wave',
      entityId: wave.id,
      networkIds: [network.id],
      after: {
        title: wave.title,
        kind: input.kind,
        opensOn: wave.opensOn,
        closesOn: wave.closesOn,
        recipients: recipients.length,
      },
    });
    return { wave, outboxIds };
  });
  await deliverFromOutbox(deps, outboxIds);
  return {
    id: wave.id,
    recipients: roster.length,
    mailed: outboxIds.length,
    withoutAddress: roster.length - outboxIds.length,
  };
}

/** The members a wave may be sent to (in good standing), for the network's coordinators. */
export async function waveAudience(db: Db, actor: Actor | null, networkId: string) {
  const network = await requireStaff(db, actor, networkId);
  const roster = await memberRoster(db, network.id);
  return roster.map((m) => ({
    memberId: m.memberId,
    organizationName: m.organizationName,
    hasAddress: Boolean(m.contact),
  }));
}

/** The network's waves, latest first, with how many were asked and how many answered. */
export async function listWaves(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, networkId: string) {
  const network = await requireStaff(deps.db, actor, networkId);
  const today = parisToday(deps.clock());
  const rows = await deps.db
    .select({
      id: gtecWaves.id,
      title: gtecWaves.title,
      kind: gtecQuestionnaires.kind,
      version: gtecQuestionnaires.version,
      opensOn: gtecWaves.opensOn,
      closesOn: gtecWaves.closesOn,
      isDemo: gtecWaves.isDemo,
      recipients: count(gtecRecipients.id),
      answered: sql<number>`count(${gtecRecipients.submittedAt})::int`,
    })
    .from(gtecWaves)
    .innerJoin(gtecQuestionnaires, eq(gtecQuestionnaires.id, gtecWaves.questionnaireId))
    .leftJoin(gtecRecipients, eq(gtecRecipients.waveId, gtecWaves.id))
    .where(eq(gtecWaves.networkId, network.id))
    .groupBy(gtecWaves.id, gtecQuestionnaires.kind, gtecQuestionnaires.version)
    .orderBy(desc(gtecWaves.opensOn), desc(gtecWaves.createdAt));
  return {
    networkName: network.name,
    items: rows.map((r) => ({ ...r, kind: r.kind as QuestionnaireKind, status: waveStatus(r, today) })),
  };
}

/** One wave for its coordinators: each recipient, whether and when it answered, the reminders sent. No answers. */
export async function getWave(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, waveId: string) {
  const wave = await requireWaveStaff(deps.db, actor, waveId);
  const [q] = await deps.db
    .select()
    .from(gtecQuestionnaires)
    .where(eq(gtecQuestionnaires.id, wave.questionnaireId));
  const recipients = await deps.db
    .select({
      id: gtecRecipients.id,
      memberId: gtecRecipients.memberId,
      organizationName: organizations.name,
      invitedEmail: gtecRecipients.invitedEmail,
      submittedAt: gtecRecipients.submittedAt,
      remindersSent: gtecRecipients.remindersSent,
      lastRemindedAt: gtecRecipients.lastRemindedAt,
    })
    .from(gtecRecipients)
    .innerJoin(organizations, eq(organizations.id, gtecRecipients.organizationId))
    .where(eq(gtecRecipients.waveId, wave.id))
    .orderBy(asc(organizations.name));
  return {
    id: wave.id,
    networkId: wave.networkId,
    title: wave.title,
    kind: q.kind as QuestionnaireKind,
    questionnaireVersion: q.version,
    questionnaireTitle: q.title,
    opensOn: wave.opensOn,
    closesOn: wave.closesOn,
    audience: wave.audience,
    rotatingQuestion: wave.rotatingQuestion,
    isDemo: wave.isDemo,
    status: waveStatus(wave, parisToday(deps.clock())),
    answered: recipients.filter((r) => r.submittedAt).length,
    recipients,
  };
}

/**
 * Reminds the recipients who have not answered (and have an address), once per run key: the button's key is the
 * day, so a second click the same day sends nothing twice. Only while the wave is open.
 */
export async function sendReminders(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  waveId: string,
  runKey?: string,
) {
  const wave = await requireWaveStaff(deps.db, actor, waveId);
  const now = deps.clock();
  const today = parisToday(now);
  const status = waveStatus(wave, today);
  if (status !== 'open')
    throw new AppError(
      'CONFLICT',
      status === 'closed' ? 'La vague est close : plus de rappel' : 'La vague n’est pas encore ouverte',
      {
        wave:
          status === 'closed'
            ? `vague close le ${dayLabel(wave.closesOn)}`
            : `vague ouverte à partir du ${dayLabel(wave.opensOn)}`,
      },
    );
  const key = runKey ?? `manual:${today}`;
  const network = await requireNetwork(deps.db, wave.networkId);
  const outboxIds = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const pending = await tx
      .select({ id: gtecRecipients.id, email: gtecRecipients.invitedEmail, name: organizations.name })
      .from(gtecRecipients)
      .innerJoin(organizations, eq(organizations.id, gtecRecipients.organizationId))
      .where(
        and(
          eq(gtecRecipients.waveId, wave.id),
          isNull(gtecRecipients.submittedAt),
          isNotNull(gtecRecipients.invitedEmail),
        ),
      );
    if (pending.length === 0) return [];
    const claimed = await tx
      .insert(gtecReminders)
      .values(pending.map((p) => ({ recipientId: p.id, runKey: key })))
      .onConflictDoNothing()
      .returning({ id: gtecReminders.id, recipientId: gtecReminders.recipientId });
    if (claimed.length === 0) return [];
    const byId = new Map(pending.map((p) => [p.id, p]));
    const mails = claimed.map((c) => {
      const p = byId.get(c.recipientId)!;
      const link = answerLink(deps.config.publicUrl, deps.config.sessionSecret, wave.id, p.id);
      return invitation(wave, network.name, { name: p.name, email: p.email! }, link, true);
    });
    const ids = await writeToOutbox(tx, mails, deps.config);
    await Promise.all(
      claimed.map((c, i) =>
        tx.update(gtecReminders).set({ outboxId: ids[i] }).where(eq(gtecReminders.id, c.id)),
      ),
    );
    await tx
      .update(gtecRecipients)
      .set({ remindersSent: sql`${gtecRecipients.remindersSent} + 1`, lastRemindedAt: now })
      .where(
        inArray(
          gtecRecipients.id,
          claimed.map((c) => c.recipientId),
        ),
      );
    await recordAudit(tx, actor, {
      action: 'gtec.wave-remind',
      entityType: 'gtec_wave',
      entityId: wave.id,
      networkIds: [wave.networkId],
      after: { runKey: key, reminded: claimed.length },
    });
    return ids;
  });
  await deliverFromOutbox(deps, outboxIds);
  return { reminded: outboxIds.length };
}
