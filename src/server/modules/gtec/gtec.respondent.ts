import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import {
  AppError,
  type FieldErrors,
  forbidden,
  invalidInput,
  notFound,
  unauthenticated,
} from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { membersActorIs } from '../memberships/memberships.roster.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { findWave, verifyAnswerToken, type WaveRow, waveStatus } from './gtec.access.ts';
import {
  type AnswerPatch,
  type GtecData,
  gtecSubmitErrors,
  type PulseData,
  pulseSubmitErrors,
  type QuestionnaireKind,
  romeFields,
} from './gtec.questionnaires.ts';
import { gtecAnswers, gtecQuestionnaires, gtecRecipients, gtecWaves } from './gtec.tables.ts';
import { dayLabel } from './gtec.waves.ts';
import { romeLabels } from './rome.service.ts';

// A company answering a wave: through its personal link (the token), or signed in as one of its editors or named
// contacts. This is the only way to a company's answers: the network's coordinators and the platform admin are
// not the company, and no other route reads `gtec_answers`.

export type Respondent = {
  wave: WaveRow;
  kind: QuestionnaireKind;
  questionnaireVersion: number;
  recipientId: string;
  organizationName: string;
  via: 'link' | 'account';
};

/** The recipient the request speaks for, in this wave; a clear refusal otherwise. */
export async function requireRespondent(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor | null,
  waveId: string,
  token: string | undefined,
): Promise<Respondent> {
  const wave = await findWave(deps.db, waveId);
  let recipientId: string | null = null;
  if (token) {
    recipientId = verifyAnswerToken(deps.config.sessionSecret, token);
    if (!recipientId)
      throw new AppError(
        'NOT_FOUND',
        'Lien de réponse invalide : vérifiez qu’il est complet, tel que reçu par courriel',
        {
          token: 'lien incomplet ou modifié',
        },
      );
    const [r] = await deps.db
      .select({ waveId: gtecRecipients.waveId })
      .from(gtecRecipients)
      .where(eq(gtecRecipients.id, recipientId));
    if (!r) throw notFound('Lien de réponse invalide : cette invitation n’existe plus');
    if (!wave || r.waveId !== wave.id)
      throw new AppError('FORBIDDEN', 'Ce lien de réponse est celui d’une autre enquête', {
        token: 'lien d’une autre vague d’enquête',
      });
  } else {
    if (!actor) throw unauthenticated('Ouvrez le lien reçu par courriel, ou connectez-vous');
    const mine = wave ? await membersActorIs(deps.db, actor) : [];
    const [r] = mine.length
      ? await deps.db
          .select({ id: gtecRecipients.id })
          .from(gtecRecipients)
          .where(
            and(
              eq(gtecRecipients.waveId, wave!.id),
              inArray(
                gtecRecipients.memberId,
                mine.map((m) => m.memberId),
              ),
            ),
          )
      : [];
    if (!r) throw forbidden('Réservé à l’entreprise interrogée : seule elle lit et saisit ses réponses');
    recipientId = r.id;
  }
  if (!wave) throw notFound('Vague d’enquête introuvable');
  const [row] = await deps.db
    .select({
      kind: gtecQuestionnaires.kind,
      version: gtecQuestionnaires.version,
      organizationName: organizations.name,
    })
    .from(gtecRecipients)
    .innerJoin(organizations, eq(organizations.id, gtecRecipients.organizationId))
    .innerJoin(gtecQuestionnaires, eq(gtecQuestionnaires.id, wave.questionnaireId))
    .where(eq(gtecRecipients.id, recipientId));
  return {
    wave,
    kind: row.kind as QuestionnaireKind,
    questionnaireVersion: row.version,
    recipientId,
    organizationName: row.organizationName,
    via: token ? 'link' : 'account',
  };
}

type AnswerRow = typeof gtecAnswers.$inferSelect;
async function answerOf(db: Db, recipientId: string): Promise<AnswerRow | undefined> {
  const [row] = await db.select().from(gtecAnswers).where(eq(gtecAnswers.recipientId, recipientId));
  return row;
}

