import { and, asc, eq, ne, type SQL } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, invalidInput, notFound } from '../../lib/errors.ts';
import {
  canEditOrganization,
  isCoordinatorOf,
  requireCanEditOrganization,
  requireCoordinatorOf,
  requireSignedIn,
} from '../accounts/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { applicationsOpenNow, requireFair, requireVisibleFair } from './fairs.service.ts';
import { fairExhibitors } from './fairs.tables.ts';

// The exhibitor workflow: an organisation applies → coordinators accept or reject (the applicant is mailed) →
// accepted exhibitors get a stand (zone + number, unique per fair) → the public list links to the directory.

type Exhibitor = typeof fairExhibitors.$inferSelect;
const withdrawnMessage = 'L’organisation a retiré cette candidature : il n’y a plus de décision à prendre.';
export type ApplicationInput = {
  organizationId: string;
  pitch: string;
  needs: { table: boolean; power: boolean; other?: string | null };
};

const isUniqueViolation = (err: unknown, constraint: string): boolean => {
  for (
    let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') return !e.constraint || e.constraint === constraint;
  }
  return false;
};

async function requireApplication(db: Db, fairId: string, applicationId: string): Promise<Exhibitor> {
  const [row] = await db
    .select()
    .from(fairExhibitors)
    .where(and(eq(fairExhibitors.id, applicationId), eq(fairExhibitors.fairId, fairId)))
    .limit(1);
  if (!row) throw notFound('Candidature introuvable');
  return row;
}

/**
 * An organisation applies to exhibit (by someone who may edit it). One live application per organisation and fair:
 * after withdrawing, it may apply again.
 */
export async function applyToFair(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  fairId: string,
  input: ApplicationInput,
) {
  const signedIn = requireSignedIn(actor);
  const fair = await requireVisibleFair(deps.db, actor, fairId);
  await requireCanEditOrganization(deps.db, actor, input.organizationId);
  if (!applicationsOpenNow(fair, deps.clock())) throw conflict('Les candidatures à ce salon sont closes.');
  try {
    return await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [row] = await tx
        .insert(fairExhibitors)
        .values({
          fairId,
          organizationId: input.organizationId,
          pitch: input.pitch.trim(),
          needsTable: input.needs.table,
          needsPower: input.needs.power,
          needsOther: input.needs.other?.trim() || null,
          contactName: signedIn.name,
          contactEmail: signedIn.email,
          appliedBy: signedIn.accountId,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: 'fair.apply',
        entityType: 'fair_exhibitor',
        entityId: row.id,
        networkIds: [fair.networkId],
        after: row,
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'fair_exhibitors_fair_org_live')) {
      throw conflict('Cette organisation a déjà une candidature en cours à ce salon.');
    }
    throw err;
  }
}

/**
 * Applications with their organisations: every one for the fair's coordinators; for anyone else, those of the
 * organisations they may edit (so an applicant follows their own application).
 */
export async function listApplications(
  db: Db,
  actor: Actor | null,
  fairId: string,
  opts: { status?: string } = {},
) {
  requireSignedIn(actor);
  const fair = await requireVisibleFair(db, actor, fairId);
  const coordinator = await isCoordinatorOf(db, actor, fair.networkId);
  const filters: (SQL | undefined)[] = [eq(fairExhibitors.fairId, fairId)];
  if (opts.status) filters.push(eq(fairExhibitors.status, opts.status));
  let rows = await db
    .select()
    .from(fairExhibitors)
    .where(and(...filters))
    .orderBy(asc(fairExhibitors.createdAt));
  if (!coordinator) {
    const mine = [];
    for (const r of rows) if (await canEditOrganization(db, actor, r.organizationId)) mine.push(r);
    rows = mine;
  }
  const orgs = new Map(
    (
      await organizationsByIds(
        db,
        rows.map((r) => r.organizationId),
      )
    ).map((o) => [o.id, o]),
  );
  return {
    canReview: coordinator,
    items: rows.map((r) => ({ ...r, organizationName: orgs.get(r.organizationId)?.name ?? '?' })),
  };
}

