import type { Actor, Deps } from '../../context.ts';
import { refreshStatistics } from '../../db/maintenance.ts';
import { AppError } from '../../lib/errors.ts';
import { canEditOrganization } from '../accounts/authz.ts';
import { inseeCodesByName } from '../company-identity/legal-categories.labels.ts';
import { legalCategoryFromText } from '../company-identity/legal-categories.ts';
import { compactIdentifier } from '../company-identity/siret.ts';
import { decodeCsv, parseOrganizationsCsv } from './organizations.csv.ts';
import { editableOf, mergeFields, prepareOrganization } from './organizations.rules.ts';
import { organizationFields, updateOrganizationInput } from './organizations.schemas.ts';
import {
  applyOrganizationUpdate,
  findBySiret,
  insertOrganization,
  inTransaction,
  requireCanCreate,
} from './organizations.service.ts';
import { organizations, organizationWords } from './organizations.tables.ts';

// CSV import: the file is checked as a whole first (encoding, required columns) and refused before anything is
// written; then each row is validated on its own, bad rows reported with their line, field and reason, good rows
// kept. Rows with a SIRET already in the directory update that organisation (upsert by SIRET), others create one.
// A dry run does all the checks and counts without writing.

export type ImportError = { line: number; field: string; reason: string };
export type ImportReport = {
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  updated: number;
  errors: ImportError[];
  ignoredColumns: string[];
};

const truthy = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x']);
const falsy = new Set(['non', 'n', 'no', 'false', 'faux', '0', '']);

/** A CSV row's cells → the create input (strings split and converted), or the reasons it cannot be one. */
function rowInput(cells: Record<string, string | undefined>, inseeByName: ReadonlyMap<string, string>) {
  const errors: { field: string; reason: string }[] = [];
  const input: Record<string, unknown> = { ...cells };
  if (cells.esus !== undefined) {
    const v = cells.esus.toLowerCase();
    if (truthy.has(v)) input.esus = true;
    else if (falsy.has(v)) input.esus = false;
    else errors.push({ field: 'esus', reason: 'oui ou non attendu' });
  }
  if (cells.tags !== undefined)
    input.tags = cells.tags
      .split(/[|,;]/)
      .map((t) => t.trim())
      .filter(Boolean);
  if (cells.legalCategory !== undefined) {
    const code = legalCategoryFromText(cells.legalCategory, inseeByName);
    if (code) input.legalCategory = code;
    else
      errors.push({
        field: 'legalCategory',
        reason: `catégorie juridique inconnue : « ${cells.legalCategory} ». Écrivez son code INSEE à 4 chiffres (ex. 5458 pour une SCOP) ou un nom comme « Association déclarée », « Fondation », « Mutuelle »`,
      });
  }
  if (cells.headcountBracket !== undefined) input.headcountBracket = cells.headcountBracket.toUpperCase();
  if (cells.siret !== undefined) input.siret = compactIdentifier(cells.siret);
  if (cells.siren !== undefined) input.siren = compactIdentifier(cells.siren);
  const parsed = updateOrganizationInput.extend({ name: organizationFields.name }).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      if (!errors.some((e) => e.field === String(issue.path[0])))
        errors.push({ field: String(issue.path[0] ?? 'ligne'), reason: issue.message });
    return { errors };
  }
  return errors.length ? { errors } : { input: parsed.data, errors };
}

/** Imports organisations from a CSV file (coordinator of `networkId`, or platform admin). */
export async function importOrganizations(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  file: Buffer | string,
  opts: { dryRun: boolean; networkId?: string; requestId?: string },
): Promise<ImportReport> {
  await requireCanCreate(deps.db, actor, opts.networkId);
  const { rows, ignoredColumns } = parseOrganizationsCsv(decodeCsv(file));
  const report: ImportReport = {
    dryRun: opts.dryRun,
    total: rows.length,
    valid: 0,
    created: 0,
    updated: 0,
    errors: [],
    ignoredColumns,
  };
  const seenSirets = new Map<string, number>();
  const inseeByName = await inseeCodesByName(deps.db);
  for (const { line, cells } of rows) {
    const fail = (field: string, reason: string) => report.errors.push({ line, field, reason });
    const { input, errors } = rowInput(cells, inseeByName);
    if (!input) {
      for (const e of errors) fail(e.field, e.reason);
      continue;
    }
    const siret = input.siret ?? null;
    const existing = siret ? await findBySiret(deps.db, siret) : undefined;
    const fields = mergeFields(existing ? editableOf(existing) : undefined, input);
    const prepared = prepareOrganization(fields);
    if (!prepared.ok) {
      for (const [field, reason] of Object.entries(prepared.fields)) fail(field, reason);
      continue;
    }
    const key = prepared.row.siret;
    if (key && seenSirets.has(key)) {
      fail('siret', `SIRET déjà présent ligne ${seenSirets.get(key)} du fichier`);
      continue;
    }
    if (key) seenSirets.set(key, line);
    if (existing && !(await canEditOrganization(deps.db, actor, existing.id))) {
      fail('siret', `organisation existante « ${existing.name} » que vous ne pouvez pas modifier`);
      continue;
    }
    report.valid += 1;
    if (opts.dryRun) {
      if (existing) report.updated += 1;
      else report.created += 1;
      continue;
    }
    try {
      await inTransaction(deps.db, async (tx) => {
        if (existing)
          await applyOrganizationUpdate(tx, actor, existing, fields, {
            requestId: opts.requestId,
            now: deps.clock(),
          });
        else
          await insertOrganization(tx, actor, fields, {
            source: 'import',
            networkId: opts.networkId,
            requestId: opts.requestId,
          });
      });
      if (existing) report.updated += 1;
      else report.created += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      report.valid -= 1;
      const fields = err.fields && Object.keys(err.fields).length ? err.fields : { ligne: err.message };
      for (const [field, reason] of Object.entries(fields)) fail(field, reason);
    }
  }
  // A large import changes the table's shape: let the planner know (the embedded database has no autovacuum).
  if (!opts.dryRun && report.created + report.updated >= 500)
    await refreshStatistics(deps.db, [organizations, organizationWords]);
  return report;
}