/** The wave must take answers today: refused before it opens and after it closes, naming the wave. */
function requireOpen(wave: WaveRow, now: Date) {
  const status = waveStatus(wave, parisToday(now));
  if (status === 'closed')
    throw new AppError(
      'CONFLICT',
      `Enquête close le ${dayLabel(wave.closesOn)} : les réponses ne sont plus acceptées`,
      {
        wave: `vague close le ${dayLabel(wave.closesOn)}`,
      },
    );
  if (status === 'scheduled')
    throw new AppError('CONFLICT', `Enquête ouverte à partir du ${dayLabel(wave.opensOn)}`, {
      wave: `vague ouverte à partir du ${dayLabel(wave.opensOn)}`,
    });
}

/** What the company sees: the wave, the questionnaire version, its own answers and the labels of its codes. */
export async function myAnswer(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token?: string,
) {
  const who = await requireRespondent(deps, actor, waveId, token);
  const answer = await answerOf(deps.db, who.recipientId);
  const data = (answer?.data ?? {}) as GtecData & { pulse?: PulseData };
  const labels = await romeLabels(
    deps.db,
    romeFields(data).map((f) => f.code),
  );
  return {
    wave: {
      id: who.wave.id,
      title: who.wave.title,
      kind: who.kind,
      questionnaireVersion: who.questionnaireVersion,
      opensOn: who.wave.opensOn,
      closesOn: who.wave.closesOn,
      rotatingQuestion: who.wave.rotatingQuestion,
      status: waveStatus(who.wave, parisToday(deps.clock())),
      isDemo: who.wave.isDemo,
    },
    organizationName: who.organizationName,
    answer: answer
      ? {
          status: answer.status as 'draft' | 'submitted' | 'withdrawn',
          data,
          updatedAt: answer.updatedAt,
          submittedAt: answer.submittedAt,
        }
      : null,
    romeLabels: Object.fromEntries(labels),
  };
}

/** The codes of `data` missing from the referential, as field errors. */
async function unknownRomeErrors(db: Db, data: GtecData): Promise<FieldErrors> {
  const fields = romeFields(data);
  const known = await romeLabels(
    db,
    fields.map((f) => f.code),
  );
  const errors: FieldErrors = {};
  for (const f of fields) if (!known.has(f.code)) errors[f.field] = `métier : code ROME inconnu (${f.code})`;
  return errors;
}

function checkSections(kind: QuestionnaireKind, patch: AnswerPatch) {
  const keys = Object.keys(patch);
  const wrong = kind === 'pulse' ? keys.filter((k) => k !== 'pulse') : keys.filter((k) => k === 'pulse');
  if (wrong.length)
    throw invalidInput('Rubrique d’un autre questionnaire', {
      [wrong[0]]:
        kind === 'pulse'
          ? 'cette enquête flash ne pose pas cette question'
          : 'cette rubrique est celle de l’enquête flash',
    });
}

/** Saves a draft (autosave): the sections given replace the stored ones; types and codes are checked. */
export async function saveDraft(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token: string | undefined,
  patch: AnswerPatch,
) {
  const who = await requireRespondent(deps, actor, waveId, token);
  const now = deps.clock();
  requireOpen(who.wave, now);
  checkSections(who.kind, patch);
  const errors = await unknownRomeErrors(deps.db, patch);
  if (Object.keys(errors).length) throw invalidInput('Code ROME inconnu', errors);
  const current = await answerOf(deps.db, who.recipientId);
  if (current?.status === 'submitted')
    throw new AppError('CONFLICT', 'Réponse déjà envoyée : retirez-la pour la modifier', {
      status: 'réponse envoyée',
    });
  const data = { ...(current?.status === 'draft' ? current.data : {}), ...patch };
  await deps.db
    .insert(gtecAnswers)
    .values({
      recipientId: who.recipientId,
      waveId: who.wave.id,
      questionnaireId: who.wave.questionnaireId,
      status: 'draft',
      data,
    })
    .onConflictDoUpdate({
      target: gtecAnswers.recipientId,
      set: { data, status: 'draft', submittedAt: null, updatedAt: now },
    });
  return { status: 'draft' as const, savedAt: now };
}

