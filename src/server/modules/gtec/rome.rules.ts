// Pure rules of the ROME referential: folding labels for the search, recognising the official files by name,
// and reading one line of each file.

/** A label folded for the search: no accents, no case, ligatures spelt out, hyphens and punctuation as spaces. */
export const foldText = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The official files put straight apostrophes in labels; the interface writes the typographic one. */
export const displayLabel = (s: string) => s.trim().replace(/'/g, '’');

export const ROME_CODE = /^[A-N]\d{4}$/;

export type RomeFileKind = 'codes' | 'appellations' | 'domains';

/** Which file of the referential a name is, and its version (`v460`), from the official naming. */
export function romeFileOf(name: string): { kind: RomeFileKind; version: string } | null {
  const base = name.split(/[/\\]/).pop() ?? name;
  const m = /^unix_(referentiel_code_rome|referentiel_appellation|cr_gd_dp)_(v\d+)_utf8\.csv$/i.exec(base);
  if (!m) return null;
  const kind = {
    referentiel_code_rome: 'codes',
    referentiel_appellation: 'appellations',
    cr_gd_dp: 'domains',
  }[m[1].toLowerCase()] as RomeFileKind;
  return { kind, version: m[2].toLowerCase() };
}

/** The columns each file must have (the official names; see README). */
export const requiredColumns: Record<RomeFileKind, string[]> = {
  codes: ['code_rome', 'libelle_rome'],
  appellations: ['code_ogr', 'libelle_appellation_long', 'code_rome'],
  domains: ['code_grand_domaine', 'code_domaine_professionel', 'libelle'],
};

/** The official domains file spells "professionel"; a corrected spelling is taken too. */
export const normaliseColumn = (c: string) =>
  c
    .trim()
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace('code_domaine_professionnel', 'code_domaine_professionel');

export type Cells = Record<string, string>;
type Bad = { error: string };

export function parseCodeLine(c: Cells): { code: string; label: string; ogr: string | null } | Bad {
  const code = (c.code_rome ?? '').trim().toUpperCase();
  if (!ROME_CODE.test(code))
    return { error: `code ROME invalide : « ${code} » (une lettre A–N et 4 chiffres)` };
  const label = displayLabel(c.libelle_rome ?? '');
  if (!label) return { error: `libellé manquant pour le code ${code}` };
  return { code, label, ogr: (c.code_ogr ?? '').trim() || null };
}

export function parseAppellationLine(
  c: Cells,
  knownCodes: Set<string>,
): { code: string; label: string; shortLabel: string | null; romeCode: string } | Bad {
  const code = (c.code_ogr ?? '').trim();
  if (!/^\d{1,9}$/.test(code)) return { error: `code OGR invalide : « ${code} » (des chiffres)` };
  const romeCode = (c.code_rome ?? '').trim().toUpperCase();
  if (!knownCodes.has(romeCode))
    return { error: `code ROME inconnu : « ${romeCode} » (absent du fichier des codes)` };
  const label = displayLabel(c.libelle_appellation_long ?? '');
  if (!label) return { error: `libellé manquant pour l’appellation ${code}` };
  return { code, label, shortLabel: displayLabel(c.libelle_appellation_court ?? '') || null, romeCode };
}

/**
 * One line of the domains file: a broad domain (`A`), a professional domain (`A` + `12`, kept as `A12`), or a
 * ROME code under it (with `num_code_rome`, skipped: the codes come from their own file).
 */
export function parseDomainLine(
  c: Cells,
): { code: string; label: string; level: 'grand' | 'pro'; parentCode: string | null } | 'code' | Bad {
  const grand = (c.code_grand_domaine ?? '').trim().toUpperCase();
  if (!/^[A-N]$/.test(grand)) return { error: `grand domaine invalide : « ${grand} » (une lettre A–N)` };
  const pro = (c.code_domaine_professionel ?? '').trim().toUpperCase();
  if ((c.num_code_rome ?? '').trim()) return 'code';
  const label = displayLabel(c.libelle ?? '');
  if (!label) return { error: 'libellé manquant' };
  if (!pro) return { code: grand, label, level: 'grand', parentCode: null };
  const code = /^\d{2}$/.test(pro) ? `${grand}${pro}` : pro;
  if (!/^[A-N]\d{2}$/.test(code) || code[0] !== grand)
    return { error: `domaine professionnel invalide : « ${pro} » (2 chiffres)` };
  return { code, label, level: 'pro', parentCode: grand };
}
