import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { findAccountByEmail, getMe, normalizeEmail } from '../accounts/accounts.service.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { mergeFields, prepareOrganization } from '../organizations/organizations.rules.ts';
import { findBySiret, insertOrganization } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { documentPdf, memberDocuments } from './memberships.documents.ts';
import { type ContactInput, insertMember } from './memberships.members.ts';
import { getSettings, requirePlan } from './memberships.plans.ts';
import { euros, parisToday } from './memberships.rules.ts';
import { memberContacts, members, membershipApplications } from './memberships.tables.ts';

// Joining: the public "Adhérer" form → an application (with the consent to the network's terms and their version)
// → a coordinator approves (the organisation is created in the directory if new, becomes a member, and its first
// call for dues is mailed) or declines (mailed too). A filled honeypot looks like a success and stores nothing.

export type NewOrganization = {
  name: string;
  siret?: string | null;
  postalCode?: string | null;
  address?: string | null;
};
export type ApplicationInput = {
  organizationId?: string | null;
  newOrganization?: NewOrganization | null;
  planId: string;
  contacts: ContactInput[];
  applicantEmail: string;
  message?: string | null;
  termsVersion: string;
  website?: string | null;
};

function newOrganizationFields(input: NewOrganization) {
  return mergeFields(undefined, {
    name: input.name,
    siret: input.siret ?? null,
    postalCode: input.postalCode ?? null,
    address: input.address ?? null,
  });
}

/** Checks the plan's eligibility against what the directory knows of the organisation. */
function checkEligibility(
  plan: { eligibility: string; eligibleValues: string[]; name: string },
  org: { legalCategory: string | null; headcountBracket: string | null },
) {
  const value =
    plan.eligibility === 'legal_categories'
      ? org.legalCategory
      : plan.eligibility === 'headcount_brackets'
        ? org.headcountBracket
        : null;
  if (plan.eligibility === 'any' || value === null) return;
  const ok =
    plan.eligibility === 'legal_categories'
      ? plan.eligibleValues.some((v) => value.startsWith(v))
      : plan.eligibleValues.includes(value);
  if (!ok)
    throw invalidInput('Cette formule ne s’adresse pas à cette organisation', {
      planId: `la formule « ${plan.name} » n’est pas ouverte à cette organisation`,
    });
}

/** A public application to join a network. */
export async function applyToJoin(
  deps: Pick<Deps, 'db' | 'clock' | 'mailer'>,
  networkId: string,
  input: ApplicationInput,
) {
  const network = await requireNetwork(deps.db, networkId);
  if (input.website?.trim()) return { id: randomUUID(), status: 'pending' as const };
  const plan = await requirePlan(deps.db, networkId, input.planId);
  if (!plan.active) throw invalidInput('Formule fermée', { planId: 'cette formule n’est plus proposée' });
  const { settings } = await getSettings(deps.db, networkId);
  if (input.termsVersion !== settings.termsVersion) {
    throw invalidInput('Les conditions d’adhésion ont changé', {
      termsVersion: 'les conditions ont été mises à jour : relisez-les et acceptez-les à nouveau',
    });
  }
  let organizationId = input.organizationId ?? null;
  let newOrganization: NewOrganization | null = null;
  if (!organizationId && !input.newOrganization) {
    throw invalidInput('Organisation manquante', {
      organizationId: 'choisissez votre organisation dans l’annuaire ou décrivez-la',
    });
  }
  if (!organizationId && input.newOrganization) {
    const prepared = prepareOrganization(newOrganizationFields(input.newOrganization));
    if (!prepared.ok) {
      throw invalidInput(
        'Organisation invalide',
        Object.fromEntries(Object.entries(prepared.fields).map(([k, v]) => [`newOrganization.${k}`, v])),
      );
    }
    // A SIRET already in the directory is that organisation.
    const existing = prepared.row.siret ? await findBySiret(deps.db, prepared.row.siret) : undefined;
    if (existing) organizationId = existing.id;
    else newOrganization = { ...input.newOrganization, siret: prepared.row.siret ?? null };
  }
  if (organizationId) {
    const [org] = await deps.db
      .select({
        id: organizations.id,
        legalCategory: organizations.legalCategory,
        headcountBracket: organizations.headcountBracket,
      })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
    if (!org)
      throw invalidInput('Organisation inconnue', { organizationId: 'organisation inconnue de l’annuaire' });
    checkEligibility(plan, org);
    const [member] = await deps.db
      .select({ status: members.status })
      .from(members)
      .where(and(eq(members.networkId, networkId), eq(members.organizationId, organizationId)));
    if (member)
      throw conflict(
        'Cette organisation est déjà adhérente (ou en cours d’adhésion) : contactez le réseau pour renouveler.',
      );
    const [pending] = await deps.db
      .select({ id: membershipApplications.id })
      .from(membershipApplications)
      .where(
        and(
          eq(membershipApplications.networkId, networkId),
          eq(membershipApplications.organizationId, organizationId),
          eq(membershipApplications.status, 'pending'),
        ),
      );
    if (pending)
      throw conflict('Une demande d’adhésion de cette organisation attend déjà la réponse du réseau.');
  }
  if (plan.contactsLimit !== null && input.contacts.length > plan.contactsLimit) {
    throw invalidInput('Trop de contacts pour cette formule', {
      contacts: `la formule « ${plan.name} » couvre ${plan.contactsLimit} personne(s) au plus`,
    });
  }
  if (!input.contacts.some((c) => c.role === 'main'))
    throw invalidInput('Contact principal manquant', { contacts: 'indiquez un contact principal' });
  const now = deps.clock();
  const [row] = await deps.db
    .insert(membershipApplications)
    .values({
      networkId,
      planId: plan.id,
      organizationId,
      newOrganization,
      contacts: input.contacts.map(({ accountId: _a, ...c }) => c),
      applicantEmail: normalizeEmail(input.applicantEmail),
      message: input.message ?? null,
      termsVersion: settings.termsVersion,
      termsText: settings.termsText,
      consentedAt: now,
    })
    .returning();
  await deps.mailer.send({
    to: row.applicantEmail,
    subject: `${network.name} : demande d’adhésion reçue`,
    text: [
      'Bonjour,',
      '',
      `Nous avons bien reçu votre demande d’adhésion à ${network.name} (formule « ${plan.name} », ${euros(plan.priceCents)} HT par an).`,
      'Un coordinateur du réseau l’examine et vous répondra par e-mail.',
      '',
      '— Maillage',
    ].join('\n'),
    kind: 'memberships.application-received',
  });
  return { id: row.id, status: 'pending' as const };
}

