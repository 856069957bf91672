import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { isUuid } from '../../lib/fields.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deliverFromOutbox, writeToOutbox } from '../mail/mail.outbox.ts';
import type { MailMessage } from '../mail/mail.service.ts';
import { actorMemberIds, requireActFor, requireParticipant } from './networking.access.ts';
import { type Contact, mailAddresses, mainContacts, memberNames } from './networking.contacts.ts';
import { introductionLink, introductionToken, type Side, tokenHash } from './networking.links.ts';
import { exchangePosts, introductions } from './networking.tables.ts';

// Introductions between two members of one network, asked by one of them or by a coordinator. Both sides get a
// mail with their own accept/decline link; the contacts (names, e-mails, phones of the main contacts) are shown to
// each other only once both accepted, and each side is told once, whatever the number of clicks.

export type Introduction = typeof introductions.$inferSelect;
type MailDeps = Pick<Deps, 'db' | 'config' | 'clock'>;

const other = (side: Side): Side => (side === 'a' ? 'b' : 'a');
const memberOf = (row: Introduction, side: Side) => (side === 'a' ? row.memberAId : row.memberBId);
const answerOf = (row: Introduction, side: Side) => (side === 'a' ? row.answerA : row.answerB);

/** Mails to one side of an introduction (each of its main contacts), with that side's personal link. */
export function sideMails(
  deps: Pick<Deps, 'config'>,
  row: Introduction,
  side: Side,
  contacts: Contact[],
  build: (link: string) => Omit<MailMessage, 'to'>,
): MailMessage[] {
  const link = introductionLink(
    deps.config.publicUrl,
    introductionToken(deps.config.sessionSecret, row.id, side),
  );
  return mailAddresses(contacts).map((to) => ({ to, ...build(link) }));
}

export type IntroductionInput = {
  memberAId: string;
  memberBId: string;
  postId?: string | null;
  message?: string | null;
};

/** Asks for an introduction between two members of a network: both are mailed their personal link. */
export async function requestIntroduction(
  deps: MailDeps,
  actor: Actor | null,
  networkId: string,
  input: IntroductionInput,
) {
  const network = await requireNetwork(deps.db, networkId);
  await requireActFor(deps.db, actor, networkId, input.memberAId);
  if (input.memberAId === input.memberBId)
    throw invalidInput('Mise en relation impossible', {
      memberBId: 'un adhérent ne peut pas être mis en relation avec lui-même',
    });
  const a = await requireParticipant(deps.db, networkId, input.memberAId, 'memberAId');
  const b = await requireParticipant(deps.db, networkId, input.memberBId, 'memberBId');
  let postTitle: string | null = null;
  if (input.postId) {
    const [post] = isUuid(input.postId)
      ? await deps.db.select().from(exchangePosts).where(eq(exchangePosts.id, input.postId))
      : [];
    if (!post || post.networkId !== networkId || ![a.id, b.id].includes(post.memberId))
      throw invalidInput('Annonce inconnue', { postId: 'annonce inconnue pour ces adhérents' });
    postTitle = post.title;
  }
  const pair = or(
    and(eq(introductions.memberAId, a.id), eq(introductions.memberBId, b.id)),
    and(eq(introductions.memberAId, b.id), eq(introductions.memberBId, a.id)),
  );
  const contacts = await mainContacts(deps.db, [a.id, b.id]);
  const { row, mailIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [open] = await tx
      .select({ id: introductions.id })
      .from(introductions)
      .where(and(pair, eq(introductions.status, 'pending')))
      .limit(1);
    if (open) throw conflict('Une mise en relation entre ces deux adhérents attend déjà leurs réponses.');
    const id = randomUUID();
    const secret = deps.config.sessionSecret;
    const [row] = await tx
      .insert(introductions)
      .values({
        id,
        networkId,
        memberAId: a.id,
        memberBId: b.id,
        postId: input.postId ?? null,
        message: input.message ?? null,
        requestedBy: actor?.accountId ?? null,
        tokenHashA: tokenHash(introductionToken(secret, id, 'a')),
        tokenHashB: tokenHash(introductionToken(secret, id, 'b')),
      })
      .returning();
    const mail = (self: typeof a, peer: typeof a) => (link: string) => ({
      subject: `Mise en relation avec ${peer.organizationName} (${network.name})`,
      text: [
        'Bonjour,',
        '',
        `${network.name} vous propose une mise en relation entre ${self.organizationName} et ${peer.organizationName}${postTitle ? `, à propos de l’annonce « ${postTitle} »` : ''}.`,
        ...(input.message ? ['', 'Message :', input.message] : []),
        '',
        'Vos coordonnées ne seront transmises que si vous acceptez tous les deux.',
        `Pour accepter ou refuser : ${link}`,
        '',
        '— Maillage',
      ].join('\n'),
      kind: 'networking.introduction-request',
    });
    const mails = [
      ...sideMails(deps, row, 'a', contacts.get(a.id) ?? [], mail(a, b)),
      ...sideMails(deps, row, 'b', contacts.get(b.id) ?? [], mail(b, a)),
    ];
    await recordAudit(tx, actor, {
      action: 'networking.introduction-request',
      entityType: 'introduction',
      entityId: id,
      networkIds: [networkId],
      after: { name: `${a.organizationName} – ${b.organizationName}`, postId: row.postId },
    });
    return { row, mailIds: await writeToOutbox(tx, mails, deps.config) };
  });
  await deliverFromOutbox(deps, mailIds);
  return row;
}

