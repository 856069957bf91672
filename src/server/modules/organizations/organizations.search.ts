import { and, arrayContains, asc, desc, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organizationIdsOfNetwork } from '../accounts/network-organizations.query.ts';
import { normalizeName, territoryFilter } from '../territories/territories.service.ts';
import { legalWordMatch } from './organizations.legal-words.ts';
import type { OrganizationSummary, SearchParams } from './organizations.schemas.ts';
import { summaryColumns, toSummary } from './organizations.service.ts';
import { organizations, organizationWords } from './organizations.tables.ts';

// Directory search. The query is folded like the stored keys (normalizeName: lower case, no accents, "saint" →
// "st"), then matched in French full text (stemmed) on the name, acronym, commune and description (search_vector,
// GIN index). Typos: a query word that is not in the lexicon of the directory's words (organization_words) is
// widened to its nearest lexicon words by trigram distance ("cooperatve" → "cooperative"), a nearest-neighbour
// search on the lexicon's GiST index that costs a few milliseconds whatever the size of the directory. Works on PGlite and PostgreSQL 15.
//
// Large result sets: ranking or counting tens of thousands of matches means reading every matching row. Counts are
// therefore exact up to EXACT_COUNT_LIMIT and estimated by the planner beyond (`totalIsEstimate`), and a text query
// matching more than that many organisations (a single common word: relevance among thousands of one-word matches
// carries little meaning) lists them in identifier order: random-looking but stable, served by the primary key, and
// uncorrelated with names, kinds or dates, so reading stops after about pageSize ÷ (share of matching rows) rows.
// Name or date order would not: "cooperative" matches sort after every "association…" name, and rows imported
// together share their dates.

export const EXACT_COUNT_LIMIT = 2000;

const filterColumns = {
  communeCode: organizations.communeCode,
  epciCode: organizations.epciCode,
  departmentCode: organizations.departmentCode,
  regionCode: organizations.regionCode,
} as const;

/**
 * The tsquery text for a folded query: words ANDed, each misspelt word ORed with its nearest lexicon words.
 * Words are [a-z0-9] only (normalizeName), so the string needs no escaping.
 */
export async function expandQuery(db: Db, text: string): Promise<string> {
  const words = [...new Set(text.split(' ').filter(Boolean))];
  const checkable = words.filter((w) => w.length >= 4 && !/^\d+$/.test(w));
  if (checkable.length === 0) return words.join(' & ');
  // Most queries are spelt right: one primary-key lookup finds the known words, only the others are corrected.
  const known = new Set(
    (
      await db
        .select({ word: organizationWords.word })
        .from(organizationWords)
        .where(inArray(organizationWords.word, checkable))
    ).map((r) => r.word),
  );
  const corrections = new Map<string, string[]>();
  const unknown = checkable.filter((w) => !known.has(w));
  for (const w of unknown) {
    // Nearest neighbours by trigram distance (GiST index), kept when similar enough to be the same word misspelt.
    const result = await db.execute(sql`
      select word from (
        select word, similarity(word, ${w}) as s from organization_words order by word <-> ${w} limit 3
      ) near where s >= 0.45 order by s desc, word`);
    corrections.set(
      w,
      (result as unknown as { rows: { word: string }[] }).rows.map((r) => r.word),
    );
  }
  return words
    .map((w) => {
      const near = corrections.get(w);
      return near?.length ? `(${[w, ...near].join(' | ')})` : w;
    })
    .join(' & ');
}

