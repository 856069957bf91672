import { z } from 'zod';
import { dateField, oneLine, uuidField } from '../../lib/fields.ts';
import { nafSectionCodes } from '../company-identity/naf.ts';
import { outcomes, postCategories, postKinds, postVisibilities } from './networking.rules.ts';

// Zod schemas of the networking API; every refusal names its field in French.

export const networkParams = z.object({ id: uuidField() });
export const tokenParams = z.object({ token: z.string().min(20).max(100) });

const kind = z.enum(postKinds, 'type : offer (offre) ou need (besoin)');
const category = z.enum(
  postCategories,
  'catégorie inconnue : supply, service, skills, equipment, subcontracting, recruitment ou other',
);
const sector = z.enum(
  nafSectionCodes as [string, ...string[]],
  'secteur : une lettre de section NAF (A à U)',
);

export const postInput = z.strictObject({
  memberId: uuidField(),
  kind,
  title: oneLine(z.string().trim().min(3, 'titre obligatoire (3 caractères au moins)').max(150)),
  body: z.string().trim().min(1, 'texte obligatoire').max(5000),
  category,
  nafSection: sector.nullish(),
  territory: z.string().trim().max(40).nullish(),
  expiresOn: dateField(),
  visibility: z.enum(postVisibilities, 'visibilité : members (adhérents) ou public').default('members'),
});

export const postQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: kind.optional(),
  category: category.optional(),
  sector: sector.optional(),
  territory: z.string().trim().max(40).optional(),
  mine: z.enum(['true', 'false']).optional(),
});

export const postOut = z.object({
  id: z.string(),
  networkId: z.string(),
  memberId: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  nafSection: z.string().nullable(),
  sectorLabel: z.string().nullable(),
  territoryCode: z.string().nullable(),
  territoryName: z.string().nullable(),
  expiresOn: z.string(),
  visibility: z.string(),
  expired: z.boolean(),
  mine: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.date(),
});

export const suggestionOut = z.object({
  type: z.enum(['offer', 'member']),
  memberId: z.string(),
  organizationName: z.string(),
  postId: z.string().nullable(),
  title: z.string().nullable(),
  score: z.number(),
  reason: z.string(),
  distanceKm: z.number().nullable(),
  sharedWords: z.array(z.string()),
});

export const introductionInput = z.strictObject({
  memberAId: uuidField(),
  memberBId: uuidField(),
  postId: uuidField().nullish(),
  message: z.string().trim().max(2000).nullish(),
});

export const decisionInput = z.strictObject({
  decision: z.enum(['accepted', 'declined'], 'réponse : accepted (accepter) ou declined (refuser)'),
});

export const outcomeInput = z.strictObject({
  outcome: z.enum(
    outcomes,
    'suite : nothing (rien), talks (échanges en cours) ou business (affaire conclue)',
  ),
  amountCents: z
    .number()
    .int('montant en centimes entiers')
    .min(0, 'le montant ne peut pas être négatif')
    .max(10_000_000_000, 'montant trop élevé')
    .nullish(),
});

export const introductionView = z.object({
  id: z.string(),
  networkId: z.string(),
  networkName: z.string(),
  side: z.enum(['a', 'b']),
  organizationName: z.string(),
  otherMemberId: z.string(),
  otherOrganizationName: z.string(),
  message: z.string().nullable(),
  postId: z.string().nullable(),
  postTitle: z.string().nullable(),
  myAnswer: z.string(),
  status: z.string(),
  contacts: z.array(
    z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  ),
  outcome: z.string().nullable(),
  createdAt: z.date(),
});
