import { z } from 'zod';
import { dateField, oneLine } from '../../lib/fields.ts';

// HTTP shapes of the events module (also the OpenAPI document). Domain checks (known codes, end after start,
// commune) are in the services so that the CLI and the seed get them too.

const optionalText = (max: number) => z.string().trim().max(max).nullish();
const codeList = z.array(z.string().max(40)).max(20);

const eventFields = z.object({
  campaignId: z.uuid().nullish(),
  /** Required when the event belongs to no campaign. */
  networkId: z.uuid().nullish(),
  /** The organising organisations; none: the network itself organises (its coordinators only). */
  organizerOrganizationIds: z.array(z.uuid('organisation invalide')).max(10, 'au plus 10 organisations'),
  title: oneLine(z.string().trim().min(3, 'titre trop court').max(200)),
  summary: optionalText(500),
  description: optionalText(20_000),
  format: z.string().max(40),
  themes: codeList,
  audiences: codeList,
  /** Local date-time in Europe/Paris ("2026-11-05T18:30") or an ISO instant with offset. */
  start: z.string().max(40),
  end: z.string().max(40),
  recurrenceRule: optionalText(300),
  /** Days (YYYY-MM-DD, Europe/Paris) on which a recurring event does not take place. */
  recurrenceExceptions: z.array(dateField()).max(100, 'au plus 100 dates exclues').nullish(),
  venueName: optionalText(200),
  venueAddress: optionalText(300),
  postalCode: optionalText(10),
  /** INSEE commune code (any accepted form: 54395, com:54395). */
  communeCode: optionalText(20),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  onlineUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  accessibility: codeList,
  isFree: z.boolean(),
  priceText: optionalText(200),
  registrationMode: z.enum(['none', 'maillage', 'external']),
  capacity: z
    .number()
    .int('nombre entier attendu')
    .positive('nombre entier positif attendu')
    .max(100_000)
    .nullish(),
  registrationUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullish(),
  registrationClosesAt: z.string().max(40).nullish(),
  membersOnly: z.boolean(),
  contactName: optionalText(200),
  contactEmail: z.email().max(200).nullish(),
  contactPhone: optionalText(40),
});
export const eventInput = eventFields.extend({
  organizerOrganizationIds: eventFields.shape.organizerOrganizationIds.default([]),
  themes: codeList.default([]),
  audiences: codeList.default([]),
  accessibility: codeList.default([]),
  isFree: z.boolean().default(true),
  registrationMode: z.enum(['none', 'maillage', 'external']).default('none'),
  membersOnly: z.boolean().default(false),
});
export type EventInput = z.infer<typeof eventInput>;
/** A partial edit: only the fields sent change (no defaults here). */
export const eventPatch = eventFields.partial();
export type EventPatch = z.infer<typeof eventPatch>;

const organizerRef = z.object({ id: z.string(), name: z.string() });

export const eventSummary = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  format: z.string(),
  themes: z.array(z.string()),
  audiences: z.array(z.string()),
  /** This occurrence (the event itself when it does not repeat). */
  startsAt: z.string(),
  endsAt: z.string(),
  isRecurring: z.boolean(),
  recurrenceRule: z.string().nullable(),
  venueName: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  onlineUrl: z.string().nullable(),
  accessibility: z.array(z.string()),
  isFree: z.boolean(),
  priceText: z.string().nullable(),
  registrationMode: z.string(),
  capacity: z.number().nullable(),
  /** Registration for the network's current members only. */
  membersOnly: z.boolean(),
  /** null: no limit or no registration on Maillage. */
  seatsLeft: z.number().nullable(),
  status: z.string(),
  campaignId: z.string().nullable(),
  organizers: z.array(organizerRef),
  imageUrl: z.string().nullable(),
  isDemo: z.boolean(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const eventDetail = eventSummary.extend({
  description: z.string().nullable(),
  descriptionHtml: z.string(),
  timezone: z.string(),
  firstStartsAt: z.string(),
  firstEndsAt: z.string(),
  lastEndsAt: z.string().nullable(),
  /** Days a recurring event skips (YYYY-MM-DD). */
  recurrenceExceptions: z.array(z.string()),
  upcomingOccurrences: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  venueAddress: z.string().nullable(),
  postalCode: z.string().nullable(),
  epciCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  registrationUrl: z.string().nullable(),
  registrationClosesAt: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  networkId: z.string(),
  /** The network the event is published in (its organiser when no organisation is named). */
  network: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  campaign: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  /** Only for those who may manage the event. */
  manage: z
    .object({
      canEdit: z.boolean(),
      canModerate: z.boolean(),
      moderationMessage: z.string().nullable(),
      pendingEdit: z.record(z.string(), z.unknown()).nullable(),
      pendingEditStatus: z.string().nullable(),
      start: z.string(),
      end: z.string(),
    })
    .optional(),
});
export type EventDetail = z.infer<typeof eventDetail>;

const csv = z
  .string()
  .max(500)
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
  );
const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

export const listingQuery = z.object({
  campaign: z.string().max(100).optional(),
  territory: z.string().max(30).optional(),
  organizer: z.uuid().optional(),
  /** A commune code, or "lat,lon". */
  near: z.string().max(40).optional(),
  radiusKm: z.coerce.number().positive().max(500).default(20),
  /** Calendar dates (Europe/Paris) or ISO instants; default: from now on. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  q: z.string().max(200).optional(),
  theme: csv,
  format: csv,
  audience: csv,
  accessibility: csv,
  free: flag,
  hasSeats: flag,
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListingQuery = z.infer<typeof listingQuery>;

// The fields of a campaign without defaults: an edit sends only what changes, and a default applied to a field left
// out would silently reset it (zod applies defaults inside `.partial()`).
const campaignFields = z.object({
  networkId: z.uuid(),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'minuscules, chiffres et tirets')
    .max(80),
  name: oneLine(z.string().trim().min(3).max(200)),
  description: optionalText(20_000),
  territory: optionalText(30),
  startsOn: dateField(),
  endsOn: dateField(),
  themes: codeList,
  callOpensAt: z.string().max(40).nullish(),
  callClosesAt: z.string().max(40).nullish(),
  status: z.enum(['draft', 'open', 'closed', 'archived']),
  editsRequireModeration: z.boolean(),
});
export const campaignInput = campaignFields.extend({
  themes: codeList.default([]),
  status: campaignFields.shape.status.default('draft'),
  editsRequireModeration: z.boolean().default(true),
});
/** A campaign edit: any subset of the fields, none defaulted. */
export const campaignUpdate = campaignFields.omit({ networkId: true }).partial();
export type CampaignInput = z.infer<typeof campaignInput>;

export const campaignOut = z.object({
  id: z.string(),
  networkId: z.string(),
  network: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  descriptionHtml: z.string(),
  territory: z.string().nullable(),
  territoryName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  themes: z.array(z.string()),
  callOpensAt: z.string().nullable(),
  callClosesAt: z.string().nullable(),
  callIsOpen: z.boolean(),
  status: z.string(),
  editsRequireModeration: z.boolean(),
  publishedEventCount: z.number(),
  isDemo: z.boolean(),
});
