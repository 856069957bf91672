import { z } from 'zod';
import { invalidInput } from '../../lib/errors.ts';
import { oneLine } from '../../lib/fields.ts';
import { essFamilies } from '../company-identity/ess-family.ts';
import { headcountBracketCodes } from '../company-identity/headcount.ts';
import { nafSectionCodes } from '../company-identity/naf.ts';

// Zod schemas of the directory's inputs and outputs: HTTP bodies and queries, CSV rows (through the same input
// schema) and the OpenAPI document are all built from them. Identifier, NAF and commune checks that need reference
// data happen in the service (organizations.rules.ts), which reports them per field.

/** "" → null, so that clearing a form field clears the value. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalText = (max: number) =>
  z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());

const httpUrl = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(300)
    .refine((s) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(s), 'adresse web attendue (https://…)')
    .nullable()
    .optional(),
);

export const organizationFields = {
  name: oneLine(z.string().trim().min(1, 'le nom est obligatoire').max(200)),
  acronym: optionalText(50),
  siren: optionalText(20),
  siret: optionalText(30),
  legalCategory: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\d{4}$/, 'catégorie juridique INSEE à 4 chiffres')
      .nullable()
      .optional(),
  ),
  esus: z.boolean().optional(),
  nafCode: optionalText(10),
  headcountBracket: z.preprocess(blankToNull, z.enum(headcountBracketCodes).nullable().optional()),
  address: optionalText(300),
  postalCode: z.preprocess(
    blankToNull,
    z
      .string()
      .trim()
      .regex(/^\d{5}$/, 'code postal à 5 chiffres')
      .nullable()
      .optional(),
  ),
  communeCode: optionalText(12),
  website: httpUrl,
  email: z.preprocess(blankToNull, z.email('adresse e-mail invalide').max(200).nullable().optional()),
  phone: optionalText(30),
  description: optionalText(20_000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
};

export const createOrganizationInput = z
  .object({
    ...organizationFields,
    source: z.enum(['manual', 'sirene', 'import']).optional(),
    /** Network the new organisation joins (required for a coordinator, who must coordinate it). */
    networkId: z.uuid().optional(),
  })
  .strict();
export type CreateOrganizationInput = z.infer<typeof createOrganizationInput>;

export const updateOrganizationInput = z
  .object({ ...organizationFields, name: organizationFields.name.optional() })
  .strict();
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInput>;

/** A comma-separated list of allowed values in a query string ("association,cooperative"). */
const csvList = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values)).optional());

export const searchQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    territory: z.string().trim().max(40).optional(),
    family: csvList(essFamilies),
    nafSection: csvList(nafSectionCodes as [string, ...string[]]),
    headcount: csvList(headcountBracketCodes as [string, ...string[]]),
    tag: z.string().trim().max(40).optional(),
    /** Only the organisations attached to this network. */
    network: z.uuid().optional(),
    sort: z.enum(['relevance', 'name']).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
/** Search parameters as services take them (the HTTP query string, parsed). */
export type SearchParams = Partial<z.output<typeof searchQuery>>;

export const organizationSummary = z.object({
  id: z.string(),
  name: z.string(),
  acronym: z.string().nullable(),
  essFamily: z.enum(essFamilies),
  nafCode: z.string().nullable(),
  nafSection: z.string().nullable(),
  nafLabel: z.string().nullable(),
  headcountBracket: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  departmentCode: z.string().nullable(),
  departmentName: z.string().nullable(),
  postalCode: z.string().nullable(),
  tags: z.array(z.string()),
  isDemo: z.boolean(),
});
export type OrganizationSummary = z.infer<typeof organizationSummary>;

export const organizationDetail = organizationSummary.extend({
  siren: z.string().nullable(),
  siret: z.string().nullable(),
  legalCategory: z.string().nullable(),
  legalCategoryLabel: z.string().nullable(),
  esus: z.boolean(),
  address: z.string().nullable(),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  description: z.string().nullable(),
  descriptionHtml: z.string(),
  source: z.string(),
  epciCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  networks: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type OrganizationDetail = z.infer<typeof organizationDetail>;

export const searchResult = z.object({
  items: z.array(organizationSummary),
  total: z.number(),
  /** True when more than 2,000 organisations match: `total` is then the database planner's estimate. */
  totalIsEstimate: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

/** Parses service input with a zod schema; failures become a 400 naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'champ inconnu';
      continue;
    }
    fields[issue.path.join('.') || 'body'] ??= issue.message;
  }
  throw invalidInput(`Données invalides (${Object.keys(fields).join(', ')})`, fields);
}