/** Accept or reject an application, with a message mailed to the applicant. Rejecting frees the stand. */
export async function decideApplication(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>,
  actor: Actor | null,
  fairId: string,
  applicationId: string,
  input: { decision: 'accepted' | 'rejected'; message?: string | null },
) {
  const fair = await requireFair(deps.db, fairId);
  await requireCoordinatorOf(deps.db, actor, fair.networkId);
  const before = await requireApplication(deps.db, fairId, applicationId);
  if (before.status === 'withdrawn') throw conflict(withdrawnMessage);
  const now = deps.clock();
  const after = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .update(fairExhibitors)
      .set({
        status: input.decision,
        decisionMessage: input.message?.trim() || null,
        decidedAt: now,
        decidedBy: actor?.accountId ?? null,
        updatedAt: now,
        ...(input.decision === 'rejected' ? { standZone: null, standNumber: null } : {}),
      })
      // Not on an application withdrawn meanwhile.
      .where(and(eq(fairExhibitors.id, applicationId), ne(fairExhibitors.status, 'withdrawn')))
      .returning();
    if (!row) throw conflict(withdrawnMessage);
    await recordAudit(tx, actor, {
      action: `fair.application-${input.decision}`,
      entityType: 'fair_exhibitor',
      entityId: applicationId,
      networkIds: [fair.networkId],
      before,
      after: row,
    });
    return row;
  });
  const [org] = await organizationsByIds(deps.db, [after.organizationId]);
  const accepted = input.decision === 'accepted';
  await deps.mailer.send({
    to: after.contactEmail,
    subject: `${fair.name} : candidature ${accepted ? 'acceptée' : 'non retenue'}`,
    text: [
      `Bonjour ${after.contactName},`,
      '',
      accepted
        ? `La candidature de ${org?.name ?? 'votre organisation'} comme exposant à « ${fair.name} » est acceptée.`
        : `La candidature de ${org?.name ?? 'votre organisation'} comme exposant à « ${fair.name} » n’a pas été retenue.`,
      ...(after.decisionMessage ? ['', 'Message des coordinateurs :', after.decisionMessage] : []),
      '',
      accepted ? 'Votre stand vous sera indiqué dès qu’il sera attribué.' : '',
      `Suivre la candidature : ${deps.config.publicUrl}/salons/${fair.id}/candidater`,
      '',
      '— Maillage',
    ].join('\n'),
    kind: accepted ? 'fairs.application-accepted' : 'fairs.application-rejected',
  });
  return after;
}

/** Puts an accepted exhibitor on a stand (or takes them off with `null`); a taken stand is a 409 naming its holder. */
export async function assignStand(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  fairId: string,
  applicationId: string,
  stand: { zone: string; number: number } | null,
) {
  const fair = await requireFair(deps.db, fairId);
  await requireCoordinatorOf(deps.db, actor, fair.networkId);
  const before = await requireApplication(deps.db, fairId, applicationId);
  if (stand && before.status !== 'accepted') {
    throw conflict('Seule une candidature acceptée peut recevoir un stand.');
  }
  if (stand && fair.zones.length > 0 && !fair.zones.includes(stand.zone)) {
    throw invalidInput('Zone inconnue', { zone: `zones de ce salon : ${fair.zones.join(', ')}` });
  }
  try {
    return await deps.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [row] = await tx
        .update(fairExhibitors)
        .set({ standZone: stand?.zone ?? null, standNumber: stand?.number ?? null, updatedAt: deps.clock() })
        // A stand only for an application still accepted (not withdrawn meanwhile).
        .where(
          and(
            eq(fairExhibitors.id, applicationId),
            stand ? eq(fairExhibitors.status, 'accepted') : undefined,
          ),
        )
        .returning();
      if (!row) throw conflict('Seule une candidature acceptée peut recevoir un stand.');
      await recordAudit(tx, actor, {
        action: 'fair.assign-stand',
        entityType: 'fair_exhibitor',
        entityId: applicationId,
        networkIds: [fair.networkId],
        before: { zone: before.standZone, number: before.standNumber },
        after: { zone: row.standZone, number: row.standNumber },
      });
      return row;
    });
  } catch (err) {
    if (!isUniqueViolation(err, 'fair_exhibitors_stand') || !stand) throw err;
    const [holder] = await deps.db
      .select({ organizationId: fairExhibitors.organizationId })
      .from(fairExhibitors)
      .where(
        and(
          eq(fairExhibitors.fairId, fairId),
          eq(fairExhibitors.standZone, stand.zone),
          eq(fairExhibitors.standNumber, stand.number),
        ),
      );
    const [org] = holder ? await organizationsByIds(deps.db, [holder.organizationId]) : [];
    const message = `Le stand ${stand.zone}-${stand.number} est déjà attribué${org ? ` à ${org.name}` : ''}.`;
    throw new AppError('CONFLICT', message, { number: 'stand déjà attribué' });
  }
}
