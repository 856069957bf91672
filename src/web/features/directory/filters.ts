/** The directory's filter state, kept in the URL query string so that a search can be shared and bookmarked. */
export const filterKeys = [
  'q',
  'territory',
  'network',
  'family',
  'nafSection',
  'headcount',
  'tag',
  'sort',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Record<FilterKey, string>;

export const PAGE_SIZE = 20;

export function readFilters(params: URLSearchParams): { filters: Filters; page: number } {
  const filters = {} as Filters;
  for (const key of filterKeys) filters[key] = params.get(key)?.trim() ?? '';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return { filters, page: Number.isFinite(page) && page > 0 ? page : 1 };
}

/** Query string with the non-empty filters (and the page when > 1), in a stable order. */
export function filtersToQuery(filters: Partial<Filters>, page = 1): string {
  const params = new URLSearchParams();
  for (const key of filterKeys) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function hasFilters(filters: Partial<Filters>): boolean {
  return filterKeys.some((key) => key !== 'sort' && filters[key]);
}
