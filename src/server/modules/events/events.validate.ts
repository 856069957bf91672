import { type FieldErrors, invalidInput } from '../../lib/errors.ts';
import { communeAncestry, normalizeName } from '../territories/territories.service.ts';
import { accessibilityCodes, audienceCodes, formatCodes, themeCodes } from './events.reference.ts';
import type { EventInput } from './events.schemas.ts';
import type { events } from './events.tables.ts';
import { formatLocalDateTime, lastEndOf, PARIS, parseLocalDateTime, parseRule } from './events.time.ts';

type EventRow = typeof events.$inferSelect;

/** The columns an organiser's input sets (everything but ids, status and moderation fields). */
export type EventValues = Pick<
  EventRow,
  | 'organizerOrganizationIds'
  | 'title'
  | 'summary'
  | 'description'
  | 'format'
  | 'themes'
  | 'audiences'
  | 'startsAt'
  | 'endsAt'
  | 'timezone'
  | 'recurrenceRule'
  | 'recurrenceExceptions'
  | 'lastEndsAt'
  | 'venueName'
  | 'venueAddress'
  | 'postalCode'
  | 'communeCode'
  | 'communeName'
  | 'epciCode'
  | 'departmentCode'
  | 'regionCode'
  | 'latitude'
  | 'longitude'
  | 'onlineUrl'
  | 'accessibility'
  | 'isFree'
  | 'priceText'
  | 'registrationMode'
  | 'capacity'
  | 'registrationUrl'
  | 'registrationClosesAt'
  | 'membersOnly'
  | 'contactName'
  | 'contactEmail'
  | 'contactPhone'
  | 'searchText'
>;

