import { or, sql } from 'drizzle-orm';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  plural,
} from '../privacy/privacy.types.ts';
import { events } from './events.tables.ts';

// Events that name an address: as their public contact, or as the account told of moderation decisions.

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const rows = await ctx.db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      contactName: events.contactName,
      contactEmail: events.contactEmail,
      contactPhone: events.contactPhone,
      notifyEmail: events.notifyEmail,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(or(sql`lower(${events.contactEmail}) = ${email}`, sql`lower(${events.notifyEmail}) = ${email}`));
  return { module: 'events', tables: [{ name: 'events', rows }] };
}

/** Erasure: the events stay (they are the organiser's); the person is no longer their contact nor told of them. */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const contact = await ctx.db
    .update(events)
    .set({ contactName: null, contactEmail: null, contactPhone: null })
    .where(sql`lower(${events.contactEmail}) = ${who.email}`)
    .returning({ id: events.id });
  const notified = await ctx.db
    .update(events)
    .set({ notifyEmail: null })
    .where(sql`lower(${events.notifyEmail}) = ${who.email}`)
    .returning({ id: events.id });
  const n = new Set([...contact, ...notified].map((e) => e.id)).size;
  return {
    module: 'events',
    tables: erased(
      'events',
      0,
      n,
      `${plural(n, 'événement')} conservé${n > 1 ? 's' : ''} sans la personne comme contact`,
    ),
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'events',
    name: { fr: 'Contacts des événements', en: 'Events’ contacts' },
    data: {
      fr: 'Nom, adresse e-mail et téléphone du contact public d’un événement',
      en: 'Name, e-mail address and phone of an event’s public contact',
    },
    purpose: {
      fr: 'Publier l’événement et prévenir de la modération',
      en: 'Publish the event and tell of moderation',
    },
    legalBasis: { fr: 'Intérêt légitime de l’organisateur', en: 'The organiser’s legitimate interest' },
    retention: () => ({ fr: 'Tant que l’événement est publié', en: 'While the event is published' }),
    audience: {
      fr: 'Le public (contact affiché) ; les coordinateurs',
      en: 'The public (contact shown); coordinators',
    },
  },
];
