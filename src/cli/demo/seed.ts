import { and, eq } from 'drizzle-orm';
import type { Deps } from '../../server/context.ts';
import { withDatabaseLock } from '../../server/db/client.ts';
import { refreshStatistics } from '../../server/db/maintenance.ts';
import { accounts, networks } from '../../server/modules/accounts/accounts.tables.ts';
import { eventsDemo } from '../../server/modules/events/events.demo.ts';
import { gtecDemo } from '../../server/modules/gtec/gtec.demo.ts';
import { legalDemo } from '../../server/modules/legal/legal.demo.ts';
import { membershipsDemo } from '../../server/modules/memberships/memberships.demo.ts';
import { networkingDemo } from '../../server/modules/networking/networking.demo.ts';
import { youthDemo } from '../../server/modules/networking/networking.youth.demo.ts';
import { newsDemo } from '../../server/modules/news/news.demo.ts';
import { newslettersDemo } from '../../server/modules/newsletters/newsletters.demo.ts';
import { observatoryDemo } from '../../server/modules/observatory/observatory.demo.ts';
import { organizations } from '../../server/modules/organizations/organizations.tables.ts';
import { registrationsDemo } from '../../server/modules/registrations/registrations.demo.ts';
import { relationsDemo } from '../../server/modules/relations/relations.demo.ts';
import { demoAccounts, seedDirectory } from './directory.ts';
import type { DemoSeeder } from './types.ts';

// The deterministic demo of the Grand Est region, seeded by `npm start` on an empty database only (a second start
// keeps the data). The directory (accounts, networks, organisations) comes first; then each module's seeder runs
// with what it created (src/cli/demo/types.ts: DemoContext).
//
// To add a module's demo data: write `export const <module>Demo: DemoSeeder = { name, run(ctx) {…} }` in your
// module (e.g. src/server/modules/events/events.demo.ts), import it here and add it to `moduleSeeders`: one line.

const moduleSeeders: DemoSeeder[] = [
  eventsDemo,
  registrationsDemo, // after the events: registrations, attendance, the Village fair and its exhibitors
  observatoryDemo,
  legalDemo,
  membershipsDemo, // the club's 25 years of members and dues, the CRESS's members
  networkingDemo, // after the memberships: the club members' offers and needs, introductions
  relationsDemo, // the club's relations log: mayors, the département, France Travail, lycées
  newslettersDemo, // each network's newsletter list with its demo subscribers and their proof
  gtecDemo, // after the memberships: the ROME excerpt, the club's GTEC waves of this year and last, answered
  newsDemo, // a few news posts per network, one draft each
  youthDemo, // after the relations log: members' internship offers, the two lycées answering one
];

/** The demo sign-ins printed at start; filled when the database holds the demo accounts. */
export const demoSignIns: { role: string; email: string; password: string }[] = [];

/** Is there anything at all in the database (accounts, networks or organisations)? */
async function isEmpty(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const [account] = await deps.db.select({ id: accounts.id }).from(accounts).limit(1);
  const [network] = await deps.db.select({ id: networks.id }).from(networks).limit(1);
  const [org] = await deps.db.select({ id: organizations.id }).from(organizations).limit(1);
  return !account && !network && !org;
}

async function hasDemoAccounts(deps: Pick<Deps, 'db'>): Promise<boolean> {
  const [admin] = await deps.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.email, demoAccounts.admin.email), eq(accounts.isDemo, true)))
    .limit(1);
  return Boolean(admin);
}

/**
 * Seeds the deterministic Grand Est demo when the database is empty; a second start keeps the data.
 * Fills `demoSignIns` whenever the demo accounts exist.
 */
export async function seedDemo(deps: Deps): Promise<void> {
  // Processes starting together on one PostgreSQL (`start --workers N`): one seeds, the others then find data.
  await withDatabaseLock(deps, 'demo-seed', () => seedIfEmpty(deps));
  demoSignIns.length = 0;
  if (await hasDemoAccounts(deps))
    for (const a of Object.values(demoAccounts))
      demoSignIns.push({ role: a.role, email: a.email, password: a.password });
}

async function seedIfEmpty(deps: Deps) {
  if (await isEmpty(deps)) {
    const started = performance.now();
    const ctx = await seedDirectory(deps);
    const timings = [`directory ${Math.round(performance.now() - started)} ms`];
    for (const seeder of moduleSeeders) {
      const t0 = performance.now();
      await seeder.run(ctx);
      timings.push(`${seeder.name} ${Math.round(performance.now() - t0)} ms`);
    }
    await refreshStatistics(deps.db);
    deps.log.info(
      `Demo data seeded in ${Math.round(performance.now() - started)} ms (${ctx.organizations.length} organisations; ${timings.join(', ')})`,
    );
  }
}