function unknownCodes(list: string[], known: Set<string>, field: string, what: string, errors: FieldErrors) {
  const bad = list.filter((c) => !known.has(c));
  if (bad.length) errors[field] = `${what} inconnu : ${bad.join(', ')}`;
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/**
 * Checks an event's input against the domain (known codes, end after start, commune, registration) and gives the
 * column values; one 400 listing every faulty field otherwise.
 */
export function validateEventInput(input: EventInput, organizerLabels: string[] = []): EventValues {
  const errors: FieldErrors = {};
  if (!formatCodes.has(input.format)) errors.format = `format inconnu : ${input.format}`;
  unknownCodes(input.themes, themeCodes, 'themes', 'thème', errors);
  unknownCodes(input.audiences, audienceCodes, 'audiences', 'public', errors);
  unknownCodes(input.accessibility, accessibilityCodes, 'accessibility', 'accessibilité', errors);

  const startsAt = parseLocalDateTime(input.start, PARIS);
  const endsAt = parseLocalDateTime(input.end, PARIS);
  if (!startsAt) errors.start = 'date et heure invalides (AAAA-MM-JJTHH:MM)';
  if (!endsAt) errors.end = 'date et heure invalides (AAAA-MM-JJTHH:MM)';
  if (startsAt && endsAt && endsAt <= startsAt) errors.end = 'la fin doit être après le début';

  let recurrenceRule: string | null = null;
  if (blank(input.recurrenceRule)) {
    try {
      recurrenceRule = parseRule(input.recurrenceRule!).text;
    } catch {
      errors.recurrenceRule = 'règle RRULE invalide (ex. FREQ=MONTHLY;BYDAY=1TH)';
    }
  }

  let place: ReturnType<typeof communeAncestry>;
  if (blank(input.communeCode)) {
    place = communeAncestry(input.communeCode!);
    if (!place) errors.communeCode = `commune inconnue : ${input.communeCode}`;
  }
  if (!blank(input.communeCode) && !input.onlineUrl) {
    errors.communeCode = 'indiquez la commune du lieu ou un lien en ligne';
  }
  const hasLat = input.latitude !== null && input.latitude !== undefined;
  const hasLon = input.longitude !== null && input.longitude !== undefined;
  if (hasLat !== hasLon) errors[hasLat ? 'longitude' : 'latitude'] = 'latitude et longitude vont ensemble';

  if (input.registrationMode === 'external' && !input.registrationUrl) {
    errors.registrationUrl = 'lien d’inscription requis pour une inscription externe';
  }
  if (!input.isFree && !blank(input.priceText)) errors.priceText = 'indiquez le tarif';
  let registrationClosesAt: Date | null = null;
  if (blank(input.registrationClosesAt)) {
    registrationClosesAt = parseLocalDateTime(input.registrationClosesAt!, PARIS) ?? null;
    if (!registrationClosesAt) errors.registrationClosesAt = 'date et heure invalides';
  }
  if (Object.keys(errors).length) {
    throw invalidInput(`Événement invalide (${Object.keys(errors).join(', ')})`, errors);
  }

  // Excepted days only mean something for a recurring event; kept sorted and once each.
  const recurrenceExceptions = recurrenceRule ? [...new Set(input.recurrenceExceptions ?? [])].sort() : [];
  const timing = {
    startsAt: startsAt!,
    endsAt: endsAt!,
    recurrenceRule,
    recurrenceExceptions,
    timezone: PARIS,
  };
  const values: EventValues = {
    organizerOrganizationIds: [...new Set(input.organizerOrganizationIds)],
    title: input.title.trim(),
    summary: blank(input.summary),
    description: blank(input.description),
    format: input.format,
    themes: [...new Set(input.themes)],
    audiences: [...new Set(input.audiences)],
    ...timing,
    lastEndsAt: lastEndOf(timing),
    venueName: blank(input.venueName),
    venueAddress: blank(input.venueAddress),
    postalCode: blank(input.postalCode),
    communeCode: place?.communeCode ?? null,
    communeName: place?.name ?? null,
    epciCode: place?.epciCode ?? null,
    departmentCode: place?.departmentCode ?? null,
    regionCode: place?.regionCode ?? null,
    latitude: hasLat ? input.latitude! : null,
    longitude: hasLon ? input.longitude! : null,
    onlineUrl: input.onlineUrl ?? null,
    accessibility: [...new Set(input.accessibility)],
    isFree: input.isFree,
    priceText: blank(input.priceText),
    registrationMode: input.registrationMode,
    capacity: input.registrationMode === 'maillage' ? (input.capacity ?? null) : null,
    registrationUrl: input.registrationMode === 'external' ? (input.registrationUrl ?? null) : null,
    registrationClosesAt,
    membersOnly: input.registrationMode === 'maillage' && input.membersOnly,
    contactName: blank(input.contactName),
    contactEmail: blank(input.contactEmail)?.toLowerCase() ?? null,
    contactPhone: blank(input.contactPhone),
    searchText: '',
  };
  values.searchText = normalizeName(
    [values.title, values.summary, values.venueName, values.communeName, ...organizerLabels]
      .filter(Boolean)
      .join(' '),
  );
  return values;
}

/** An event row back to the input shape (forms, renewals, pending edits). */
export function rowToInput(e: EventRow): EventInput {
  return {
    campaignId: e.campaignId,
    networkId: e.networkId,
    organizerOrganizationIds: e.organizerOrganizationIds,
    title: e.title,
    summary: e.summary,
    description: e.description,
    format: e.format,
    themes: e.themes,
    audiences: e.audiences,
    start: formatLocalDateTime(e.startsAt, e.timezone),
    end: formatLocalDateTime(e.endsAt, e.timezone),
    recurrenceRule: e.recurrenceRule,
    recurrenceExceptions: e.recurrenceExceptions,
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    postalCode: e.postalCode,
    communeCode: e.communeCode,
    latitude: e.latitude,
    longitude: e.longitude,
    onlineUrl: e.onlineUrl,
    accessibility: e.accessibility,
    isFree: e.isFree,
    priceText: e.priceText,
    registrationMode: e.registrationMode as EventInput['registrationMode'],
    capacity: e.capacity,
    registrationUrl: e.registrationUrl,
    registrationClosesAt: e.registrationClosesAt
      ? formatLocalDateTime(e.registrationClosesAt, e.timezone)
      : null,
    membersOnly: e.membersOnly,
    contactName: e.contactName,
    contactEmail: e.contactEmail,
    contactPhone: e.contactPhone,
  };
}