export async function listApplications(
  db: Db,
  actor: Actor | null,
  networkId: string,
  opts: { status?: string } = {},
) {
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const rows = await db
    .select()
    .from(membershipApplications)
    .where(
      and(
        eq(membershipApplications.networkId, networkId),
        opts.status ? eq(membershipApplications.status, opts.status) : undefined,
      ),
    )
    .orderBy(asc(membershipApplications.createdAt));
  const ids = rows.flatMap((r) => (r.organizationId ? [r.organizationId] : []));
  const names = new Map(
    ids.length
      ? (
          await db
            .select({ id: organizations.id, name: organizations.name, siret: organizations.siret })
            .from(organizations)
            .where(inArray(organizations.id, ids))
        ).map((o) => [o.id, o])
      : [],
  );
  return rows.map((r) => ({
    ...r,
    organizationName: r.organizationId
      ? (names.get(r.organizationId)?.name ?? '?')
      : (r.newOrganization?.name ?? '?'),
    siret: r.organizationId
      ? (names.get(r.organizationId)?.siret ?? null)
      : (r.newOrganization?.siret ?? null),
  }));
}

/**
 * Approves (the organisation becomes a member and its first call for dues is mailed) or declines an application,
 * with a message mailed to the applicant. A second decision is a 409.
 */
