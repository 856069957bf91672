import { z } from 'zod';
import type { FieldErrors } from '../../lib/errors.ts';

// The questionnaires, versioned: each version's data schema (what a draft may hold), its submit rules, and the
// definition stored with it when a wave first uses it (gtec_questionnaires). A new version is a new entry here;
// the old ones stay, so that past waves and their answers keep their meaning.

export const AGE_BANDS = [
  'u20',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65+',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  u20: 'moins de 20 ans',
  '20-24': '20 à 24 ans',
  '25-29': '25 à 29 ans',
  '30-34': '30 à 34 ans',
  '35-39': '35 à 39 ans',
  '40-44': '40 à 44 ans',
  '45-49': '45 à 49 ans',
  '50-54': '50 à 54 ans',
  '55-59': '55 à 59 ans',
  '60-64': '60 à 64 ans',
  '65+': '65 ans et plus',
};
export const SEXES = ['F', 'M'] as const;
export const CONTRACTS = ['cdi', 'cdd', 'apprentissage', 'interim', 'autre'] as const;
export type Contract = (typeof CONTRACTS)[number];
export const CONTRACT_LABELS: Record<Contract, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  apprentissage: 'apprentissage',
  interim: 'intérim',
  autre: 'autre',
};

const count = (what: string) =>
  z
    .number({ error: `${what} : un nombre est attendu` })
    .int(`${what} : un nombre entier est attendu`)
    .min(0, `${what} : ne peut pas être négatif`)
    .max(1_000_000, `${what} : 1 000 000 au plus`);
const rome = z
  .string({ error: 'métier : un code ROME est attendu' })
  .trim()
  .toUpperCase()
  .regex(/^[A-N]\d{4}$/, 'métier : code ROME invalide (une lettre et 4 chiffres, par exemple H2913)');
const freeText = (max: number) => z.string().trim().max(max, `${max} caractères au plus`);

export const headcountLine = z.object({
  rome,
  ageBand: z.enum(AGE_BANDS, { error: 'tranche d’âge inconnue' }),
  sex: z.enum(SEXES, { error: 'sexe : F ou M' }),
  contract: z.enum(CONTRACTS, { error: 'contrat : CDI, CDD, apprentissage, intérim ou autre' }),
  count: count('effectif'),
});
export type HeadcountLine = z.infer<typeof headcountLine>;

export const gtecData = z
  .object({
    headcount: z.array(headcountLine).max(20_000, '20 000 lignes au plus'),
    retirements: z
      .array(z.object({ rome, within5: count('départs à 5 ans'), within10: count('départs à 10 ans') }))
      .max(1000),
    recruitment: z
      .array(
        z.object({
          rome,
          count: count('recrutements'),
          hardToFill: z.boolean().default(false),
          seasonal: z.boolean().default(false),
        }),
      )
      .max(1000),
    skills: z
      .array(
        z.object({
          rome: rome.nullable().default(null),
          gap: freeText(500),
          training: freeText(500).default(''),
        }),
      )
      .max(50),
    capacity: z.object({ internships: count('stagiaires'), apprenticeships: count('apprentis') }),
  })
  .partial()
  .strict();
export type GtecData = z.infer<typeof gtecData>;

export const PULSE_SCALE = ['strong_down', 'down', 'stable', 'up', 'strong_up'] as const;
export const PULSE_INTENTIONS = [
  'hire',
  'keep',
  'reduce_staff',
  'short_time',
  'invest',
  'postpone',
  'close',
] as const;

export const pulseData = z
  .object({
    situation: z
      .number()
      .int('situation : de 1 à 5')
      .min(1, 'situation : de 1 à 5')
      .max(5, 'situation : de 1 à 5'),
    revenue: z.enum(PULSE_SCALE),
    staff: z.enum(PULSE_SCALE),
    hours: z.enum(PULSE_SCALE),
    intentions: z.array(z.enum(PULSE_INTENTIONS)).max(PULSE_INTENTIONS.length),
    morale: z.number().int('moral : de 0 à 10').min(0, 'moral : de 0 à 10').max(10, 'moral : de 0 à 10'),
    needs: freeText(2000),
    rotating: freeText(2000),
  })
  .partial()
  .strict();
