import { z } from 'zod';
import { audiences, directoryFields } from './memberships.directory.ts';

// Zod schemas of the memberships API. Written so that the shared boundary kit (issue 8) can replace the helpers
// below one for one: uuid ids, text without NUL bytes, calendar days within bounds.

export const uuid = (message: string) => z.uuid(message);
export const text = (max: number, message?: string) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'caractère nul interdit')
    .pipe(message ? z.string().min(1, message) : z.string());
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'caractère nul interdit')
    .transform((s) => s || null)
    .nullish();
/** A calendar day, YYYY-MM-DD, between 1990 and 2100. */
export const day = z.iso
  .date('date attendue au format AAAA-MM-JJ')
  .refine((s) => s >= '1990-01-01' && s <= '2100-12-31', 'date hors des bornes (1990–2100)');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date attendue au format MM-JJ');

export const memberStatuses = ['pending', 'active', 'grace', 'lapsed', 'cancelled'] as const;
export const contactRoles = ['main', 'billing', 'other'] as const;
export const paymentMethods = ['transfer', 'cheque', 'cash', 'card'] as const;

export const contactInput = z.strictObject({
  name: text(200, 'nom obligatoire'),
  role: z.enum(contactRoles, 'rôle : contact principal (main), facturation (billing) ou autre (other)'),
  email: z.email('adresse e-mail invalide').max(254).nullish(),
  phone: optionalText(30),
  accountId: uuid('compte invalide').nullish(),
});

export const planInput = z.strictObject({
  name: text(120, 'nom de la formule obligatoire'),
  description: optionalText(2000),
  priceCents: z.number().int('montant en centimes entiers').min(0, 'montant positif').max(100_000_000),
  vatRateBp: z.number().int().min(0).max(10_000).nullable(),
  eligibility: z.enum(['any', 'legal_categories', 'headcount_brackets']).optional(),
  eligibleValues: z.array(z.string().trim().min(1).max(10)).max(100).optional(),
  contactsLimit: z.number().int().min(1).max(1000).nullish(),
  periodKind: z.enum(['calendar', 'rolling', 'season']).optional(),
  seasonStart: monthDay.nullish(),
  proRata: z.enum(['none', 'monthly', 'late_covers_next']).optional(),
  lateJoinFrom: monthDay.nullish(),
  graceDays: z.number().int().min(0).max(365).optional(),
  reminderDays: z.array(z.number().int().min(-365).max(365)).max(12).optional(),
  active: z.boolean().optional(),
});

export const planOut = z.object({
  id: z.string(),
  networkId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  priceCents: z.number(),
  vatRateBp: z.number().nullable(),
  eligibility: z.string(),
  eligibleValues: z.array(z.string()),
  contactsLimit: z.number().nullable(),
  periodKind: z.string(),
  seasonStart: z.string().nullable(),
  proRata: z.string(),
  lateJoinFrom: z.string().nullable(),
  graceDays: z.number(),
  reminderDays: z.array(z.number()),
  active: z.boolean(),
});

export const settingsInput = z.strictObject({
  legalName: text(200, 'raison sociale obligatoire'),
  address: optionalText(300),
  siret: z
    .string()
    .regex(/^\d{14}$/, 'SIRET à 14 chiffres')
    .nullish(),
  vatNumber: optionalText(20),
  iban: optionalText(40),
  bic: optionalText(11),
  paymentInstructions: optionalText(2000),
  termsText: z.string().max(20_000).optional(),
  termsVersion: z.string().trim().min(1).max(40).optional(),
  foundedYear: z.number().int().min(1800).max(2100).nullish(),
});

export const settingsOut = z.object({
  legalName: z.string(),
  address: z.string().nullable(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  paymentInstructions: z.string().nullable(),
  termsText: z.string(),
  termsVersion: z.string(),
  foundedYear: z.number().nullable(),
});

export const memberListItem = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  siret: z.string().nullable(),
  status: z.string(),
  statusSince: z.string(),
  memberSince: z.string().nullable(),
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  periodStartsOn: z.string().nullable(),
  periodEndsOn: z.string().nullable(),
  periodState: z.string().nullable(),
});

export const memberDetail = z.object({
  id: z.string(),
  networkId: z.string(),
  status: z.string(),
  statusSince: z.string(),
  memberSince: z.string().nullable(),
  canManage: z.boolean(),
  /** Who sees what of this member in the members' directory (memberships.directory.ts). */
  visibility: z.record(z.enum(directoryFields), z.enum(audiences)),
  /** The member who welcomes this one ("parrain"). */
  sponsor: z.object({ id: z.string(), name: z.string() }).nullable(),
  organization: z
    .object({
      id: z.string(),
      name: z.string(),
      siret: z.string().nullable(),
      address: z.string().nullable(),
      postalCode: z.string().nullable(),
    })
    .optional(),
  periods: z.array(
    z.object({
      id: z.string(),
      planId: z.string(),
      planName: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      kind: z.string(),
      amountHtCents: z.number(),
      vatRateBp: z.number().nullable(),
      amountCents: z.number(),
      state: z.string(),
      paidOn: z.string().nullable(),
      /** Imported history: a past year without papers, nothing to pay here. */
      imported: z.boolean(),
      paidCents: z.number(),
      dueCents: z.number(),
    }),
  ),
  statusHistory: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      on: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      accountId: z.string().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      periodId: z.string(),
      amountCents: z.number(),
      method: z.string(),
      paidOn: z.string(),
      reference: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      number: z.string(),
      kind: z.string(),
      issuedAt: z.date(),
      amountCents: z.number(),
      periodId: z.string().nullable(),
      cancelledBy: z.string().nullable(),
    }),
  ),
});
