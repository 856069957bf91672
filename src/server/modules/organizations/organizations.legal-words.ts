import { type EssFamily, essFamilies, essFamilyLabels } from '../company-identity/ess-family.ts';
import { exactLabels } from '../company-identity/legal-categories.ts';
import { normalizeName } from '../territories/territories.service.ts';

// Words of legal forms and ESS families ("coopérative", "mutuelles", "fondation", "association déclarée"…): a
// directory query word that names one also finds the organisations of that family or legal category, whatever their
// name says. "cooperative" thus finds every cooperative, not only those called so. Folded like the queries
// (accents, case) and singular: "Coopératives" is "cooperative".

export interface LegalWordMatch {
  families: EssFamily[];
  legalCategories: string[];
}

/** Words of the labels that do not name a legal form by themselves (places, connectives). */
const ignored = new Set(['autre', 'forme', 'haut', 'rhin', 'moselle', 'local', 'droit']);

const table = new Map<string, { families: Set<EssFamily>; legalCategories: Set<string> }>();
function add(word: string, family: EssFamily | null, category: string | null) {
  if (word.length < 4 || ignored.has(word) || /^\d+$/.test(word)) return;
  const entry = table.get(word) ?? { families: new Set(), legalCategories: new Set() };
  if (family) entry.families.add(family);
  if (category) entry.legalCategories.add(category);
  table.set(word, entry);
}

for (const family of essFamilies) {
  if (family === 'non_ess') continue;
  for (const label of Object.values(essFamilyLabels[family]))
    for (const w of normalizeName(label).split(' ')) add(w, family, null);
}
// Everyday words and acronyms for the families.
for (const [w, family] of [
  ['coop', 'cooperative'],
  ['cooperatif', 'cooperative'],
  ['mutualiste', 'mutual'],
  ['asso', 'association'],
] as const)
  add(w, family, null);
for (const [code, label] of Object.entries(exactLabels))
  for (const w of normalizeName(label).split(' ')) add(w, null, code);

/** "cooperatives" → "cooperative", "mutuelles" → "mutuelle", "cooperatifs" → "cooperatif". */
const singular = (w: string) => (/[sx]$/.test(w) && w.length > 4 ? w.slice(0, -1) : w);

/** The families and legal categories a folded query word names, or undefined. */
export function legalWordMatch(foldedWord: string): LegalWordMatch | undefined {
  const entry = table.get(foldedWord) ?? table.get(singular(foldedWord));
  if (!entry) return undefined;
  return { families: [...entry.families], legalCategories: [...entry.legalCategories] };
}
