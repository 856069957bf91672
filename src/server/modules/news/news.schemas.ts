import { z } from 'zod';
import { dateTimeField, oneLine, uuidField } from '../../lib/fields.ts';

// Zod schemas of the news API; every refusal names its field in French.

/** A network by its id or its slug (the public pages hold the slug). */
export const networkParams = z.object({ id: z.string().trim().min(1).max(100) });

const line = (what: string, max: number) =>
  oneLine(z.string().trim().min(1, `${what} : obligatoire`).max(max, `${what} : ${max} caractères au plus`));

export const postInput = z.strictObject({
  title: line('titre', 200),
  summary: z.string().trim().max(500, 'chapô : 500 caractères au plus').default(''),
  body: z.string().max(50_000, 'texte : 50 000 caractères au plus').default(''),
  categoryIds: z.array(uuidField()).max(10, 'catégories : 10 au plus').default([]),
  imageAlt: oneLine(z.string().trim().max(300, 'texte de l’image : 300 caractères au plus')).nullish(),
});
export const postPatch = z.strictObject({
  title: line('titre', 200).optional(),
  summary: z.string().trim().max(500, 'chapô : 500 caractères au plus').optional(),
  body: z.string().max(50_000, 'texte : 50 000 caractères au plus').optional(),
  categoryIds: z.array(uuidField()).max(10, 'catégories : 10 au plus').optional(),
  imageAlt: oneLine(z.string().trim().max(300, 'texte de l’image : 300 caractères au plus')).nullish(),
});
export type PostInput = z.infer<typeof postInput>;
export type PostPatch = z.infer<typeof postPatch>;

export const publishInput = z.strictObject({
  /** When it becomes public; now when absent. */
  publishedAt: dateTimeField().optional(),
});

export const categoryInput = z.strictObject({ name: line('catégorie', 80) });

export const listQuery = z.object({
  /** `all` and `draft` are for the network's staff. */
  status: z.enum(['published', 'draft', 'all'], 'statut : published, draft ou all').default('published'),
  category: uuidField().optional(),
  page: z.coerce.number().int('page : nombre entier').min(1, 'page : 1 au moins').max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50, 'taille de page : 50 au plus').default(20),
});
export type ListQuery = z.infer<typeof listQuery>;

const category = z.object({ id: z.string(), name: z.string() });
export const postSummaryOut = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  categories: z.array(category),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  isPublic: z.boolean(),
  imageUrl: z.string().nullable(),
  imageAlt: z.string().nullable(),
  url: z.string(),
  isDemo: z.boolean(),
});
export const postOut = postSummaryOut.extend({
  networkId: z.string(),
  networkSlug: z.string(),
  networkName: z.string(),
  body: z.string(),
  bodyHtml: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
});
export type PostOut = z.infer<typeof postOut>;
export type PostSummary = z.infer<typeof postSummaryOut>;

export const listOut = z.object({
  network: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  canEdit: z.boolean(),
  categories: z.array(category),
  items: z.array(postSummaryOut),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
