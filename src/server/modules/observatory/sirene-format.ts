// The Sirene stock files' headers (INSEE, formats 3.9 and 3.11; see shared docs/domain.md §3). Columns are always
// read by header name: the two formats differ in count and order.

const address = (suffix: '' | '2') =>
  [
    'complementAdresse',
    'numeroVoie',
    'indiceRepetition',
    'typeVoie',
    'libelleVoie',
    'codePostal',
    'libelleCommune',
    'libelleCommuneEtranger',
    'distributionSpeciale',
    'codeCommune',
    'codeCedex',
    'libelleCedex',
    'codePaysEtranger',
    'libellePaysEtranger',
  ].map((f) => `${f}${suffix}Etablissement`);

const legalUnits39 = [
  'siren',
  'statutDiffusionUniteLegale',
  'unitePurgeeUniteLegale',
  'dateCreationUniteLegale',
  'sigleUniteLegale',
  'sexeUniteLegale',
  'prenom1UniteLegale',
  'prenom2UniteLegale',
  'prenom3UniteLegale',
  'prenom4UniteLegale',
  'prenomUsuelUniteLegale',
  'pseudonymeUniteLegale',
  'identifiantAssociationUniteLegale',
  'trancheEffectifsUniteLegale',
  'anneeEffectifsUniteLegale',
  'dateDernierTraitementUniteLegale',
  'nombrePeriodesUniteLegale',
  'categorieEntreprise',
  'anneeCategorieEntreprise',
  'dateDebut',
  'etatAdministratifUniteLegale',
  'nomUniteLegale',
  'nomUsageUniteLegale',
  'denominationUniteLegale',
  'denominationUsuelle1UniteLegale',
  'denominationUsuelle2UniteLegale',
  'denominationUsuelle3UniteLegale',
  'categorieJuridiqueUniteLegale',
  'activitePrincipaleUniteLegale',
  'nomenclatureActivitePrincipaleUniteLegale',
  'nicSiegeUniteLegale',
  'economieSocialeSolidaireUniteLegale',
  'caractereEmployeurUniteLegale',
];

/** Legal units header, format 3.11 (35 columns). */
export const legalUnitsHeader311 = [
  ...legalUnits39.slice(0, 32),
  'societeMissionUniteLegale',
  'caractereEmployeurUniteLegale',
  'activitePrincipaleNAF25UniteLegale',
];
export const legalUnitsHeader39 = legalUnits39;

const head = address('');
/** Establishments header, format 3.9 (48 columns). */
export const establishmentsHeader39 = [
  'siren',
  'nic',
  'siret',
  'statutDiffusionEtablissement',
  'dateCreationEtablissement',
  'trancheEffectifsEtablissement',
  'anneeEffectifsEtablissement',
  'activitePrincipaleRegistreMetiersEtablissement',
  'dateDernierTraitementEtablissement',
  'etablissementSiege',
  'nombrePeriodesEtablissement',
  ...head,
  ...address('2'),
  'dateDebut',
  'etatAdministratifEtablissement',
  'enseigne1Etablissement',
  'enseigne2Etablissement',
  'enseigne3Etablissement',
  'denominationUsuelleEtablissement',
  'activitePrincipaleEtablissement',
  'nomenclatureActivitePrincipaleEtablissement',
  'caractereEmployeurEtablissement',
];

/** Establishments header, format 3.11 (54 columns). */
export const establishmentsHeader311 = [
  ...establishmentsHeader39.slice(0, 14),
  'dernierNumeroVoieEtablissement',
  'indiceRepetitionDernierNumeroVoieEtablissement',
  ...establishmentsHeader39.slice(14, 25),
  'identifiantAdresseEtablissement',
  'coordonneeLambertAbscisseEtablissement',
  'coordonneeLambertOrdonneeEtablissement',
  ...establishmentsHeader39.slice(25),
  'activitePrincipaleNAF25Etablissement',
];

/** The columns the import reads; a file lacking one is refused. */
export const requiredColumns = {
  legalUnits: [
    'siren',
    'statutDiffusionUniteLegale',
    'sigleUniteLegale',
    'denominationUniteLegale',
    'categorieJuridiqueUniteLegale',
    'activitePrincipaleUniteLegale',
    'economieSocialeSolidaireUniteLegale',
  ],
  establishments: [
    'siren',
    'siret',
    'statutDiffusionEtablissement',
    'trancheEffectifsEtablissement',
    'etablissementSiege',
    'codeCommuneEtablissement',
    'etatAdministratifEtablissement',
    'enseigne1Etablissement',
    'denominationUsuelleEtablissement',
    'activitePrincipaleEtablissement',
    'caractereEmployeurEtablissement',
  ],
} as const;

export type SireneFileKind = keyof typeof requiredColumns;
const kindLabel: Record<SireneFileKind, string> = {
  legalUnits: 'unités légales (StockUniteLegale)',
  establishments: 'établissements (StockEtablissement)',
};

/**
 * Checks a header against the expected file kind: returns the format version ("3.11" or "3.9") or throws a French
 * message naming what is wrong (not a Sirene file, the other Sirene file, missing columns).
 */
export function checkHeader(kind: SireneFileKind, header: string[]): '3.9' | '3.11' {
  const cols = new Set(header);
  const other: SireneFileKind = kind === 'legalUnits' ? 'establishments' : 'legalUnits';
  const missing = requiredColumns[kind].filter((c) => !cols.has(c));
  if (missing.length > 0 && requiredColumns[other].every((c) => cols.has(c)))
    throw new Error(`ce fichier est celui des ${kindLabel[other]}, attendu : ${kindLabel[kind]}`);
  if (missing.length === requiredColumns[kind].length || !cols.has('siren')) {
    throw new Error(
      `ce n’est pas un fichier Sirene des ${kindLabel[kind]} (en-tête : ${header.slice(0, 4).join(',')}…)`,
    );
  }
  if (missing.length > 0) throw new Error(`colonnes manquantes : ${missing.join(', ')}`);
  const v311 =
    kind === 'legalUnits' ? 'activitePrincipaleNAF25UniteLegale' : 'activitePrincipaleNAF25Etablissement';
  return cols.has(v311) ? '3.11' : '3.9';
}
