import type { Query } from '../../lib/api.ts';
import { formatDate } from '../../lib/dates.ts';

// The agenda's filters live in the URL: /agenda?territory=dep:54&theme=circular&view=month…

export const listKeys = ['theme', 'format', 'audience', 'accessibility'] as const;
export const textKeys = [
  'campaign',
  'territory',
  'near',
  'radiusKm',
  'from',
  'to',
  'q',
  'organizer',
] as const;
export const flagKeys = ['free', 'hasSeats'] as const;
export type View = 'list' | 'month' | 'week' | 'map';

export interface AgendaFilters {
  campaign?: string;
  territory?: string;
  near?: string;
  radiusKm?: string;
  from?: string;
  to?: string;
  q?: string;
  organizer?: string;
  theme: string[];
  format: string[];
  audience: string[];
  accessibility: string[];
  free: boolean;
  hasSeats: boolean;
}

export function readFilters(params: URLSearchParams): { filters: AgendaFilters; view: View; page: number } {
  const filters: AgendaFilters = {
    theme: [],
    format: [],
    audience: [],
    accessibility: [],
    free: false,
    hasSeats: false,
  };
  for (const k of textKeys) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  for (const k of listKeys) filters[k] = (params.get(k) ?? '').split(',').filter(Boolean);
  for (const k of flagKeys) filters[k] = params.get(k) === 'true';
  const view = (['list', 'month', 'week', 'map'] as const).find((v) => v === params.get('view')) ?? 'list';
  return { filters, view, page: Math.max(1, Number(params.get('page')) || 1) };
}

/** API query of the filters (lists joined by commas, false flags left out). */
export function toQuery(f: AgendaFilters): Query {
  const q: Query = {};
  for (const k of textKeys) if (f[k]) q[k] = f[k];
  for (const k of listKeys) if (f[k].length) q[k] = f[k].join(',');
  for (const k of flagKeys) if (f[k]) q[k] = 'true';
  return q;
}

export function toSearch(f: AgendaFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...toQuery(f), ...extra }))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

const timeFmt = (locale: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
export const formatDay = (iso: string, locale: string) =>
  formatDate(iso, locale, { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
export const formatTime = (iso: string, locale: string) => timeFmt(locale).format(new Date(iso));
/** YYYY-MM-DD of an instant in Europe/Paris. */
export const parisDay = (iso: string | Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
