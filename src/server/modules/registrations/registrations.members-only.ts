import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { accounts, networks, organizationEditors } from '../accounts/accounts.tables.ts';
import { viewerLevel } from '../memberships/memberships.directory.ts';
import { memberContacts, members } from '../memberships/memberships.tables.ts';
import type { RegistrationEvent } from './registrations.event.ts';
import { when } from './registrations.mail.ts';

// Events for the network's current members only. A member registers signed in (an editor of a member organisation,
// or a named contact with their account), or with the address the network knows for its organisation: then the
// registration waits for a click in a mail sent to that address, so that nobody registers in a member's name and
// the answer is the same whether the address is a member's or not (nobody learns who the members are).

const LIVE = ['active', 'grace'];
const TOKEN_PREFIX = 'MLGM1';
const VALID_MS = 48 * 3600_000;

/** Whether the address is a named contact of a current member of the network, or an editor of a member organisation. */
export async function isMemberAddress(db: Db, networkId: string, email: string): Promise<boolean> {
  const address = email.trim().toLowerCase();
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .leftJoin(memberContacts, eq(memberContacts.memberId, members.id))
    .leftJoin(organizationEditors, eq(organizationEditors.organizationId, members.organizationId))
    .leftJoin(accounts, eq(accounts.id, organizationEditors.accountId))
    .where(
      and(
        eq(members.networkId, networkId),
        inArray(members.status, LIVE),
        or(sql`lower(${memberContacts.email}) = ${address}`, sql`lower(${accounts.email}) = ${address}`),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** Whether the signed-in actor is one of the network's current members (or its staff). */
export async function isSignedInMember(db: Db, actor: Actor | null, networkId: string): Promise<boolean> {
  return (await viewerLevel(db, actor, networkId)) !== 'public';
}

/** What a confirmation link carries: the sign-up as it was asked, until it expires. */
export type PendingSignUp = {
  eventId: string;
  occurrence: string;
  name: string;
  email: string;
  organization: string | null;
  accessibilityNeeds: string | null;
  expiresAt: number;
};

const signature = (secret: string, payload: string) =>
  createHmac('sha256', `members-only:${secret}`).update(payload).digest().subarray(0, 18);

export function signPendingSignUp(secret: string, pending: PendingSignUp): string {
  const payload = Buffer.from(JSON.stringify(pending)).toString('base64url');
  return `${TOKEN_PREFIX}.${payload}.${signature(secret, payload).toString('base64url')}`;
}

/** The sign-up behind a link, or a 400 naming `token` when it is forged, altered or expired. */
export function verifyPendingSignUp(secret: string, token: string, now: Date): PendingSignUp {
  const parts = token.trim().split('.');
  const bad = invalidInput('Lien de confirmation invalide', {
    token:
      'ce lien de confirmation n’est pas valide : recommencez l’inscription depuis la page de l’événement',
  });
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) throw bad;
  const given = Buffer.from(parts[2], 'base64url');
  const expected = signature(secret, parts[1]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad;
  let pending: PendingSignUp;
  try {
    pending = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as PendingSignUp;
  } catch {
    throw bad;
  }
  if (pending.expiresAt < now.getTime())
    throw invalidInput('Lien de confirmation expiré', {
      token:
        'ce lien de confirmation a expiré (48 heures) : recommencez l’inscription depuis la page de l’événement',
    });
  return pending;
}

/**
 * A member-only event asked for by someone not signed in as a member: a confirmation link to the address if it is a
 * member's, nothing otherwise. The caller answers the same in both cases.
 */
export async function mailConfirmationIfMember(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  event: RegistrationEvent,
  occurrence: Date,
  input: { name: string; email: string; organization: string | null; accessibilityNeeds: string | null },
) {
  if (!(await isMemberAddress(deps.db, event.networkId, input.email))) return;
  const [network] = await deps.db
    .select({ name: networks.name })
    .from(networks)
    .where(eq(networks.id, event.networkId));
  const token = signPendingSignUp(deps.config.sessionSecret, {
    eventId: event.id,
    occurrence: occurrence.toISOString(),
    ...input,
    expiresAt: deps.clock().getTime() + VALID_MS,
  });
  const link = `${deps.config.publicUrl}/inscription/confirmer/${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: input.email,
    subject: `Confirmez votre inscription : ${event.title}`,
    text: [
      `Bonjour ${input.name},`,
      '',
      `« ${event.title} » est réservé aux adhérents de ${network?.name ?? 'ce réseau'}. Pour confirmer votre inscription, ouvrez ce lien dans les 48 heures :`,
      link,
      '',
      `Quand : ${when(event, occurrence)}`,
      '',
      'Vous n’avez rien demandé ? Ignorez ce message : personne ne sera inscrit.',
      '',
      '— Maillage',
      '',
    ].join('\n'),
    kind: 'events.registration-member-confirm',
  });
}
