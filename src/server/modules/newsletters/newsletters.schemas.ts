import { z } from 'zod';
import { oneLine, uuidField } from '../../lib/fields.ts';

// Zod schemas of the newsletters' lists API; every refusal names its field in French.

export const idParams = z.object({ id: uuidField() });
export const tokenParams = z.object({
  token: z.string().min(1, 'lien incomplet').max(1000, 'lien trop long'),
});

const line = (what: string, max = 200) =>
  oneLine(z.string().trim().min(1, `${what} : obligatoire`).max(max, `${what} : ${max} caractères au plus`));

export const listInput = z.strictObject({
  name: line('nom', 200),
  description: z.string().trim().max(2000, 'description : 2 000 caractères au plus').nullish(),
  visibility: z.enum(['public', 'private'], 'visibilité : public ou private').default('public'),
  consentText: z
    .string()
    .trim()
    .min(10, 'texte de consentement : 10 caractères au moins')
    .max(2000, 'texte de consentement : 2 000 caractères au plus'),
  senderName: line('nom d’expéditeur', 200).nullish(),
  replyTo: z.email('adresse de réponse invalide').max(254).nullish(),
});
export const listPatch = listInput.partial();

const counts = z.object({ pending: z.number(), confirmed: z.number(), unsubscribed: z.number() });
export const listOut = z.object({
  id: z.string(),
  networkId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  visibility: z.enum(['public', 'private']),
  consentText: z.string(),
  consentVersion: z.string(),
  senderName: z.string().nullable(),
  replyTo: z.string().nullable(),
  archived: z.boolean(),
  isDemo: z.boolean(),
  counts,
});
export const listsOut = z.object({ networkId: z.string(), networkName: z.string(), items: z.array(listOut) });

export const subscriberQuery = z.object({
  status: z
    .enum(['pending', 'confirmed', 'unsubscribed'], 'état : pending, confirmed ou unsubscribed')
    .optional(),
  q: z.string().trim().max(200, 'recherche : 200 caractères au plus').optional(),
  page: z.coerce.number().int('page : nombre entier').min(1, 'page : 1 au moins').max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'taille de page : 200 au plus').default(50),
});
export const subscribersOut = z.object({
  list: z.object({ id: z.string(), name: z.string(), networkId: z.string() }),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string().nullable(),
      status: z.string(),
      legalBasis: z.string(),
      source: z.string(),
      consentText: z.string().nullable(),
      consentVersion: z.string().nullable(),
      consentedAt: z.date().nullable(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      confirmedAt: z.date().nullable(),
      unsubscribedAt: z.date().nullable(),
      unsubscribedHow: z.string().nullable(),
      createdAt: z.date(),
      isDemo: z.boolean(),
    }),
  ),
});
export const suppressionsOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      reason: z.string(),
      createdAt: z.date(),
      platformWide: z.boolean(),
    }),
  ),
});

export const importReport = z.object({
  dryRun: z.boolean(),
  lines: z.number(),
  imported: z.number(),
  alreadySubscribed: z.number(),
  refused: z.array(z.object({ line: z.number(), email: z.string(), reason: z.string() })),
  problems: z.array(z.object({ line: z.number(), reason: z.string() })),
});

export const publicListOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  networkName: z.string(),
  consentText: z.string(),
  consentVersion: z.string(),
});
const consent = z.literal(true, 'le consentement est nécessaire pour s’inscrire');
const consentVersion = z.string().trim().min(1, 'version du consentement : obligatoire').max(50);
export const subscribeInput = z.strictObject({
  email: z.email('adresse e-mail invalide').max(254, 'adresse e-mail : 254 caractères au plus'),
  name: oneLine(z.string().trim().max(200, 'nom : 200 caractères au plus')).nullish(),
  consent,
  consentVersion,
  website: z.string().max(500).optional(),
});
export const confirmInput = z.strictObject({
  token: z.string().min(1, 'lien de confirmation manquant').max(200, 'lien de confirmation trop long'),
});
export const confirmOut = z.object({
  listName: z.string(),
  email: z.string(),
  status: z.literal('confirmed'),
  already: z.boolean(),
});

export const preferencesOut = z.object({
  networkName: z.string(),
  email: z.string(),
  unsubscribedFromAll: z.boolean(),
  lists: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      status: z.enum(['pending', 'confirmed', 'unsubscribed']),
      since: z.date().nullable(),
      unsubscribedAt: z.date().nullable(),
      canResubscribe: z.boolean(),
      consentText: z.string(),
      consentVersion: z.string(),
    }),
  ),
});
export const preferencesUnsubscribe = z.strictObject({
  /** A list to leave; null or absent: every list of the network. */
  listId: uuidField().nullish(),
});
export const preferencesResubscribe = z.strictObject({ listId: uuidField(), consent, consentVersion });

export const unsubscribeInfoOut = z.object({
  networkName: z.string(),
  listName: z.string().nullable(),
  email: z.string(),
});
export const unsubscribeOut = z.object({
  networkName: z.string(),
  listName: z.string().nullable(),
  ended: z.number(),
});
