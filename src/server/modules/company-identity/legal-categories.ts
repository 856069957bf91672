import { essFamilyLabels, familyOfLegalCategory, unsureLegalCategories } from './ess-family.ts';

// INSEE legal categories (niveau III, 4 digits). Their labels are INSEE's, imported from INSEE's nomenclature file
// (`maillage import legal-categories`, legal-categories.import.ts) and read by legal-categories.labels.ts. Without
// that import (a fresh install) a category of the ESS table still gets a label: the few exact ones below, used to
// recognise names in spreadsheets too, else its family ("Société coopérative"). Shown as "<label> — <code>".

export const exactLabels: Record<string, string> = {
  '9210': 'Association non déclarée',
  '9220': 'Association déclarée',
  '9221': "Association déclarée d'insertion par l'économique",
  '9222': 'Association intermédiaire',
  '9223': "Groupement d'employeurs",
  '9224': "Association d'avocats à responsabilité professionnelle individuelle",
  '9230': "Association déclarée, reconnue d'utilité publique",
  '9240': 'Congrégation',
  '9260': 'Association de droit local (Bas-Rhin, Haut-Rhin et Moselle)',
  '9300': 'Fondation',
  '8210': 'Mutuelle',
  '8250': 'Assurance mutuelle agricole',
  '8290': 'Autre organisme mutualiste',
  '6411': "Société d'assurance à forme mutuelle",
  '8510': 'Institution de prévoyance',
  '8520': 'Institution de retraite supplémentaire',
};

/**
 * A French label for a legal category, without its code: INSEE's from `insee` (the imported labels) when it has
 * one, else the fallback for a category of the ESS table; undefined for other categories without INSEE's label.
 */
export function legalCategoryLabel(
  code: string | null | undefined,
  insee: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  if (!code) return undefined;
  const imported = insee.get(code);
  if (imported) return imported;
  if (exactLabels[code]) return exactLabels[code];
  const family = familyOfLegalCategory(code) ?? unsureLegalCategories[code];
  if (family === 'cooperative') return 'Société coopérative';
  return family ? essFamilyLabels[family].fr : undefined;
}

/** The labelled categories, for the reference endpoint. */
export function labelledLegalCategories(
  codes: string[],
  insee: ReadonlyMap<string, string> = new Map(),
): { code: string; label: string }[] {
  return codes
    .map((code) => ({ code, label: legalCategoryLabel(code, insee) }))
    .filter((c): c is { code: string; label: string } => Boolean(c.label));
}

// A legal category as people write it in a spreadsheet: the INSEE code ("9220", "9220 - Association déclarée") or,
// for the categories that have one, its name ("Association déclarée", "association loi 1901", "Fondation").

/** A label folded for comparison: no accents, no case, no punctuation. */
export const foldLabel = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const codeByName = new Map<string, string>(
  Object.entries(exactLabels).map(([code, label]) => [foldLabel(label), code]),
);
for (const [name, code] of [
  ['association', '9220'],
  ['association loi 1901', '9220'],
  ['association 1901', '9220'],
  ['association loi 1908', '9260'],
  ['association reconnue d utilite publique', '9230'],
  ['fondation reconnue d utilite publique', '9300'],
  ['mutuelle sante', '8210'],
]) {
  codeByName.set(name, code);
}

/**
 * The 4-digit code of a legal category written as a code or by name (ours above, or INSEE's imported labels folded
 * by `foldLabel`, see `inseeCodesByName`); undefined when neither is recognised.
 */
export function legalCategoryFromText(
  text: string,
  inseeByName: ReadonlyMap<string, string> = new Map(),
): string | undefined {
  const name = foldLabel(text);
  return codeByName.get(name) ?? inseeByName.get(name) ?? text.match(/(?:^|\D)(\d{4})(?:\D|$)/)?.[1];
}