export type PulseData = z.infer<typeof pulseData>;

/** A draft's patch: the sections of the wave's questionnaire it replaces (the GTEC's, or `pulse`). */
export const answerPatch = gtecData.extend({ pulse: pulseData.optional() }).strict();
export type AnswerPatch = z.infer<typeof answerPatch>;

export type QuestionnaireKind = 'gtec' | 'pulse';

/** The current version of each questionnaire, as stored with a wave that uses it. */
export const questionnaires: Record<
  QuestionnaireKind,
  { version: number; title: string; definition: Record<string, unknown> }
> = {
  gtec: {
    version: 1,
    title: 'GTEC : effectifs, départs, recrutements et compétences',
    definition: {
      sections: ['headcount', 'retirements', 'recruitment', 'skills', 'capacity'],
      ageBands: AGE_BANDS,
      sexes: SEXES,
      contracts: CONTRACTS,
      rules: [
        'effectifs entiers et positifs',
        'codes ROME du référentiel',
        'départs à 5 ans ≤ départs à 10 ans ≤ effectif du métier',
      ],
    },
  },
  pulse: {
    version: 1,
    title: 'Enquête flash : situation, activité, moral et besoins',
    definition: {
      sections: ['pulse'],
      fields: ['situation', 'revenue', 'staff', 'hours', 'intentions', 'morale', 'needs', 'rotating'],
      scale: PULSE_SCALE,
      intentions: PULSE_INTENTIONS,
    },
  },
};

/** ROME codes named anywhere in the answers, with the field that names each. */
export function romeFields(data: GtecData): { field: string; code: string }[] {
  const out: { field: string; code: string }[] = [];
  const add = (section: string, lines: { rome?: string | null }[] | undefined) => {
    for (const [i, l] of (lines ?? []).entries())
      if (l.rome) out.push({ field: `${section}.${i}.rome`, code: l.rome });
  };
  add('headcount', data.headcount);
  add('retirements', data.retirements);
  add('recruitment', data.recruitment);
  add('skills', data.skills);
  return out;
}

/** The rules a GTEC answer must meet to be submitted (beyond the draft's types); field → reason. */
export function gtecSubmitErrors(data: GtecData): FieldErrors {
  const errors: FieldErrors = {};
  const headcount = data.headcount ?? [];
  if (headcount.length === 0) errors.headcount = 'effectifs : indiquez au moins une ligne';
  const seen = new Set<string>();
  const byRome = new Map<string, number>();
  headcount.forEach((l, i) => {
    const key = `${l.rome}|${l.ageBand}|${l.sex}|${l.contract}`;
    if (seen.has(key))
      errors[`headcount.${i}`] =
        `ligne en double (${l.rome}, ${AGE_BAND_LABELS[l.ageBand]}, ${l.sex}, ${CONTRACT_LABELS[l.contract]})`;
    seen.add(key);
    byRome.set(l.rome, (byRome.get(l.rome) ?? 0) + l.count);
  });
  (data.retirements ?? []).forEach((l, i) => {
    const people = byRome.get(l.rome) ?? 0;
    if (l.within5 > l.within10)
      errors[`retirements.${i}.within5`] =
        `départs à 5 ans (${l.within5}) supérieurs aux départs à 10 ans (${l.within10}) pour ${l.rome}`;
    if (l.within10 > people)
      errors[`retirements.${i}.within10`] =
        `départs à 10 ans (${l.within10}) supérieurs à l’effectif du métier ${l.rome} (${people})`;
  });
  return errors;
}

export function pulseSubmitErrors(data: PulseData): FieldErrors {
  const errors: FieldErrors = {};
  if (data.situation === undefined) errors['pulse.situation'] = 'situation : obligatoire';
  if (data.morale === undefined) errors['pulse.morale'] = 'moral : obligatoire';
  return errors;
}
