import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { DEFAULT_MAP_TILES_ATTRIBUTION, DEFAULT_MAP_TILES_URL } from '../../config.ts';
import type { Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { accounts, networks } from '../accounts/accounts.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';

// What the web app needs to know about the installation itself: its name, its version, and whether it holds demo
// data (then every page shows a banner saying so).

/** The version in package.json (read here rather than from app.ts, which imports the modules). */
export const packageVersion: string = createRequire(import.meta.url)('../../../../package.json').version;

export type SiteInfo = {
  demo: boolean;
  name: 'Maillage';
  version: string;
  /** Where the web app's maps take their tiles (MAP_TILES_URL), with the credit line the tile server asks for. */
  mapTiles: { url: string; attribution: string };
};

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

export async function getSiteInfo(deps: Pick<Deps, 'db' | 'config'>, version: string): Promise<SiteInfo> {
  const mapTiles = deps.config.mapTiles ?? {
    url: DEFAULT_MAP_TILES_URL,
    attribution: DEFAULT_MAP_TILES_ATTRIBUTION,
  };
  return { demo: await hasDemoData(deps.db), name: 'Maillage', version, mapTiles };
}