/** Submits the draft once it meets the questionnaire's rules (each broken rule named by its field). */
export async function submitAnswer(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token?: string,
) {
  const who = await requireRespondent(deps, actor, waveId, token);
  const now = deps.clock();
  requireOpen(who.wave, now);
  const current = await answerOf(deps.db, who.recipientId);
  if (!current || current.status === 'withdrawn')
    throw invalidInput('Rien à envoyer', { answer: 'aucune réponse saisie' });
  if (current.status === 'submitted')
    return { status: 'submitted' as const, submittedAt: current.submittedAt };
  const data = current.data as GtecData & { pulse?: PulseData };
  const errors =
    who.kind === 'pulse'
      ? pulseSubmitErrors(data.pulse ?? {})
      : { ...(await unknownRomeErrors(deps.db, data)), ...gtecSubmitErrors(data) };
  if (Object.keys(errors).length) throw invalidInput('Réponse incomplète ou incohérente', errors);
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx
      .update(gtecAnswers)
      .set({ status: 'submitted', submittedAt: now, updatedAt: now })
      .where(eq(gtecAnswers.recipientId, who.recipientId));
    await tx.update(gtecRecipients).set({ submittedAt: now }).where(eq(gtecRecipients.id, who.recipientId));
    await recordAudit(tx, actor, {
      action: 'gtec.answer-submit',
      entityType: 'gtec_recipient',
      entityId: who.recipientId,
      networkIds: [who.wave.networkId],
      after: { via: who.via },
    });
  });
  return { status: 'submitted' as const, submittedAt: now };
}

/** Withdraws the company's answers until the wave closes: the figures are emptied, not kept aside. */
export async function withdrawAnswer(
  deps: Pick<Deps, 'db' | 'config' | 'clock'>,
  actor: Actor | null,
  waveId: string,
  token?: string,
) {
  const who = await requireRespondent(deps, actor, waveId, token);
  const now = deps.clock();
  requireOpen(who.wave, now);
  const current = await answerOf(deps.db, who.recipientId);
  if (!current || current.status === 'withdrawn')
    throw invalidInput('Rien à retirer', { answer: 'aucune réponse enregistrée' });
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx
      .update(gtecAnswers)
      .set({ status: 'withdrawn', data: {}, submittedAt: null, updatedAt: now })
      .where(eq(gtecAnswers.recipientId, who.recipientId));
    await tx.update(gtecRecipients).set({ submittedAt: null }).where(eq(gtecRecipients.id, who.recipientId));
    await recordAudit(tx, actor, {
      action: 'gtec.answer-withdraw',
      entityType: 'gtec_recipient',
      entityId: who.recipientId,
      networkIds: [who.wave.networkId],
      after: { via: who.via },
    });
  });
  return { status: 'withdrawn' as const };
}

/** The waves the signed-in actor's companies were asked to answer, with their answer's state. */
export async function myWaves(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null) {
  const mine = await membersActorIs(deps.db, actor);
  if (mine.length === 0) return [];
  const rows = await deps.db
    .select({
      waveId: gtecWaves.id,
      title: gtecWaves.title,
      opensOn: gtecWaves.opensOn,
      closesOn: gtecWaves.closesOn,
      organizationName: organizations.name,
      answerStatus: gtecAnswers.status,
    })
    .from(gtecRecipients)
    .innerJoin(gtecWaves, eq(gtecWaves.id, gtecRecipients.waveId))
    .innerJoin(organizations, eq(organizations.id, gtecRecipients.organizationId))
    .leftJoin(gtecAnswers, eq(gtecAnswers.recipientId, gtecRecipients.id))
    .where(
      inArray(
        gtecRecipients.memberId,
        mine.map((m) => m.memberId),
      ),
    );
  const today = parisToday(deps.clock());
  return rows
    .map((r) => ({
      ...r,
      status: waveStatus(r, today),
      answerStatus: (r.answerStatus ?? 'none') as 'none' | 'draft' | 'submitted' | 'withdrawn',
    }))
    .sort((a, b) => b.opensOn.localeCompare(a.opensOn));
}
