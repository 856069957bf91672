import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { legalCategoryLabels } from './company-identity.tables.ts';
import { foldLabel, labelledLegalCategories, legalCategoryLabel } from './legal-categories.ts';

// The labels are read from the table at each use, not cached: one indexed lookup per organisation page and one
// small query per reference request cost less than keeping every server process's copy fresh after an import
// run by another process (the CLI, another cluster worker), and a label is never stale.

/** INSEE's labels of the given codes, as imported (codes without one are absent from the map). */
export async function inseeLabels(db: Db, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c) => /^\d{4}$/.test(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ code: legalCategoryLabels.code, label: legalCategoryLabels.label })
    .from(legalCategoryLabels)
    .where(inArray(legalCategoryLabels.code, wanted));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** The label of one legal category: INSEE's when imported, else the ESS family's; undefined when neither. */
export async function labelOfLegalCategory(db: Db, code: string | null | undefined) {
  if (!code) return undefined;
  return legalCategoryLabel(code, await inseeLabels(db, [code]));
}

/** The given categories with their label (INSEE's, else the family's), for the reference endpoint. */
export async function labelLegalCategories(db: Db, codes: string[]) {
  return labelledLegalCategories(codes, await inseeLabels(db, codes));
}

/** INSEE's imported labels, folded, → their code, for names written in a spreadsheet (a name two codes share is left out). */
export async function inseeCodesByName(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: legalCategoryLabels.code, label: legalCategoryLabels.label })
    .from(legalCategoryLabels);
  const byName = new Map<string, string>();
  const shared = new Set<string>();
  for (const r of rows) {
    const name = foldLabel(r.label);
    if (byName.has(name)) shared.add(name);
    byName.set(name, r.code);
  }
  for (const name of shared) byName.delete(name);
  return byName;
}
