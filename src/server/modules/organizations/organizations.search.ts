import { and, arrayContains, asc, count, desc, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { normalizeName, territoryFilter } from '../territories/territories.service.ts';
import type { OrganizationSummary, SearchParams } from './organizations.schemas.ts';
import { toSummary } from './organizations.service.ts';
import { organizations } from './organizations.tables.ts';

// Directory search. The query is folded like the stored keys (normalizeName: lower case, no accents), then matched
// two ways, either sufficing: French full text on the name, acronym, commune and description (search_vector, GIN),
// or, for typos, every word of four letters or more close to a word of the name/acronym/commune (pg_trgm
// word similarity `<%` on search_text, GIN trigram index). Both work on PGlite and PostgreSQL 15.

const filterColumns = {
  communeCode: organizations.communeCode,
  epciCode: organizations.epciCode,
  departmentCode: organizations.departmentCode,
  regionCode: organizations.regionCode,
} as const;

/** The WHERE conditions of a search (shared by the list and the CSV export); 400 on an unknown territory. */
export function searchConditions(query: SearchParams) {
  const conditions: SQL[] = [];
  let text: string | undefined;
  if (query.q) {
    text = normalizeName(query.q) || undefined;
    if (text) {
      const fullText = sql`${organizations.searchVector} @@ websearch_to_tsquery('french', ${text})`;
      const words = text.split(' ').filter((w) => w.length >= 4);
      const fuzzy = words.length
        ? and(...words.map((w) => sql`${w} <% ${organizations.searchText}`))
        : undefined;
      conditions.push(fuzzy ? or(fullText, fuzzy)! : fullText);
    }
  }
  if (query.territory) {
    const filter = territoryFilter(query.territory, 'territory');
    if (filter) conditions.push(sql`${filterColumns[filter.column]} = ${filter.value}`);
  }
  if (query.family?.length) conditions.push(inArray(organizations.essFamily, query.family));
  if (query.nafSection?.length) conditions.push(inArray(organizations.nafSection, query.nafSection));
  if (query.headcount?.length) conditions.push(inArray(organizations.headcountBracket, query.headcount));
  if (query.tag) conditions.push(arrayContains(organizations.tags, [query.tag]));
  return { where: conditions.length ? and(...conditions) : undefined, text };
}

/**
 * Searches the directory: `{ items, total, page, pageSize }`. Relevance order (full-text rank plus trigram
 * similarity) when there is a text query, otherwise, or with `sort: 'name'`, accent-insensitive name order.
 */
export async function searchOrganizations(
  db: Db,
  query: SearchParams,
): Promise<{ items: OrganizationSummary[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.trunc(query.pageSize ?? 20)));
  const { where, text } = searchConditions(query);
  const byRelevance = text && query.sort !== 'name';
  const order = byRelevance
    ? [
        desc(
          sql`ts_rank(${organizations.searchVector}, websearch_to_tsquery('french', ${text})) + word_similarity(${text}, ${organizations.searchText})`,
        ),
        asc(organizations.nameKey),
        asc(organizations.id),
      ]
    : [asc(organizations.nameKey), asc(organizations.id)];
  const rows = await db
    .select()
    .from(organizations)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // The count runs only when the page does not already tell it (a short first page).
  let total = (page - 1) * pageSize + rows.length;
  if (rows.length === pageSize || (rows.length === 0 && page > 1)) {
    const [c] = await db.select({ n: count() }).from(organizations).where(where);
    total = Number(c?.n ?? 0);
  }
  return { items: rows.map(toSummary), total, page, pageSize };
}
