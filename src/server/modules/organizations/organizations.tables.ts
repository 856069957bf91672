import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, id, tsvector, updatedAt } from '../../db/columns.ts';

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    siren: text('siren'),
    /** SIRET of the head office; unique when present. */
    siret: text('siret').unique(),
    /** INSEE legal category, 4 digits (e.g. 9220 = declared association). */
    legalCategory: text('legal_category'),
    /** association | cooperative | mutual | foundation | ess_company | non_ess (derived, see ess-family.ts). */
    essFamily: text('ess_family').notNull(),
    esus: boolean('esus').notNull().default(false),
    /** NAF rév. 2 code with its dot, e.g. "88.99B"; section letter A–U. */
    nafCode: text('naf_code'),
    nafSection: text('naf_section'),
    /** Sirene headcount bracket code (NN, 00, 01 … 53). */
    headcountBracket: text('headcount_bracket'),
    address: text('address'),
    postalCode: text('postal_code'),
    /** Commune INSEE code (arrondissements mapped to their commune); the parents are denormalised for filters. */
    communeCode: text('commune_code'),
    epciCode: text('epci_code'),
    departmentCode: text('department_code'),
    regionCode: text('region_code'),
    website: text('website'),
    email: text('email'),
    phone: text('phone'),
    /** Markdown; rendered sanitised. */
    description: text('description'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** manual | sirene | import */
    source: text('source').notNull().default('manual'),
    /** Generated demo rows are labelled so that nobody takes them for real organisations. */
    isDemo: boolean('is_demo').notNull().default(false),
    /** Lower-cased, accent-free name + acronym + commune: trigram (typo-tolerant) search. */
    searchText: text('search_text').notNull().default(''),
    /** Accent-free description (kept by the service): full text, with the same folding as the queries. */
    searchDescription: text('search_description').notNull().default(''),
    /** Accent-free name, for a name order that ignores accents and case. */
    nameKey: text('name_key').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('french', search_text), 'A') || setweight(to_tsvector('french', search_description), 'B')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organizations_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('organizations_search_vector').using('gin', t.searchVector),
    index('organizations_region').on(t.regionCode),
    index('organizations_epci').on(t.epciCode),
    index('organizations_commune').on(t.communeCode),
    index('organizations_family').on(t.essFamily),
    index('organizations_name_key').on(t.nameKey, t.id),
    index('organizations_department_name').on(t.departmentCode, t.nameKey),
    index('organizations_naf_section').on(t.nafSection),
    index('organizations_headcount').on(t.headcountBracket),
    index('organizations_tags').using('gin', t.tags),
    index('organizations_updated').on(t.updatedAt.desc(), t.id),
    index('organizations_siren').on(t.siren),
  ],
);

/**
 * Every word (3 characters or more, numbers excepted) of the organisations' search keys and descriptions, kept by a
 * trigger on organizations (migrations organizations_lexicon*, so rows written by any path count). The search corrects a misspelt query word
 * into its nearest words here (trigram distance, a nearest-neighbour search on the GiST index) before the full-text
 * match.
 */
export const organizationWords = pgTable('organization_words', { word: text('word').primaryKey() }, (t) => [
  index('organization_words_trgm_gist').using('gist', sql`${t.word} gist_trgm_ops`),
]);
