import { essFamilyLabels, familyOfLegalCategory, unsureLegalCategories } from './ess-family.ts';

// INSEE legal categories (niveau III, 4 digits). No maintained package carries INSEE's labels, so Maillage stores
// the code and labels only the categories of the ESS table (ess-family.ts). Cooperative categories are many and
// finely split (SA/SARL/SAS, board or directorate…): they are labelled by family and code, not by INSEE's wording.

const exactLabels: Record<string, string> = {
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

/** A French label for a legal category of the ESS table; undefined for other categories. */
export function legalCategoryLabel(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  if (exactLabels[code]) return exactLabels[code];
  const family = familyOfLegalCategory(code) ?? unsureLegalCategories[code];
  if (family === 'cooperative') return `Société coopérative (catégorie juridique ${code})`;
  return family ? `${essFamilyLabels[family].fr} (catégorie juridique ${code})` : undefined;
}

/** The labelled categories, for the reference endpoint. */
export function labelledLegalCategories(codes: string[]): { code: string; label: string }[] {
  return codes
    .map((code) => ({ code, label: legalCategoryLabel(code) }))
    .filter((c): c is { code: string; label: string } => Boolean(c.label));
}
