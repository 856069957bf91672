import { z } from 'zod';
import { accountLocales } from './accounts.tables.ts';

// Shapes shared by the accounts module's routes (and so by the OpenAPI document).

export const emailField = z.email('adresse email invalide').max(254);
export const nameField = z.string().trim().min(1, 'nom requis').max(120);
/** Interface and mail language of an account. */
export const localeField = z.enum(accountLocales, { error: 'langue attendue : fr ou en' });

export const accountOut = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isPlatformAdmin: z.boolean(),
  locale: localeField,
});

export const messageOut = z.object({ message: z.string() });

export const networkKind = z.enum(['cress', 'club', 'other']);

export const networkOut = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  territory: z.string().nullable(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  isDemo: z.boolean(),
});

export const networkBody = z.strictObject({
  slug: z
    .string()
    .min(2)
    .max(60)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lettres minuscules, chiffres et tirets seulement'),
  name: nameField,
  kind: networkKind,
  territory: z.string().max(40).nullable().optional(),
  description: z.string().max(5000).nullable().optional(),
  website: z.url().max(500).nullable().optional(),
  isDemo: z.boolean().optional(),
});

export const memberOut = z.object({
  accountId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
});

export const inviteBody = z.strictObject({ email: emailField, name: nameField.optional() });
