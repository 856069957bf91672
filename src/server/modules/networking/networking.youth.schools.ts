import { createHmac, randomUUID } from 'node:crypto';
import { and, desc, eq, gte } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import { parisToday } from '../memberships/memberships.rules.ts';
import { recordContactInteraction } from '../relations/relations.log.ts';
import { relationContacts } from '../relations/relations.tables.ts';
import { tokenHash } from './networking.links.ts';
import {
  answerSummary,
  isCurrent,
  seasonOf,
  type YouthKind,
  youthKindLabels,
} from './networking.youth.rules.ts';
import { youthAnswers, youthOffers, youthSchoolLinks } from './networking.youth.tables.ts';
import { offersOf, offerView } from './networking.youth.ts';

// The school contacts of the relations log (collèges, lycées, CFA, universities) see the season's offers and answer
// them without an account: a coordinator sends a contact a personal link (HMAC of the session secret over the
// link's id, kept only as a SHA-256 hash, revocable); an answer mails the offer's contact person and is recorded in
// the relations log as an interaction with that school.

type MailDeps = Pick<Deps, 'db' | 'config' | 'clock'>;

export const schoolToken = (secret: string, linkId: string) =>
  createHmac('sha256', `youth-link:${secret}`).update(linkId).digest('base64url');
export const schoolLink = (publicUrl: string, token: string) => `${publicUrl}/jeunes/lien/${token}`;

const INVALID =
  'Ce lien n’est pas valide : vérifiez qu’il est complet, ou demandez un nouveau lien au réseau.';
const REVOKED = 'Ce lien a été retiré par le réseau : demandez-en un nouveau à son équipe.';

async function requireSchoolContact(db: Db, networkId: string, contactId: string) {
  const [c] = isUuid(contactId)
    ? await db.select().from(relationContacts).where(eq(relationContacts.id, contactId))
    : [];
  if (!c || c.networkId !== networkId || c.kind !== 'school')
    throw invalidInput('Contact inconnu', {
      contactId: 'choisissez un établissement scolaire du carnet de relations de ce réseau',
    });
  if (!c.email)
    throw invalidInput('Adresse manquante', {
      contactId: 'ce contact n’a pas d’adresse e-mail dans le carnet',
    });
  return c;
}

/** Sends a school contact its personal link (a coordinator of the network); earlier links stay valid. */
export async function sendSchoolLink(
  deps: MailDeps,
  actor: Actor | null,
  networkId: string,
  contactId: string,
) {
  const network = await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const contact = await requireSchoolContact(deps.db, networkId, contactId);
  const id = randomUUID();
  const token = schoolToken(deps.config.sessionSecret, id);
  const link = schoolLink(deps.config.publicUrl, token);
  const season = seasonOf(parisToday(deps.clock()));
  const mailIds = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx.insert(youthSchoolLinks).values({
      id,
      networkId,
      contactId: contact.id,
      tokenHash: tokenHash(token),
      createdBy: actor?.accountId ?? null,
    });
    await recordAudit(tx, actor, {
      action: 'networking.youth-link-send',
      entityType: 'youth_school_link',
      entityId: id,
      networkIds: [networkId],
      after: { name: contact.name, organizationName: contact.organizationName },
    });
    return writeToOutbox(
      tx,
      [
        {
          to: contact.email!,
          subject: `Stages et alternances chez les adhérents de ${network.name}`,
          text: [
            'Bonjour,',
            '',
            `Les entreprises adhérentes de ${network.name} proposent des stages, des places en alternance, des stages d’observation et des visites pour l’année ${season.label}.`,
            `Ce lien personnel vous les montre et vous permet d’y répondre pour vos élèves, sans créer de compte : ${link}`,
            '',
            'Ne le transférez pas : il est propre à votre établissement.',
            '',
            '— Maillage',
          ].join('\n'),
          kind: 'networking.youth-link',
        },
      ],
      deps.config,
    );
  });
  await deliverFromOutbox(deps, mailIds);
  return { id, contactId: contact.id, link };
}

/** Revokes a link (a coordinator of its network): it then opens on a clear sentence. */
export async function revokeSchoolLink(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  linkId: string,
) {
  const [row] = isUuid(linkId)
    ? await deps.db.select().from(youthSchoolLinks).where(eq(youthSchoolLinks.id, linkId))
    : [];
  if (!row) throw notFound('Lien introuvable');
  await requireCoordinatorOf(deps.db, actor, row.networkId).catch(() => {
    throw notFound('Lien introuvable');
  });
  if (row.revokedAt) return;
  await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    await tx.update(youthSchoolLinks).set({ revokedAt: deps.clock() }).where(eq(youthSchoolLinks.id, linkId));
    await recordAudit(tx, actor, {
      action: 'networking.youth-link-revoke',
      entityType: 'youth_school_link',
      entityId: linkId,
      networkIds: [row.networkId],
    });
  });
}

/** The links of a network's school contacts (its coordinators). */
export async function listSchoolLinks(db: Db, actor: Actor | null, networkId: string) {
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  return db
    .select({
      id: youthSchoolLinks.id,
      contactId: youthSchoolLinks.contactId,
      contactName: relationContacts.name,
      organizationName: relationContacts.organizationName,
      createdAt: youthSchoolLinks.createdAt,
      revokedAt: youthSchoolLinks.revokedAt,
    })
    .from(youthSchoolLinks)
    .innerJoin(relationContacts, eq(relationContacts.id, youthSchoolLinks.contactId))
    .where(eq(youthSchoolLinks.networkId, networkId))
    .orderBy(desc(youthSchoolLinks.createdAt));
}