async function findByToken(db: Db, token: string): Promise<{ row: Introduction; side: Side } | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const hash = tokenHash(token);
  const [row] = await db
    .select()
    .from(introductions)
    .where(or(eq(introductions.tokenHashA, hash), eq(introductions.tokenHashB, hash)))
    .limit(1);
  if (!row) return undefined;
  return { row, side: row.tokenHashA === hash ? 'a' : 'b' };
}

/** What one side sees: the other's contacts only once both accepted; the amount of business never. */
export async function sideView(db: Db, row: Introduction, side: Side) {
  const mine = memberOf(row, side);
  const theirs = memberOf(row, other(side));
  const names = await memberNames(db, [mine, theirs]);
  const [network] = await db
    .select({ name: networks.name })
    .from(networks)
    .where(eq(networks.id, row.networkId));
  const contacts = row.status === 'accepted' ? ((await mainContacts(db, [theirs])).get(theirs) ?? []) : [];
  let postTitle: string | null = null;
  if (row.postId) {
    const [p] = await db
      .select({ title: exchangePosts.title })
      .from(exchangePosts)
      .where(eq(exchangePosts.id, row.postId));
    postTitle = p?.title ?? null;
  }
  return {
    id: row.id,
    networkId: row.networkId,
    networkName: network?.name ?? '',
    side,
    organizationName: names.get(mine) ?? '',
    otherMemberId: theirs,
    otherOrganizationName: names.get(theirs) ?? '',
    message: row.message,
    postId: row.postId,
    postTitle,
    myAnswer: answerOf(row, side),
    status: row.status,
    contacts,
    outcome: row.outcome,
    createdAt: row.createdAt,
  };
}

/** The introduction behind a personal link (404 for an unknown link). */
export async function introductionByToken(db: Db, token: string) {
  const found = await findByToken(db, token);
  if (!found) throw notFound('Lien de mise en relation inconnu');
  return sideView(db, found.row, found.side);
}

/**
 * One side answers (accept | decline). The same answer again changes nothing and sends nothing; another answer
 * once the introduction is settled is a 409. When both have accepted, each side is mailed the other's contacts,
 * once: the row lock makes the last acceptance a single transition.
 */
