import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { romeAppellations, romeCodes, romeDomains, romeImports } from './gtec.tables.ts';
import { foldText, ROME_CODE } from './rome.rules.ts';

// Reading the ROME referential: the job-title search of the occupation pickers (accents, case and hyphens
// ignored; every word of the query must appear, as a word start or inside a word; the trigram index serves the
// `like`), and the code checks and labels the questionnaires use.

export type AppellationHit = { code: string; label: string; romeCode: string; romeLabel: string };

export async function searchAppellations(db: Db, q: string, limit = 20): Promise<AppellationHit[]> {
  const folded = foldText(q);
  const words = folded.split(' ').filter(Boolean).slice(0, 6);
  const code = q.trim().toUpperCase();
  if (words.length === 0) return [];
  const where = ROME_CODE.test(code)
    ? eq(romeAppellations.romeCode, code)
    : and(...words.map((w) => like(romeAppellations.folded, `%${w.replace(/[%_\\]/g, '')}%`)));
  return (
    db
      .select({
        code: romeAppellations.code,
        label: romeAppellations.label,
        romeCode: romeAppellations.romeCode,
        romeLabel: romeCodes.label,
      })
      .from(romeAppellations)
      .innerJoin(romeCodes, eq(romeCodes.code, romeAppellations.romeCode))
      .where(where)
      // Titles that start with the query first, then the shortest.
      .orderBy(
        desc(sql`${romeAppellations.folded} like ${`${words[0]}%`}`),
        asc(sql`length(${romeAppellations.label})`),
        asc(romeAppellations.label),
      )
      .limit(limit)
  );
}

/** The referential's version now held, and whether it is the shipped excerpt; null before any import. */
export async function romeVersion(db: Db) {
  const [row] = await db
    .select({
      version: romeImports.version,
      isExcerpt: romeImports.isExcerpt,
      importedAt: romeImports.importedAt,
    })
    .from(romeImports)
    .orderBy(desc(romeImports.importedAt))
    .limit(1);
  return row ?? null;
}

/** Labels of the given ROME codes that the referential holds (the unknown ones are absent). */
export async function romeLabels(db: Db, codes: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c) => ROME_CODE.test(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ code: romeCodes.code, label: romeCodes.label })
    .from(romeCodes)
    .where(inArray(romeCodes.code, wanted));
  return new Map(rows.map((r) => [r.code, r.label]));
}

/** The labels of the broad ROME domains (`H`: Industrie), for the reports' subtotals. */
export async function romeDomainLabels(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ code: romeDomains.code, label: romeDomains.label })
    .from(romeDomains)
    .where(eq(romeDomains.level, 'grand'));
  return new Map(rows.map((r) => [r.code, r.label]));
}
