import { z } from 'zod';
import { dateField, oneLine, uuidField } from '../../lib/fields.ts';
import { youthKinds, youthLevels, youthStatuses } from './networking.youth.rules.ts';

// Zod schemas of the schools and young people API; every refusal names its field in French.

export const youthOfferInput = z.strictObject({
  memberId: uuidField(),
  kind: z.enum(
    youthKinds,
    'type : internship (stage), apprenticeship (alternance), observation (stage d’observation) ou visit (visite)',
  ),
  /** Free text; with `romeCode` and `romeAppellation` the title is the referential's (this is then ignored). */
  occupation: oneLine(
    z.string().trim().min(2, 'métier : 2 caractères au moins').max(150, 'métier : 150 caractères au plus'),
  ).nullish(),
  romeCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-N]\d{4}$/, 'code ROME : une lettre et quatre chiffres (H2913)')
    .nullish(),
  romeAppellation: z
    .string()
    .trim()
    .regex(/^\d{1,10}$/, 'intitulé ROME : un code de chiffres')
    .nullish(),
  description: z.string().trim().min(1, 'description obligatoire').max(5000),
  startsOn: dateField().nullish(),
  endsOn: dateField().nullish(),
  period: oneLine(z.string().trim().max(150)).nullish(),
  places: z
    .number('nombre de places')
    .int('un nombre entier de places')
    .min(1, 'une place au moins')
    .max(100, '100 places au plus'),
  commune: z.string().trim().max(40).nullish(),
  level: z.enum(youthLevels, 'niveau : college, lycee, bac2, licence, master ou any'),
  contactName: oneLine(z.string().trim().min(2, 'nom de la personne à contacter').max(150)),
  contactEmail: z.email('adresse e-mail invalide').max(254),
  contactPhone: oneLine(z.string().trim().max(40)).nullish(),
  isPublic: z.boolean('public : oui ou non').default(false),
  publicContact: z.boolean('contact public : oui ou non').default(false),
});

export const youthOfferUpdate = youthOfferInput
  .omit({ memberId: true })
  .extend({ status: z.enum(youthStatuses, 'état : published (publiée) ou closed (close)') });

export const youthOfferOut = z.object({
  id: z.string(),
  networkId: z.string(),
  memberId: z.string(),
  organizationName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  occupation: z.string(),
  romeCode: z.string().nullable(),
  romeLabel: z.string().nullable(),
  description: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  period: z.string().nullable(),
  places: z.number(),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  level: z.string(),
  levelLabel: z.string(),
  isPublic: z.boolean(),
  publicContact: z.boolean(),
  status: z.string(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string().nullable() }).nullable(),
  isDemo: z.boolean(),
  createdAt: z.date(),
});

export const schoolLinkInput = z.strictObject({ contactId: uuidField() });

export const answerInput = z.strictObject({
  offerId: uuidField(),
  youngPeople: z
    .number('nombre de jeunes')
    .int('un nombre entier de jeunes')
    .min(1, 'un jeune au moins')
    .max(100, '100 jeunes au plus'),
  message: z.string().trim().min(1, 'message obligatoire').max(3000),
});

export const hostedInput = z.strictObject({
  year: z.number('année').int('année entière').min(2000, 'année après 2000').max(2100, 'année avant 2100'),
  count: z
    .number('nombre de jeunes')
    .int('un nombre entier de jeunes')
    .min(0, 'le nombre ne peut pas être négatif'),
});
