import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, invalidInput, notFound } from '../../lib/errors.ts';
import { getEventForRegistration } from '../events/events.service.ts';
import { type RequestProof, subscribe } from './newsletters.subscribe.ts';
import { newsletterLists } from './newsletters.tables.ts';

// The newsletter box of an event's registration form: the event's network offers its first public list, with that
// list's consent text; a registrant who ticks it gets the same double opt-in as the public form (a pending
// subscription, its proof with `source: registration`, a confirmation mail), nothing sent before they confirm.

export type NewsletterChoice = { listId: string; consentVersion: string };

async function firstPublicList(db: Db, networkId: string) {
  const [list] = await db
    .select()
    .from(newsletterLists)
    .where(
      and(
        eq(newsletterLists.networkId, networkId),
        eq(newsletterLists.visibility, 'public'),
        isNull(newsletterLists.archivedAt),
      ),
    )
    .orderBy(asc(newsletterLists.createdAt))
    .limit(1);
  return list ?? null;
}

/** What the registration form of an event offers: its network's public list and consent text, or null. */
export async function registrationNewsletterOffer(deps: Pick<Deps, 'db'>, eventId: string) {
  const event = await getEventForRegistration(deps.db, eventId);
  if (!event) throw notFound('Événement introuvable');
  const list = await firstPublicList(deps.db, event.networkId);
  return list
    ? { listId: list.id, name: list.name, consentText: list.consentText, consentVersion: list.consentVersion }
    : null;
}

/** Checked before the registration is written: the list must be the one the event's network offers, as shown. */
export async function checkRegistrationNewsletter(db: Db, networkId: string, choice: NewsletterChoice) {
  const list = await firstPublicList(db, networkId);
  if (!list || list.id !== choice.listId)
    throw invalidInput('Lettre d’information inconnue', {
      'newsletter.listId': 'cette lettre n’est pas celle que propose le réseau de l’événement',
    });
  if (list.consentVersion !== choice.consentVersion)
    throw conflict(
      'Le texte de consentement de la lettre d’information vient de changer : rechargez la page, relisez-le et validez de nouveau.',
    );
}

/** After the registration: the double opt-in of the list, recorded as coming from the registration form. */
export function subscribeFromRegistration(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  choice: NewsletterChoice,
  person: { email: string; name: string },
  proof: RequestProof,
) {
  return subscribe(
    deps,
    choice.listId,
    { email: person.email, name: person.name, consent: true, consentVersion: choice.consentVersion },
    proof,
    'registration',
  );
}
