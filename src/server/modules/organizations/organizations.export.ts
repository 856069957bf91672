import { asc, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { toCsv } from '../../lib/csv.ts';
import { essFamilyLabels } from '../company-identity/ess-family.ts';
import { findNaf } from '../company-identity/naf.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import { csvColumns } from './organizations.csv.ts';
import type { SearchParams } from './organizations.schemas.ts';
import { searchConditions } from './organizations.search.ts';
import { organizations } from './organizations.tables.ts';

// CSV export of a directory search, in name order, in the form the import reads back (same headers), plus the
// derived columns (family, NAF label, commune, department) for people reading it in a spreadsheet.

export const EXPORT_LIMIT = 200_000;

export async function exportOrganizationsCsv(db: Db, query: SearchParams) {
  const { where } = await searchConditions(db, query);
  const { searchVector, searchText, searchDescription, nameKey, ...columns } = getTableColumns(organizations);
  const rows = await db
    .select(columns)
    .from(organizations)
    .where(where)
    .orderBy(asc(organizations.nameKey), asc(organizations.id))
    .limit(EXPORT_LIMIT);
  const header = [
    ...csvColumns.map((c) => c.headers[0]!),
    'Famille ESS',
    'Libellé NAF',
    'Commune',
    'Département',
    'Source',
  ];
  const data = rows.map((row) => [
    ...csvColumns.map(({ field }) => {
      const value = row[field];
      if (Array.isArray(value)) return value.join('|');
      if (typeof value === 'boolean') return value ? 'oui' : 'non';
      return value ?? '';
    }),
    essFamilyLabels[row.essFamily as keyof typeof essFamilyLabels]?.fr ?? row.essFamily,
    findNaf(row.nafCode)?.label ?? '',
    row.communeCode ? (communeAncestry(row.communeCode)?.name ?? '') : '',
    row.departmentCode ?? '',
    row.source,
  ]);
  return { csv: toCsv(header, data), count: rows.length };
}
