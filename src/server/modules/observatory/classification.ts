import {
  type EssFamily,
  familyOfLegalCategory,
  isPublicLegalCategory,
} from '../company-identity/ess-family.ts';

// Which legal units belong to the ESS, and to which family (see the methodology page and shared docs/domain.md §2):
// - mode `legal-category` (INSEE's statistical approach): the family table of company-identity;
// - mode `flag`: Sirene's economieSocialeSolidaireUniteLegale = O; the family still comes from the legal category,
//   and a flagged unit outside the table (a commercial company) is an "ESS commercial company";
// - mode `either` (default, like the national company search): in the table or flagged.
// Then units whose main activity is in an excluded NAF code or division (public administration, employer bodies,
// unions, political and religious organisations) are taken out — an inference from INSEE's texts, *unconfirmed*.

export const perimeterModes = ['flag', 'legal-category', 'either'] as const;
export type PerimeterMode = (typeof perimeterModes)[number];

export type ClassificationSettings = {
  mode: PerimeterMode;
  /** NAF codes ("94.11Z") or divisions ("84") excluded from the ESS. */
  excludedNaf: string[];
  /** Legal category prefixes counted as public (state, local authorities, public bodies). */
  publicPrefixes: string[];
  /** Count the legal categories whose family is unsure (9223, 9224, 9240, 8510, 8520). */
  includeUnsureCategories: boolean;
};

export const defaultClassification: ClassificationSettings = {
  mode: 'either',
  excludedNaf: ['84', '94.11Z', '94.20Z', '94.91Z', '94.92Z'],
  publicPrefixes: ['7', '4'],
  includeUnsureCategories: false,
};

export type LegalUnitFacts = {
  legalCategory?: string | null;
  nafCode?: string | null;
  /** Sirene flag: 'O', 'N' or empty. */
  essFlag?: string | null;
};

export function isExcludedNaf(nafCode: string | null | undefined, excluded: string[]): boolean {
  if (!nafCode) return false;
  return excluded.some((e) => (e.includes('.') ? nafCode === e : nafCode.slice(0, 2) === e));
}

/** The unit's family under the settings, `non_ess` when outside the perimeter. */
export function classifyLegalUnit(
  unit: LegalUnitFacts,
  settings: ClassificationSettings = defaultClassification,
): EssFamily {
  const byCategory = familyOfLegalCategory(unit.legalCategory, {
    includeUnsure: settings.includeUnsureCategories,
  });
  const flagged = unit.essFlag === 'O';
  const inPerimeter =
    settings.mode === 'legal-category'
      ? Boolean(byCategory)
      : settings.mode === 'flag'
        ? flagged
        : Boolean(byCategory) || flagged;
  if (!inPerimeter) return 'non_ess';
  if (isExcludedNaf(unit.nafCode, settings.excludedNaf)) return 'non_ess';
  if (isPublicLegalCategory(unit.legalCategory, settings.publicPrefixes)) return 'non_ess';
  return byCategory ?? 'ess_company';
}

export const isPublicUnit = (legalCategory: string | null | undefined, settings = defaultClassification) =>
  isPublicLegalCategory(legalCategory, settings.publicPrefixes);

/** Reads settings from a partial override (CLI flags, config), keeping defaults for the rest. */
export function classificationSettings(over: Partial<ClassificationSettings> = {}): ClassificationSettings {
  return {
    ...defaultClassification,
    ...Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)),
  };
}