async function linkByToken(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound(INVALID);
  const [row] = await db
    .select({ link: youthSchoolLinks, contact: relationContacts })
    .from(youthSchoolLinks)
    .innerJoin(relationContacts, eq(relationContacts.id, youthSchoolLinks.contactId))
    .where(eq(youthSchoolLinks.tokenHash, tokenHash(token)));
  if (!row) throw notFound(INVALID);
  // A contact no longer filed as a school has lost its link too.
  if (row.link.revokedAt || row.contact.kind !== 'school') throw notFound(REVOKED);
  return row;
}

/** What a school contact's link opens: the season's published offers of the network, and its own answers. */
export async function schoolView(deps: Pick<Deps, 'db' | 'clock'>, token: string) {
  const { link, contact } = await linkByToken(deps.db, token);
  const network = await requireNetwork(deps.db, link.networkId);
  const today = parisToday(deps.clock());
  const season = seasonOf(today);
  const offers = (await offersOf(deps.db, link.networkId, eq(youthOffers.status, 'published'))).filter((o) =>
    isCurrent(o, today),
  );
  const answers = await deps.db
    .select({
      id: youthAnswers.id,
      offerId: youthAnswers.offerId,
      youngPeople: youthAnswers.youngPeople,
      message: youthAnswers.message,
      createdAt: youthAnswers.createdAt,
    })
    .from(youthAnswers)
    .where(
      and(
        eq(youthAnswers.contactId, contact.id),
        gte(youthAnswers.createdAt, new Date(`${season.startsOn}T00:00:00Z`)),
      ),
    )
    .orderBy(desc(youthAnswers.createdAt));
  return {
    networkName: network.name,
    season: season.label,
    contactName: contact.name,
    schoolName: contact.organizationName,
    offers: offers.map((o) => offerView(o, true)),
    answers,
  };
}

/**
 * A school answers an offer of the season: interest for some young people, with a message. The offer's contact
 * person is mailed (with the school's contact details, so they can reply), and the answer is recorded in the
 * relations log as an interaction with that school.
 */
export async function answerOffer(
  deps: MailDeps,
  token: string,
  input: { offerId: string; youngPeople: number; message: string },
) {
  const { link, contact } = await linkByToken(deps.db, token);
  const today = parisToday(deps.clock());
  const [offer] = isUuid(input.offerId)
    ? await offersOf(deps.db, link.networkId, eq(youthOffers.id, input.offerId))
    : [];
  if (!offer || !isCurrent(offer, today))
    throw invalidInput('Offre inconnue', {
      offerId: 'cette offre n’est pas proposée cette année dans ce réseau',
    });
  if (input.youngPeople > offer.places)
    throw invalidInput('Trop de jeunes', {
      youngPeople: `cette offre accueille au plus ${offer.places} jeune(s)`,
    });
  const network = await requireNetwork(deps.db, link.networkId);
  const school = contact.organizationName ?? contact.name;
  const kindLabel = youthKindLabels[offer.kind as YouthKind] ?? offer.kind;
  const { id, mailIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const interactionId = await recordContactInteraction(tx, {
      networkId: link.networkId,
      contactId: contact.id,
      kind: 'letter',
      on: today,
      summary: answerSummary({
        organizationName: offer.organizationName,
        occupation: offer.occupation,
        kindLabel,
        youngPeople: input.youngPeople,
        message: input.message,
      }),
      topics: ['jeunes', kindLabel.toLowerCase()],
    });
    const [row] = await tx
      .insert(youthAnswers)
      .values({
        networkId: link.networkId,
        offerId: offer.id,
        contactId: contact.id,
        youngPeople: input.youngPeople,
        message: input.message,
        interactionId,
      })
      .returning({ id: youthAnswers.id });
    await recordAudit(tx, null, {
      action: 'networking.youth-answer',
      entityType: 'youth_answer',
      entityId: row.id,
      networkIds: [link.networkId],
      after: { name: school, offerId: offer.id, youngPeople: input.youngPeople },
    });
    const mailIds = await writeToOutbox(
      tx,
      [
        {
          to: offer.contactEmail,
          subject: `${school} répond à votre offre « ${offer.occupation} »`,
          text: [
            `Bonjour ${offer.contactName},`,
            '',
            `${school} (${contact.name}${contact.role ? `, ${contact.role}` : ''}) est intéressé par votre offre « ${offer.occupation} » (${kindLabel.toLowerCase()}) publiée sur ${network.name}, pour ${input.youngPeople} jeune${input.youngPeople > 1 ? 's' : ''}.`,
            '',
            'Message :',
            input.message,
            '',
            `Pour lui répondre : ${[contact.email, contact.phone].filter(Boolean).join(' · ')}`,
            '',
            '— Maillage',
          ].join('\n'),
          kind: 'networking.youth-answer',
        },
      ],
      deps.config,
    );
    return { id: row.id, mailIds };
  });
  await deliverFromOutbox(deps, mailIds);
  return { id, offerId: offer.id, youngPeople: input.youngPeople };
}
