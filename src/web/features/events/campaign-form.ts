import type { Campaign } from './types.ts';

// The campaign form's model: flat strings for inputs, turned into the API body (empty → null).
// Call-for-events dates are shown and sent as Paris wall-clock time ("2026-11-05T18:30"), as the API reads them.

export const campaignStatuses = ['draft', 'open', 'closed', 'archived'] as const;

export interface CampaignForm {
  networkId: string;
  name: string;
  slug: string;
  description: string;
  territory: string;
  startsOn: string;
  endsOn: string;
  themes: string[];
  callOpensAt: string;
  callClosesAt: string;
  status: string;
  editsRequireModeration: boolean;
}

export const emptyCampaignForm: CampaignForm = {
  networkId: '',
  name: '',
  slug: '',
  description: '',
  territory: '',
  startsOn: '',
  endsOn: '',
  themes: [],
  callOpensAt: '',
  callClosesAt: '',
  status: 'draft',
  editsRequireModeration: true,
};

/** "Mois de l'ESS 2026" → "mois-de-l-ess-2026" (what the API accepts as an address). */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** An instant (ISO) as the Paris wall-clock value of a datetime-local input. */
export function parisLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/**
 * The API body. The whole campaign is always sent, also on PATCH: the update schema's defaults
 * (status, themes, moderation of edits) would otherwise reset the fields left out.
 */
export function campaignBody(f: CampaignForm, creating: boolean) {
  const text = (v: string) => (v.trim() ? v.trim() : null);
  return {
    ...(creating ? { networkId: f.networkId } : {}),
    name: f.name.trim(),
    slug: f.slug.trim(),
    description: text(f.description),
    territory: text(f.territory),
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    themes: f.themes,
    callOpensAt: text(f.callOpensAt),
    callClosesAt: text(f.callClosesAt),
    status: f.status,
    editsRequireModeration: f.editsRequireModeration,
  };
}

export function formFromCampaign(c: Campaign): CampaignForm {
  return {
    networkId: c.networkId,
    name: c.name,
    slug: c.slug,
    description: c.description ?? '',
    territory: c.territory ?? '',
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    themes: c.themes,
    callOpensAt: parisLocal(c.callOpensAt),
    callClosesAt: parisLocal(c.callClosesAt),
    status: c.status,
    editsRequireModeration: c.editsRequireModeration,
  };
}
