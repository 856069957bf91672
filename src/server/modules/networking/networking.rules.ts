import { normalizeName } from '../territories/territories.service.ts';

// Pure rules of the networking: categories, the search query, the words two texts share.

export const postKinds = ['offer', 'need'] as const;
export const postCategories = [
  'supply',
  'service',
  'skills',
  'equipment',
  'subcontracting',
  'recruitment',
  'other',
] as const;
export const postVisibilities = ['members', 'public'] as const;
export const outcomes = ['nothing', 'talks', 'business'] as const;

export type PostKind = (typeof postKinds)[number];
export type PostCategory = (typeof postCategories)[number];

/** French names of the categories, for the reasons and mails. */
export const categoryLabels: Record<PostCategory, string> = {
  supply: 'fournitures',
  service: 'prestation de service',
  skills: 'compétences',
  equipment: 'matériel ou locaux à partager',
  subcontracting: 'sous-traitance',
  recruitment: 'recrutement',
  other: 'autre',
};

/** Text stored for the full-text search: folded like the queries (no accents, lower case). */
export const searchTextOf = (title: string, body: string) => normalizeName(`${title} ${body}`);

/**
 * The tsquery text of a search: every word must match, as a prefix of its French stem, so that "charpente" finds
 * "charpentier"; a long word also matches as its first letters less three, so that "charpentier" finds
 * "charpente". Words are [a-z0-9] only after folding: nothing to escape. Empty when there is no word.
 */
export function searchQuery(q: string): string {
  const words = [...new Set(normalizeName(q).split(' ').filter(Boolean))].slice(0, 12);
  return words.map((w) => (w.length >= 7 ? `(${w}:* | ${w.slice(0, -3)}:*)` : `${w}:*`)).join(' & ');
}

/** Words of a text as written (accents kept, lower case), at least 4 letters: candidates for "mots en commun". */
export function significantWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 4))];
}

/** "même secteur : Construction ; 12 km ; mots en commun : charpente, bois" */
export function reasonText(parts: { sector?: string; place?: string; words?: string[] }): string {
  const out: string[] = [];
  if (parts.sector) out.push(`même secteur : ${parts.sector}`);
  if (parts.place) out.push(parts.place);
  if (parts.words?.length) out.push(`mots en commun : ${parts.words.join(', ')}`);
  return out.join(' ; ');
}

/** Points for closeness: in the same commune or within 10 km 3, 30 km 2, 60 km 1. */
export function distancePoints(km: number): number {
  if (km <= 10) return 3;
  if (km <= 30) return 2;
  if (km <= 60) return 1;
  return 0;
}
