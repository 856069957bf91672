// INSEE legal category (4 digits) → ESS family. Derived from INSEE's category labels (see shared docs/domain.md);
// marked "unsure" entries are not counted by default and listed on the methodology page. Commercial companies count
// as "ess_company" only with ESUS approval (or the Sirene ESS flag), since INSEE cannot identify them otherwise.

export const essFamilies = [
  'association',
  'cooperative',
  'mutual',
  'foundation',
  'ess_company',
  'non_ess',
] as const;
export type EssFamily = (typeof essFamilies)[number];

export const essFamilyLabels: Record<EssFamily, { fr: string; en: string }> = {
  association: { fr: 'Association', en: 'Association' },
  cooperative: { fr: 'Coopérative', en: 'Cooperative' },
  mutual: { fr: 'Mutuelle', en: 'Mutual' },
  foundation: { fr: 'Fondation', en: 'Foundation' },
  ess_company: { fr: 'Société commerciale de l’ESS', en: 'ESS commercial company' },
  non_ess: { fr: 'Hors ESS', en: 'Outside the ESS' },
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** The documented table: each legal category listed belongs to one family. */
export const legalCategoryFamilies: Record<Exclude<EssFamily, 'ess_company' | 'non_ess'>, string[]> = {
  association: ['9210', '9220', '9221', '9222', '9230', '9260'],
  foundation: ['9300'],
  mutual: ['8210', '8250', '8290', '6411'],
  cooperative: [
    ...range(5191, 5196),
    '5203',
    '5307',
    '5309',
    '5443',
    '5451',
    ...range(5453, 5455),
    ...range(5458, 5460),
    '5543',
    '5547',
    ...range(5551, 5555),
    ...range(5558, 5560),
    '5643',
    '5647',
    ...range(5651, 5655),
    ...range(5658, 5660),
    ...range(6316, 6318),
    '6543',
    '6551',
    '6554',
    '6558',
    '6560',
    '6595',
    '6596',
  ],
};

/** Categories whose family is uncertain in INSEE's labels; counted only when configured. */
export const unsureLegalCategories: Record<string, EssFamily> = {
  '9223': 'association',
  '9224': 'association',
  '9240': 'association',
  '8510': 'mutual',
  '8520': 'mutual',
};

const familyByCategory = new Map<string, EssFamily>();
for (const [family, codes] of Object.entries(legalCategoryFamilies)) {
  for (const code of codes) familyByCategory.set(code, family as EssFamily);
}

/** The family a legal category alone gives (undefined outside the table). */
export function familyOfLegalCategory(
  category: string | null | undefined,
  opts: { includeUnsure?: boolean } = {},
) {
  if (!category) return undefined;
  return familyByCategory.get(category) ?? (opts.includeUnsure ? unsureLegalCategories[category] : undefined);
}

/**
 * An organisation's ESS family: by legal category first; a commercial company (first digit 5) with ESUS approval or
 * the Sirene ESS flag is an ESS commercial company; everything else is outside the ESS.
 */
export function essFamilyOf(input: {
  legalCategory?: string | null;
  esus?: boolean;
  essFlag?: boolean;
}): EssFamily {
  const byCategory = familyOfLegalCategory(input.legalCategory);
  if (byCategory) return byCategory;
  if ((input.esus || input.essFlag) && input.legalCategory?.startsWith('5')) return 'ess_company';
  return 'non_ess';
}

/** Public-sector legal units (state, local authorities, public bodies): first digit 7 or 4. */
export const isPublicLegalCategory = (category: string | null | undefined, publicPrefixes = ['7', '4']) =>
  Boolean(category && publicPrefixes.some((p) => category.startsWith(p)));
