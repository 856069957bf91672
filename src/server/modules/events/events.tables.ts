import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { networks } from '../accounts/accounts.tables.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** A campaign is one edition of a programme (Mois de l'ESS 2026) run by a network, with a call for events. */
export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    /** Markdown; rendered sanitised. */
    description: text('description'),
    /** Canonical territory code the campaign covers (region:44). */
    territory: text('territory'),
    /** Period of the programme, calendar dates in Europe/Paris. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** Theme codes proposed to organisers (see events.reference.ts). */
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    callOpensAt: timestamp('call_opens_at', { withTimezone: true }),
    callClosesAt: timestamp('call_closes_at', { withTimezone: true }),
    /** draft | open | closed | archived */
    status: text('status').notNull().default('draft'),
    /** When false, edits to a published event are published at once instead of going back to moderation. */
    editsRequireModeration: boolean('edits_require_moderation').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_network').on(t.networkId)],
);

/**
 * An event. The columns hold the working version until the first publication, then the public (last published)
 * version; an edit of a published event that needs moderation waits in `pendingEdit`, so that the public keeps
 * seeing the published version meanwhile (the listing filters on plain columns, which keeps it fast).
 */
export const events = pgTable(
  'events',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
    /** Organising organisations (directory ids); the first one is the main organiser. */
    organizerOrganizationIds: uuid('organizer_organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Markdown source; rendered with marked + sanitize-html, plain text in feeds. */
    description: text('description'),
    /** conference | workshop | visit | afterwork | fair | training | business_meeting | screening | festive | other */
    format: text('format').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** general_public | professionals | youth | jobseekers | local_authorities */
    audiences: text('audiences').array().notNull().default(sql`'{}'::text[]`),
    /** First occurrence (or the only one). Instants; displayed in `timezone`. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timezone: text('timezone').notNull().default('Europe/Paris'),
    /** RFC 5545 RRULE without the "RRULE:" prefix (FREQ=MONTHLY;BYDAY=1TH), expanded in `timezone`. */
    recurrenceRule: text('recurrence_rule'),
    /** Days (YYYY-MM-DD in `timezone`) on which a recurring event does not take place (EXDATE). */
    recurrenceExceptions: text('recurrence_exceptions').array().notNull().default(sql`'{}'::text[]`),
    /**
     * RFC 5545 SEQUENCE of the event's calendar entries: raised by each edit of its dates, so that calendar apps
     * holding an entry (a feed, a registration's .ics) update it rather than ignore the newer one.
     */
    icsSequence: integer('ics_sequence').notNull().default(0),
    /** End of the last occurrence; null for an open-ended recurrence. Used to filter by date window. */
    lastEndsAt: timestamp('last_ends_at', { withTimezone: true }),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    postalCode: text('postal_code'),
    /** Commune INSEE code; parents denormalised from the territories reference for filters. */
    communeCode: text('commune_code'),
    communeName: text('commune_name'),
    epciCode: text('epci_code'),
    departmentCode: text('department_code'),
    regionCode: text('region_code'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    onlineUrl: text('online_url'),
    /** motor | visual | hearing | cognitive | psychic */
    accessibility: text('accessibility').array().notNull().default(sql`'{}'::text[]`),
    isFree: boolean('is_free').notNull().default(true),
    priceText: text('price_text'),
    /** none | maillage | external */
    registrationMode: text('registration_mode').notNull().default('none'),
    /** Seats, for registrationMode = maillage (null = unlimited). */
    capacity: integer('capacity'),
    registrationUrl: text('registration_url'),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    /** Registration for the network's current members only (signed in, or confirmed from a member's address). */
    membersOnly: boolean('members_only').notNull().default(false),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    imageId: uuid('image_id'),
    /** draft | submitted | changes_requested | published | rejected | cancelled */
    status: text('status').notNull().default('draft'),
    /** For a published event: an edit awaiting moderation (null when none), and its state. */
    pendingEdit: jsonb('pending_edit'),
    /** submitted | changes_requested | rejected (state of `pendingEdit`) */
    pendingEditStatus: text('pending_edit_status'),
    /** Last message from the coordinator (changes asked, rejection reason, cancellation reason). */
    moderationMessage: text('moderation_message'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** The event this one was renewed from ("renew last year's event"). */
    copiedFromId: uuid('copied_from_id'),
    createdBy: uuid('created_by'),
    /** Who is told by e-mail of moderation decisions: the account that last submitted the event. */
    notifyEmail: text('notify_email'),
    /** Lower-cased, accent-free title, summary, venue, commune and organisers: full-text filter. */
    searchText: text('search_text').notNull().default(''),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('events_campaign_status_start').on(t.campaignId, t.status, t.startsAt),
    index('events_status_start').on(t.status, t.startsAt),
    index('events_network').on(t.networkId),
    index('events_department').on(t.departmentCode),
    index('events_organizers').using('gin', t.organizerOrganizationIds),
  ],
);

/** Event images, stored in the database (bytea) so that backups and both engines carry them without a file store. */
export const eventImages = pgTable('event_images', {
  id: id(),
  eventId: uuid('event_id')
    .notNull()
    .references(() => events.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: createdAt(),
});
