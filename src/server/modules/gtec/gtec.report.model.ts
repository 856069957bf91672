import { AGE_BANDS, type AgeBand, type GtecData } from './gtec.questionnaires.ts';
import { buildWave, type Contribution, type Schema, TOTAL, type Wave } from './secrecy/model.ts';

// The published tables of a GTEC wave, as secrecy models (secrecy/README.md): one model per measure (headcount,
// retirements at 5 and 10 years, recruitment needs, hard-to-fill needs, companies citing a skill gap, internships,
// apprenticeships), each crossing the dimensions it is published by, so that planSecrecy sees every margin and
// nesting a reader could add up. Pure: the service (gtec.report.ts) gives it the answers and the companies' EPCI.

/** A company's answer with what the tables need of its identity: its EPCI (null when unknown). */
export type ReportInput = { company: string; epci: string | null; data: GtecData };

export const UNKNOWN = '?';
/** The domain of the occupation left unnamed (a skill gap given without one): not a code of the ROME. */
export const UNKNOWN_DOMAIN = '??';
/** Age groups above the bands: the shares aged 50+ and 55+ are read from them. */
export const AGE_GROUPS = ['G<50', 'G50-54', 'G55+'] as const;
const groupOf = (band: AgeBand) =>
  band === '50-54' ? 'G50-54' : ['55-59', '60-64', '65+'].includes(band) ? 'G55+' : 'G<50';
const ageParent = Object.fromEntries(AGE_BANDS.map((b) => [b, groupOf(b)]));

/** Size bands from the headcount the company declared (not the directory's Sirene bracket). */
export const SIZE_BANDS = ['1-9', '10-49', '50-249', '250+'] as const;
export function sizeBand(total: number) {
  return total < 10 ? '1-9' : total < 50 ? '10-49' : total < 250 ? '50-249' : '250+';
}

export const MEASURES = [
  'headcount',
  'retire5',
  'retire10',
  'recruit',
  'hardToFill',
  'skills',
  'internships',
  'apprenticeships',
] as const;
export type Measure = (typeof MEASURES)[number];

const occupationDim = (codes: Iterable<string>) => ({
  name: 'occ',
  levels: ['domain', 'occupation'],
  parent: Object.fromEntries([...codes].map((c) => [c, c === UNKNOWN ? UNKNOWN_DOMAIN : c.slice(0, 1)])),
});

/** The schema of each measure: its dimensions and the tables published of it. */
function schemaOf(measure: Measure, occupations: Set<string>): Schema {
  if (measure === 'headcount')
    return {
      dimensions: [
        { name: 'age', levels: ['group', 'band'], parent: ageParent },
        { name: 'sex', levels: ['sex'] },
        { name: 'epci', levels: ['epci'] },
        { name: 'size', levels: ['size'] },
      ],
      tables: [
        { name: 'pyramid', by: { age: 'band', sex: 'sex' } },
        { name: 'epci', by: { epci: 'epci', age: 'group' } },
        { name: 'size', by: { size: 'size', age: 'group' } },
      ],
    };
  if (measure === 'internships' || measure === 'apprenticeships')
    return {
      dimensions: [
        { name: 'epci', levels: ['epci'] },
        { name: 'size', levels: ['size'] },
      ],
      tables: [
        { name: 'epci', by: { epci: 'epci' } },
        { name: 'size', by: { size: 'size' } },
      ],
    };
  return {
    dimensions: [occupationDim(occupations)],
    tables: [{ name: 'occupation', by: { occ: 'occupation' } }],
  };
}

/** Sums `amount` per key of one company (contributions are one per company and finest cell). */
function summed(company: string, items: { at: Record<string, string>; amount: number }[]): Contribution[] {
  const byKey = new Map<string, Contribution>();
  for (const it of items) {
    if (it.amount <= 0) continue;
    const k = JSON.stringify(it.at);
    const c = byKey.get(k) ?? { company, at: it.at, amount: 0 };
    c.amount += it.amount;
    byKey.set(k, c);
  }
  return [...byKey.values()];
}

