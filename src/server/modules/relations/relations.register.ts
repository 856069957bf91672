import { createHash } from 'node:crypto';
import { canonicalTerritoryCode, normalizeName } from '../territories/territories.service.ts';
import type { MandateKind } from './relations.rules.ts';

// Reading the Répertoire national des élus (data.gouv, one CSV per mandate). Columns are found by their header,
// whatever its case, accents, apostrophe or separator ("Nom de l'élu", "NOM DE L’ELU"); a file without the
// identity columns and one territory column is not the register. Only what the relations log needs is kept: the
// names, the sex (for "Conseillère"), the territory, the function and its dates. The birth date and the profession
// are not stored: the birth date only tells two namesakes apart, through a hash.

/** A header as compared: no BOM, accents, case, punctuation. */
export const headerKey = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const columns = {
  departmentCode: ['code du departement'],
  communeCode: ['code de la commune'],
  epciSiren: ['n siren', 'numero siren', 'siren', 'code siren de l epci', 'n siren de l epci'],
  cantonCode: ['code du canton'],
  regionCode: ['code de la region'],
  lastName: ['nom de l elu'],
  firstName: ['prenom de l elu'],
  sex: ['code sexe'],
  birthDate: ['date de naissance'],
  mandateStart: ['date de debut du mandat'],
  functionLabel: ['libelle de la fonction'],
  functionStart: ['date de debut de la fonction'],
} as const;
type Column = keyof typeof columns;
const required: Column[] = ['lastName', 'firstName', 'sex', 'birthDate', 'mandateStart'];
const labels: Record<Column, string> = {
  departmentCode: 'Code du département',
  communeCode: 'Code de la commune',
  epciSiren: 'N° SIREN',
  cantonCode: 'Code du canton',
  regionCode: 'Code de la région',
  lastName: 'Nom de l’élu',
  firstName: 'Prénom de l’élu',
  sex: 'Code sexe',
  birthDate: 'Date de naissance',
  mandateStart: 'Date de début du mandat',
  functionLabel: 'Libellé de la fonction',
  functionStart: 'Date de début de la fonction',
};

export type RegisterLayout = { mandate: MandateKind; index: Partial<Record<Column, number>> };

/** Where each column is and which mandate the file is about; a sentence naming what is missing otherwise. */
export function registerLayout(header: string[]): RegisterLayout | { error: string } {
  const keys = header.map(headerKey);
  const index: Partial<Record<Column, number>> = {};
  for (const [col, names] of Object.entries(columns) as [Column, readonly string[]][]) {
    const i = keys.findIndex((k) => names.includes(k));
    if (i >= 0) index[col] = i;
  }
  const missing = required.filter((c) => index[c] === undefined).map((c) => `« ${labels[c]} »`);
  const mandate: MandateKind | null =
    index.epciSiren !== undefined
      ? 'epci'
      : index.communeCode !== undefined
        ? 'municipal'
        : index.cantonCode !== undefined && index.departmentCode !== undefined
          ? 'departmental'
          : index.regionCode !== undefined
            ? 'regional'
            : null;
  if (missing.length || !mandate)
    return {
      error: `ce fichier n’est pas un fichier du Répertoire national des élus : ${
        missing.length ? `colonnes absentes ${missing.join(', ')}` : 'aucune colonne de territoire'
      } (attendu : « Code de la commune », « N° SIREN », « Code du canton » ou « Code de la région »)`,
    };
  return { mandate, index };
}

export type RegisterRow = {
  registerKey: string;
  lastName: string;
  firstName: string;
  sex: 'F' | 'M';
  territoryCode: string;
  functionLabel: string | null;
  startedOn: string;
  functionStartedOn: string | null;
};

/** "25/06/2020" or "2020-06-25" → "2020-06-25"; null when it is not a real date. */
export function registerDate(s: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s) ?? null;
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null;
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso || d.getUTCFullYear() < 1900
    ? null
    : iso;
}

function territoryOf(layout: RegisterLayout, cell: (c: Column) => string): string | undefined {
  const dep = cell('departmentCode');
  switch (layout.mandate) {
    case 'municipal': {
      const raw = cell('communeCode');
      // Some vintages carry the commune's number within its department (3 digits): prefix the department.
      const code =
        raw.length <= 3 && dep ? `${dep.padStart(2, '0')}${raw.padStart(3, '0')}` : raw.padStart(5, '0');
      return canonicalTerritoryCode(`com:${code}`);
    }
    case 'epci':
      return canonicalTerritoryCode(`epci:${cell('epciSiren')}`);
    case 'departmental':
      return canonicalTerritoryCode(`dep:${dep.padStart(2, '0')}`);
    case 'regional':
      return canonicalTerritoryCode(`region:${cell('regionCode').padStart(2, '0')}`);
  }
}

/** One line of the register, or the reason it is refused (in French, naming the column). */
export function parseRegisterRow(layout: RegisterLayout, cells: string[]): RegisterRow | { error: string } {
  const cell = (c: Column) => (layout.index[c] === undefined ? '' : (cells[layout.index[c]!] ?? '').trim());
  const lastName = cell('lastName');
  const firstName = cell('firstName');
  if (!lastName || !firstName) return { error: `${labels[lastName ? 'firstName' : 'lastName']} vide` };
  if (lastName.length > 150 || firstName.length > 150) return { error: 'nom ou prénom trop long' };
  const sex = cell('sex').toUpperCase();
  if (sex !== 'F' && sex !== 'M') return { error: `Code sexe « ${cell('sex')} » : F ou M attendu` };
  const birth = registerDate(cell('birthDate'));
  if (!birth) return { error: `Date de naissance « ${cell('birthDate')} » invalide (JJ/MM/AAAA)` };
  const startedOn = registerDate(cell('mandateStart'));
  if (!startedOn)
    return { error: `Date de début du mandat « ${cell('mandateStart')} » invalide (JJ/MM/AAAA)` };
  const fnStart = cell('functionStart');
  const functionStartedOn = fnStart ? registerDate(fnStart) : null;
  if (fnStart && !functionStartedOn)
    return { error: `Date de début de la fonction « ${fnStart} » invalide (JJ/MM/AAAA)` };
  const territoryCode = territoryOf(layout, cell);
  if (!territoryCode) {
    const col: Column = {
      municipal: 'communeCode',
      epci: 'epciSiren',
      departmental: 'departmentCode',
      regional: 'regionCode',
    }[layout.mandate] as Column;
    return { error: `${labels[col]} « ${cell(col)} » inconnu du référentiel des territoires` };
  }
  const functionLabel = cell('functionLabel').slice(0, 200) || null;
  const registerKey = createHash('sha256')
    .update(`${normalizeName(lastName)}|${normalizeName(firstName)}|${birth}`)
    .digest('hex')
    .slice(0, 32);
  return {
    registerKey,
    lastName,
    firstName,
    sex,
    territoryCode,
    functionLabel,
    startedOn,
    functionStartedOn,
  };
}

/** "Prénom NOM" as staff read it: the register writes last names in capitals. */
export const officialName = (r: Pick<RegisterRow, 'firstName' | 'lastName'>) =>
  `${r.firstName} ${r.lastName}`;