export async function answerIntroduction(
  deps: MailDeps,
  actor: Actor | null,
  introductionId: string,
  side: Side,
  decision: 'accepted' | 'declined',
) {
  const now = deps.clock();
  const { row, mailIds } = await deps.db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const [row] = await tx
      .select()
      .from(introductions)
      .where(eq(introductions.id, introductionId))
      .for('update');
    if (answerOf(row, side) === decision) return { row, mailIds: [] as string[] };
    if (row.status !== 'pending' || answerOf(row, side) !== 'pending')
      throw conflict('Cette mise en relation a déjà reçu votre réponse.');
    const otherAnswer = answerOf(row, other(side));
    const status = decision === 'declined' ? 'declined' : otherAnswer === 'accepted' ? 'accepted' : 'pending';
    const [updated] = await tx
      .update(introductions)
      .set({
        [side === 'a' ? 'answerA' : 'answerB']: decision,
        status,
        decidedAt: status === 'pending' ? null : now,
        updatedAt: now,
      })
      .where(eq(introductions.id, introductionId))
      .returning();
    const names = await memberNames(tx, [row.memberAId, row.memberBId]);
    await recordAudit(tx, actor, {
      action: decision === 'accepted' ? 'networking.introduction-accept' : 'networking.introduction-decline',
      entityType: 'introduction',
      entityId: row.id,
      networkIds: [row.networkId],
      before: { status: row.status },
      after: { name: names.get(memberOf(row, side)), status },
    });
    let mails: MailMessage[] = [];
    if (status === 'accepted') {
      const contacts = await mainContacts(tx, [row.memberAId, row.memberBId]);
      const mail = (s: Side) => (link: string) => {
        const peer = memberOf(updated, other(s));
        return {
          subject: `Mise en relation acceptée : ${names.get(peer)}`,
          text: [
            'Bonjour,',
            '',
            `${names.get(memberOf(updated, s))} et ${names.get(peer)} ont tous deux accepté la mise en relation.`,
            '',
            `Contacts de ${names.get(peer)} :`,
            ...(contacts.get(peer) ?? []).map(
              (c) => `- ${[c.name, c.email, c.phone].filter(Boolean).join(' · ')}`,
            ),
            '',
            `La mise en relation : ${link}`,
            '',
            '— Maillage',
          ].join('\n'),
          kind: 'networking.introduction-accepted',
        };
      };
      mails = [
        ...sideMails(deps, updated, 'a', contacts.get(updated.memberAId) ?? [], mail('a')),
        ...sideMails(deps, updated, 'b', contacts.get(updated.memberBId) ?? [], mail('b')),
      ];
    }
    return { row: updated, mailIds: await writeToOutbox(tx, mails, deps.config) };
  });
  await deliverFromOutbox(deps, mailIds);
  return row;
}

export async function answerByToken(deps: MailDeps, token: string, decision: 'accepted' | 'declined') {
  const found = await findByToken(deps.db, token);
  if (!found) throw notFound('Lien de mise en relation inconnu');
  const row = await answerIntroduction(deps, null, found.row.id, found.side, decision);
  return sideView(deps.db, row, found.side);
}

/** The side of an introduction the signed-in actor speaks for (404 when none). */
async function actorSide(db: Db, actor: Actor | null, introductionId: string) {
  const [row] = isUuid(introductionId)
    ? await db.select().from(introductions).where(eq(introductions.id, introductionId))
    : [];
  const mine = row ? await actorMemberIds(db, actor, row.networkId, { anyStatus: true }) : [];
  if (!row || (!mine.includes(row.memberAId) && !mine.includes(row.memberBId)))
    throw notFound('Mise en relation introuvable');
  return { row, side: (mine.includes(row.memberAId) ? 'a' : 'b') as Side };
}

export async function answerAsMember(
  deps: MailDeps,
  actor: Actor | null,
  introductionId: string,
  decision: 'accepted' | 'declined',
) {
  const { side } = await actorSide(deps.db, actor, introductionId);
  const row = await answerIntroduction(deps, actor, introductionId, side, decision);
  return sideView(deps.db, row, side);
}

/** "Mes mises en relation": those of the members the actor speaks for, in any network. */
export async function myIntroductions(db: Db, actor: Actor | null) {
  const mine = await actorMemberIds(db, actor, null, { anyStatus: true });
  if (mine.length === 0) return [];
  const rows = await db
    .select()
    .from(introductions)
    .where(or(inArray(introductions.memberAId, mine), inArray(introductions.memberBId, mine)))
    .orderBy(introductions.createdAt)
    .limit(500);
  const out = [];
  for (const row of rows.reverse())
    out.push(await sideView(db, row, mine.includes(row.memberAId) ? 'a' : 'b'));
  return out;
}
