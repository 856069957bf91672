import type { FieldErrors } from '../../lib/errors.ts';
import { essFamilyOf } from '../company-identity/ess-family.ts';
import { canonicalNafCode, findNaf } from '../company-identity/naf.ts';
import { compactIdentifier, sirenProblem, siretProblem } from '../company-identity/siret.ts';
import { communeAncestry, normalizeName } from '../territories/territories.service.ts';
import type { organizations } from './organizations.tables.ts';

// The rules that turn an organisation's editable fields into a stored row: identifiers checked (Luhn, La Poste),
// SIREN derived from the SIRET, NAF code canonicalised with its section, commune checked with its parents
// denormalised, ESS family derived, search keys computed. Pure apart from the in-memory reference data.

export type OrganizationRow = typeof organizations.$inferSelect;

/** The editable fields, as stored (null = empty). */
export type EditableFields = {
  name: string;
  acronym: string | null;
  siren: string | null;
  siret: string | null;
  legalCategory: string | null;
  esus: boolean;
  nafCode: string | null;
  headcountBracket: string | null;
  address: string | null;
  postalCode: string | null;
  communeCode: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  description: string | null;
  tags: string[];
};

export type PreparedRow = EditableFields & {
  essFamily: string;
  nafSection: string | null;
  epciCode: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  searchText: string;
  searchDescription: string;
  nameKey: string;
};

export const editableKeys: (keyof EditableFields)[] = [
  'name',
  'acronym',
  'siren',
  'siret',
  'legalCategory',
  'esus',
  'nafCode',
  'headcountBracket',
  'address',
  'postalCode',
  'communeCode',
  'website',
  'email',
  'phone',
  'description',
  'tags',
];

/** Fills the editable fields from an input (absent keys keep `base`'s value, or empty). */
export function mergeFields(
  base: Partial<EditableFields> | undefined,
  input: Partial<Record<keyof EditableFields, unknown>>,
): EditableFields {
  const out: Record<string, unknown> = {};
  for (const key of editableKeys) {
    out[key] = key in input && input[key] !== undefined ? input[key] : (base?.[key] ?? null);
  }
  // A new SIRET without a SIREN: the SIREN follows the SIRET rather than staying the old one.
  if (input.siret && input.siren === undefined) out.siren = null;
  out.esus = Boolean(out.esus);
  out.tags = [...new Set(((out.tags as string[] | null) ?? []).map((t) => t.trim()).filter(Boolean))];
  return out as EditableFields;
}

/** Checks and derives; returns the row values or the field errors (French reasons). */
export function prepareOrganization(
  fields: EditableFields,
): { ok: true; row: PreparedRow } | { ok: false; fields: FieldErrors } {
  const errors: FieldErrors = {};
  let siret = fields.siret ? compactIdentifier(fields.siret) : null;
  let siren = fields.siren ? compactIdentifier(fields.siren) : null;
  if (siret) {
    const problem = siretProblem(siret);
    if (problem) errors.siret = problem;
  }
  if (siren) {
    const problem = sirenProblem(siren);
    if (problem) errors.siren = problem;
  }
  if (siret && !errors.siret) {
    const derived = siret.slice(0, 9);
    if (siren && !errors.siren && siren !== derived)
      errors.siren = `le SIREN ne correspond pas au SIRET (attendu ${derived})`;
    siren = derived;
  }
  if (!siret) siret = null;

  let nafCode: string | null = null;
  if (fields.nafCode) {
    nafCode = canonicalNafCode(fields.nafCode) ?? null;
    if (!nafCode) errors.nafCode = `code NAF rév. 2 inconnu : ${fields.nafCode}`;
  }

  let ancestry: ReturnType<typeof communeAncestry>;
  if (fields.communeCode) {
    ancestry = communeAncestry(fields.communeCode.trim());
    if (!ancestry) errors.communeCode = `commune inconnue : ${fields.communeCode}`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, fields: errors };

  const row: PreparedRow = {
    ...fields,
    siret,
    siren,
    nafCode,
    nafSection: nafCode ? (findNaf(nafCode)?.section ?? null) : null,
    communeCode: ancestry?.communeCode ?? null,
    epciCode: ancestry?.epciCode ?? null,
    departmentCode: ancestry?.departmentCode ?? null,
    regionCode: ancestry?.regionCode ?? null,
    essFamily: essFamilyOf({ legalCategory: fields.legalCategory, esus: fields.esus }),
    searchText: normalizeName([fields.name, fields.acronym ?? '', ancestry?.name ?? ''].join(' ')),
    searchDescription: normalizeName(fields.description ?? ''),
    nameKey: normalizeName(fields.name),
  };
  return { ok: true, row };
}

/** The editable fields of a stored row (for audit snapshots and merges). */
export function editableOf(row: OrganizationRow): EditableFields {
  const out: Record<string, unknown> = {};
  for (const key of editableKeys) out[key] = row[key];
  return out as EditableFields;
}
