import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts, networks } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// What the web app needs to know about the installation itself: its name, its version, and whether it holds demo
// data (then every page shows a banner saying so).

/** The version in package.json (read here rather than from app.ts, which imports the modules). */
export const packageVersion: string = createRequire(import.meta.url)('../../../../package.json').version;

export type SiteInfo = { demo: boolean; name: 'Maillage'; version: string };

/**
 * Whether any demo row is present: a demo organisation, network or account. A read of the owners' `is_demo` flags
 * only (one indexed-or-short scan each, stopping at the first row found).
 */
export async function hasDemoData(db: Db): Promise<boolean> {
  for (const [table, flag] of [
    [organizations, organizations.isDemo],
    [networks, networks.isDemo],
    [accounts, accounts.isDemo],
  ] as const) {
    const [row] = await db.select({ id: table.id }).from(table).where(eq(flag, true)).limit(1);
    if (row) return true;
  }
  return false;
}

export async function getSiteInfo(db: Db, version: string): Promise<SiteInfo> {
  return { demo: await hasDemoData(db), name: 'Maillage', version };
}