function contributionsOf(measure: Measure, input: ReportInput): Contribution[] {
  const { company, data } = input;
  const epci = input.epci ?? UNKNOWN;
  const size = sizeBand((data.headcount ?? []).reduce((s, l) => s + l.count, 0));
  switch (measure) {
    case 'headcount':
      return summed(
        company,
        (data.headcount ?? []).map((l) => ({
          at: { age: l.ageBand, sex: l.sex, epci, size },
          amount: l.count,
        })),
      );
    case 'retire5':
    case 'retire10':
      return summed(
        company,
        (data.retirements ?? []).map((r) => ({
          at: { occ: r.rome },
          amount: measure === 'retire5' ? r.within5 : r.within10,
        })),
      );
    case 'recruit':
    case 'hardToFill':
      return summed(
        company,
        (data.recruitment ?? [])
          .filter((r) => measure === 'recruit' || r.hardToFill)
          .map((r) => ({ at: { occ: r.rome }, amount: r.count })),
      );
    case 'skills': {
      // A company counts once per occupation it names a gap for, whatever it wrote: the texts are never published.
      const occs = new Set((data.skills ?? []).filter((s) => s.gap).map((s) => s.rome ?? UNKNOWN));
      return [...occs].map((occ) => ({ company, at: { occ }, amount: 1 }));
    }
    case 'internships':
    case 'apprenticeships':
      return summed(company, [{ at: { epci, size }, amount: data.capacity?.[measure] ?? 0 }]);
  }
}

/** Every measure's secrecy model for the answers of one wave. */
export function reportModels(inputs: ReportInput[]): Record<Measure, Wave> {
  const occupations = new Set<string>([UNKNOWN]);
  for (const { data } of inputs) {
    for (const r of data.retirements ?? []) occupations.add(r.rome);
    for (const r of data.recruitment ?? []) occupations.add(r.rome);
    for (const s of data.skills ?? []) if (s.rome) occupations.add(s.rome);
  }
  const models = {} as Record<Measure, Wave>;
  for (const m of MEASURES)
    models[m] = buildWave(
      schemaOf(m, occupations),
      inputs.flatMap((i) => contributionsOf(m, i)),
    );
  return models;
}

/** The stored outcome of one measure's plan: published values by key, hidden keys (no reason: never shown). */
export type MeasurePlan = { published: Record<string, number>; hidden: string[]; unprotected: number };
export type StoredPlan = Record<Measure, MeasurePlan>;

/** A published figure, or a hidden one: `value` null and the reason a reader may be told. */
export type ReportCell = { value: number | null; reason: 'secret statistique' | null };
export const SECRET: ReportCell = { value: null, reason: 'secret statistique' };

/**
 * Reads a cell of a measure by its coordinates: published value, 0 when no company contributes (an empty cell is
 * published as 0), or secret. A measure whose plan left a cell unprotected is withheld whole.
 */
export function cellReader(plan: StoredPlan, dimensions: Record<Measure, string[]>) {
  const hidden = Object.fromEntries(MEASURES.map((m) => [m, new Set(plan[m].hidden)])) as Record<
    Measure,
    Set<string>
  >;
  return (measure: Measure, coords: Record<string, string>): ReportCell => {
    const p = plan[measure];
    if (p.unprotected > 0) return SECRET;
    const key = dimensions[measure].map((d) => coords[d] ?? TOTAL).join('|');
    if (hidden[measure].has(key)) return SECRET;
    return { value: p.published[key] ?? 0, reason: null };
  };
}

/** The dimension names of each measure, in key order. */
export const DIMENSIONS: Record<Measure, string[]> = {
  headcount: ['age', 'sex', 'epci', 'size'],
  retire5: ['occ'],
  retire10: ['occ'],
  recruit: ['occ'],
  hardToFill: ['occ'],
  skills: ['occ'],
  internships: ['epci', 'size'],
  apprenticeships: ['epci', 'size'],
};

/** A share of two published cells (rounded to 0.1 %), or null when either is secret or the total is 0. */
export function share(part: ReportCell, total: ReportCell): number | null {
  if (part.value === null || total.value === null || total.value === 0) return null;
  return Math.round((part.value / total.value) * 1000) / 10;
}
