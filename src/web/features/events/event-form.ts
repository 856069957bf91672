import type { EventDetail } from './types.ts';

// The event form's model: flat strings for inputs, turned into the API body (empty → null, numbers parsed). The
// position (latitude, longitude) is set from the address, the commune's centre or a pin, never typed.

export type Form = Record<string, string | boolean | string[]>;
export const emptyForm: Form = {
  campaignId: '',
  networkId: '',
  organizerOrganizationIds: [],
  title: '',
  summary: '',
  description: '',
  format: 'workshop',
  themes: [],
  audiences: [],
  start: '',
  end: '',
  recurrenceRule: '',
  recurrenceExceptions: [],
  venueName: '',
  venueAddress: '',
  postalCode: '',
  communeCode: '',
  latitude: '',
  longitude: '',
  onlineUrl: '',
  accessibility: [],
  isFree: true,
  priceText: '',
  registrationMode: 'none',
  capacity: '',
  registrationUrl: '',
  membersOnly: false,
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

export function toBody(f: Form, creating: boolean) {
  const text = (k: string) => ((f[k] as string).trim() ? (f[k] as string).trim() : null);
  const num = (k: string) => ((f[k] as string).trim() === '' ? null : Number(f[k]));
  return {
    ...(creating ? { campaignId: text('campaignId'), networkId: text('networkId') } : {}),
    organizerOrganizationIds: f.organizerOrganizationIds,
    title: f.title,
    summary: text('summary'),
    description: text('description'),
    format: f.format,
    themes: f.themes,
    audiences: f.audiences,
    accessibility: f.accessibility,
    start: f.start,
    end: f.end,
    recurrenceRule: text('recurrenceRule'),
    recurrenceExceptions: text('recurrenceRule') ? f.recurrenceExceptions : [],
    venueName: text('venueName'),
    venueAddress: text('venueAddress'),
    postalCode: text('postalCode'),
    communeCode: text('communeCode'),
    latitude: num('latitude'),
    longitude: num('longitude'),
    onlineUrl: text('onlineUrl'),
    isFree: f.isFree,
    priceText: text('priceText'),
    registrationMode: f.registrationMode,
    capacity: num('capacity'),
    registrationUrl: text('registrationUrl'),
    membersOnly: f.registrationMode === 'maillage' && f.membersOnly === true,
    contactName: text('contactName'),
    contactEmail: text('contactEmail'),
    contactPhone: text('contactPhone'),
  };
}

/** The form filled from an event (its pending edit first, when one waits for moderation). */
export function formFromEvent(existing: EventDetail): Form {
  const src = { ...existing, ...(existing.manage?.pendingEdit ?? {}) } as Record<string, unknown>;
  const next: Form = { ...emptyForm };
  for (const k of Object.keys(emptyForm)) {
    const v = src[k];
    if (v === null || v === undefined) continue;
    next[k] = Array.isArray(v) ? v.map(String) : typeof v === 'boolean' ? v : String(v);
  }
  next.organizerOrganizationIds =
    (src.organizerOrganizationIds as string[] | undefined) ?? existing.organizers.map((o) => o.id);
  next.start = (existing.manage?.pendingEdit?.start as string) ?? existing.manage?.start ?? '';
  next.end = (existing.manage?.pendingEdit?.end as string) ?? existing.manage?.end ?? '';
  return next;
}
