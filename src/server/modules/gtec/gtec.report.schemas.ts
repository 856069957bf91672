import { z } from 'zod';

// Zod schemas of the reports' API (OpenAPI): a cell is its value, or null with the reason "secret statistique".

const cell = z.object({ value: z.number().nullable(), reason: z.literal('secret statistique').nullable() });
const waveHead = z.object({
  id: z.string(),
  networkId: z.string(),
  title: z.string(),
  opensOn: z.string(),
  closesOn: z.string(),
  status: z.enum(['scheduled', 'open', 'closed']),
  isDemo: z.boolean(),
});
const rules = z.object({ minCompanies: z.number(), dominance: z.number(), protection: z.number() });
const pyramid = z.array(z.object({ band: z.string(), female: cell, male: cell, total: cell }));
const ageShare = z.object({
  scope: z.enum(['network', 'epci', 'size']),
  code: z.string(),
  label: z.string(),
  total: cell,
  over50: cell,
  over55: cell,
  share50: z.number().nullable(),
  share55: z.number().nullable(),
});
const occRow = { level: z.enum(['total', 'domain', 'occupation']), code: z.string(), label: z.string() };
const retirement = z.object({ ...occRow, inFive: cell, inTen: cell });
const recruitment = z.object({ ...occRow, count: cell, hardToFill: cell, hardShare: z.number().nullable() });
const capacity = z.object({
  scope: z.enum(['network', 'epci', 'size']),
  code: z.string(),
  label: z.string(),
  internships: cell,
  apprenticeships: cell,
});

export const reportOut = z.object({
  wave: waveHead,
  provisional: z.boolean(),
  respondents: z.number(),
  computedAt: z.date(),
  rules,
  pyramid,
  headcount: cell,
  ageShares: z.array(ageShare),
  retirements: z.array(retirement),
  recruitment: z.array(recruitment),
  skills: z.array(z.object({ ...occRow, companies: cell })),
  capacity: z.array(capacity),
  withheld: z.array(z.string()),
});

export const benchmarkOut = z.object({
  wave: waveHead,
  organizationName: z.string(),
  respondents: z.number(),
  rules,
  mine: z
    .object({
      headcount: z.number(),
      size: z.string(),
      pyramid: z.array(z.object({ band: z.string(), female: z.number(), male: z.number() })),
      share50: z.number().nullable(),
      share55: z.number().nullable(),
      retirements: z.array(
        z.object({ code: z.string(), label: z.string(), inFive: z.number(), inTen: z.number() }),
      ),
      recruitment: z.array(
        z.object({ code: z.string(), label: z.string(), count: z.number(), hardToFill: z.boolean() }),
      ),
      internships: z.number().nullable(),
      apprenticeships: z.number().nullable(),
    })
    .nullable(),
  network: z.object({
    headcount: cell,
    pyramid,
    ageShares: z.array(ageShare),
    retirements: z.array(retirement),
    recruitment: z.array(recruitment),
    capacity: z.array(capacity),
  }),
});