/** The WHERE conditions of a search (shared by the list and the CSV export); 400 on an unknown territory. */
export async function searchConditions(db: Db, query: SearchParams) {
  const conditions: SQL[] = [];
  let tsquery: SQL | undefined;
  const text = query.q ? normalizeName(query.q) : '';
  if (text) {
    // A word naming a legal form or an ESS family ("cooperatives") also finds that family or legal category.
    const words = [...new Set(text.split(' '))];
    const legal = words.map((w) => ({ w, match: legalWordMatch(w) }));
    const plain = legal.filter((x) => !x.match).map((x) => x.w);
    if (plain.length) {
      tsquery = sql`to_tsquery('french', ${await expandQuery(db, plain.join(' '))})`;
      conditions.push(sql`${organizations.searchVector} @@ ${tsquery}`);
    }
    for (const { w, match } of legal) {
      if (!match) continue;
      conditions.push(
        or(
          sql`${organizations.searchVector} @@ to_tsquery('french', ${w})`,
          match.families.length ? inArray(organizations.essFamily, match.families) : undefined,
          match.legalCategories.length
            ? inArray(organizations.legalCategory, match.legalCategories)
            : undefined,
        ) as SQL,
      );
    }
    // Rank by every word, legal ones included (an organisation named "coopérative" comes first).
    if (plain.length < words.length) tsquery = sql`to_tsquery('french', ${words.join(' | ')})`;
  }
  if (query.network) {
    conditions.push(inArray(organizations.id, organizationIdsOfNetwork(db, query.network)));
  }
  if (query.territory) {
    const filter = territoryFilter(query.territory, 'territory');
    if (filter) conditions.push(sql`${filterColumns[filter.column]} = ${filter.value}`);
  }
  if (query.family?.length) conditions.push(inArray(organizations.essFamily, query.family));
  if (query.nafSection?.length) conditions.push(inArray(organizations.nafSection, query.nafSection));
  if (query.headcount?.length) conditions.push(inArray(organizations.headcountBracket, query.headcount));
  if (query.tag) conditions.push(arrayContains(organizations.tags, [query.tag]));
  return { where: conditions.length ? and(...conditions) : undefined, tsquery };
}

/**
 * min(count, EXACT_COUNT_LIMIT + 1). The matching rows are read through a materialised CTE: its plan is chosen for
 * reading all of them (the indexes when they are few), and reading stops once past the limit. A plain LIMIT would
 * lead the planner to bet on a sequential scan meeting enough matches early, reading most of the table when they
 * are few.
 */
async function cappedCount(db: Db, where: SQL | undefined): Promise<number> {
  const result = await db.execute(sql`
    with matches as materialized (select 1 from ${organizations} ${where ? sql`where ${where}` : sql``})
    select count(*)::int as n from (select 1 from matches limit ${EXACT_COUNT_LIMIT + 1}) s`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

/** The planner's estimate of the number of matching rows. */
async function estimatedCount(db: Db, where: SQL | undefined): Promise<number> {
  const result = await db.execute(
    sql`explain (format json) select 1 from ${organizations} ${where ? sql`where ${where}` : sql``}`,
  );
  const cell = Object.values((result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {})[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: { 'Plan Rows': number } }[];
  return Math.round(plan[0]?.Plan['Plan Rows'] ?? 0);
}

export type SearchResult = {
  items: OrganizationSummary[];
  total: number;
  /** True when `total` is the planner's estimate (more than EXACT_COUNT_LIMIT matches). */
  totalIsEstimate: boolean;
  page: number;
  pageSize: number;
};

/**
 * Searches the directory: `{ items, total, totalIsEstimate, page, pageSize }`. Relevance order (full-text rank,
 * name matches weighing more than description matches) for a text query (identifier order past
 * EXACT_COUNT_LIMIT matches), name order (accents ignored) otherwise or with `sort: 'name'`.
 */
export async function searchOrganizations(db: Db, query: SearchParams): Promise<SearchResult> {
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.trunc(query.pageSize ?? 20)));
  const { where, tsquery } = await searchConditions(db, query);
  let counted: number | undefined;
  let byRelevance = Boolean(tsquery) && query.sort !== 'name';
  if (byRelevance) {
    counted = await cappedCount(db, where);
    byRelevance = counted <= EXACT_COUNT_LIMIT;
  }
  const broadText = Boolean(tsquery) && query.sort !== 'name' && !byRelevance;
  const order = broadText
    ? [asc(organizations.id)]
    : byRelevance
      ? [
          desc(sql`ts_rank(${organizations.searchVector}, ${tsquery})`),
          asc(organizations.nameKey),
          asc(organizations.id),
        ]
      : [asc(organizations.nameKey), asc(organizations.id)];
  const rows = await db
    .select(summaryColumns)
    .from(organizations)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // A short first page is its own count.
  if (counted === undefined && page === 1 && rows.length < pageSize) counted = rows.length;
  counted ??= await cappedCount(db, where);
  const totalIsEstimate = counted > EXACT_COUNT_LIMIT;
  const total = totalIsEstimate ? Math.max(counted, await estimatedCount(db, where)) : counted;
  return { items: rows.map(toSummary), total, totalIsEstimate, page, pageSize };
}