export async function decideApplication(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  networkId: string,
  applicationId: string,
  input: { decision: 'approved' | 'declined'; message?: string | null; startsOn?: string },
) {
  const network = await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const now = deps.clock();
  const { application, memberId, mailIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [application] = await tx
      .update(membershipApplications)
      .set({
        status: input.decision,
        decisionMessage: input.message ?? null,
        decidedAt: now,
        decidedBy: actor?.accountId ?? null,
      })
      .where(
        and(
          eq(membershipApplications.id, applicationId),
          eq(membershipApplications.networkId, networkId),
          eq(membershipApplications.status, 'pending'),
        ),
      )
      .returning();
    if (!application) {
      const [exists] = await tx
        .select({ status: membershipApplications.status })
        .from(membershipApplications)
        .where(
          and(eq(membershipApplications.id, applicationId), eq(membershipApplications.networkId, networkId)),
        );
      if (!exists) throw notFound('Demande d’adhésion introuvable');
      throw conflict(
        `Cette demande a déjà été traitée (${exists.status === 'approved' ? 'acceptée' : 'refusée'}).`,
      );
    }
    let memberId: string | null = null;
    const attachments = [];
    let callText = '';
    if (input.decision === 'approved') {
      const plan = await requirePlan(tx, networkId, application.planId);
      let organizationId = application.organizationId;
      if (!organizationId && application.newOrganization) {
        const existing = application.newOrganization.siret
          ? await findBySiret(tx, application.newOrganization.siret)
          : undefined;
        organizationId =
          existing?.id ??
          (
            await insertOrganization(tx, actor, newOrganizationFields(application.newOrganization), {
              source: 'manual',
              networkId,
            })
          ).id;
      }
      if (!organizationId) throw notFound('Organisation introuvable');
      const contacts: ContactInput[] = [];
      for (const c of application.contacts) {
        const account = c.email ? await findAccountByEmail(tx, c.email) : undefined;
        contacts.push({
          name: c.name,
          role: c.role as ContactInput['role'],
          email: c.email ?? null,
          phone: c.phone ?? null,
          accountId: account?.id ?? null,
        });
      }
      const { member, period } = await insertMember(
        tx,
        actor,
        { networkId, organizationId, plan, startsOn: input.startsOn ?? parisToday(now), contacts },
        now,
      );
      memberId = member.id;
      await tx
        .update(membershipApplications)
        .set({ memberId, organizationId })
        .where(eq(membershipApplications.id, applicationId));
      const [call] = (await memberDocuments(tx, member.id)).filter((d) => d.kind === 'call');
      if (call)
        attachments.push({
          filename: `appel-de-cotisation-${call.number}.pdf`,
          contentType: 'application/pdf',
          content: await documentPdf(call),
        });
      const { settings } = await getSettings(tx, networkId);
      callText = [
        `Votre adhésion court du ${period.startsOn.split('-').reverse().join('/')} au ${period.endsOn.split('-').reverse().join('/')}.`,
        `Appel de cotisation n° ${call?.number} : ${euros(period.amountCents)}${period.vatRateBp === null ? '' : ' TTC'}, ci-joint.`,
        settings.iban
          ? `À régler par virement (IBAN ${settings.iban}), en indiquant la référence ${call?.number}.`
          : '',
        settings.paymentInstructions ?? '',
        `Votre espace adhérent : ${deps.config.publicUrl}/adherents/fiche/${member.id}`,
      ]
        .filter(Boolean)
        .join('\n');
    }
    await recordAudit(tx, actor, {
      action: `membership.application-${input.decision}`,
      entityType: 'membership_application',
      entityId: applicationId,
      networkIds: [networkId],
      after: { status: application.status, memberId },
    });
    const approved = input.decision === 'approved';
    const mailIds = await writeToOutbox(
      tx,
      [
        {
          to: application.applicantEmail,
          subject: `${network.name} : demande d’adhésion ${approved ? 'acceptée' : 'non retenue'}`,
          text: [
            'Bonjour,',
            '',
            approved
              ? `Bienvenue ! Votre demande d’adhésion à ${network.name} est acceptée.`
              : `Votre demande d’adhésion à ${network.name} n’a pas été retenue.`,
            ...(input.message ? ['', 'Message du réseau :', input.message] : []),
            ...(callText ? ['', callText] : []),
            '',
            '— Maillage',
          ].join('\n'),
          attachments,
          kind: approved ? 'memberships.application-approved' : 'memberships.application-declined',
        },
      ],
      deps.config,
    );
    return { application, memberId, mailIds };
  });
  await deliverFromOutbox(deps, mailIds);
  return { ...application, memberId };
}

/** The memberships of the organisations the actor edits or is a named contact of ("my memberships"). */
export async function myMemberships(db: Db, actor: Actor | null) {
  if (!actor?.accountId) return [];
  const me = await getMe(db, actor);
  const orgIds = me.organizations.map((o) => o.id);
  const viaContacts = await db
    .select({ id: memberContacts.memberId })
    .from(memberContacts)
    .where(eq(memberContacts.accountId, actor.accountId));
  const conditions = [];
  if (orgIds.length) conditions.push(inArray(members.organizationId, orgIds));
  if (viaContacts.length)
    conditions.push(
      inArray(
        members.id,
        viaContacts.map((c) => c.id),
      ),
    );
  if (conditions.length === 0) return [];
  return db
    .select({
      id: members.id,
      networkId: members.networkId,
      status: members.status,
      organizationName: organizations.name,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(or(...conditions))
    .orderBy(asc(organizations.name));
}
