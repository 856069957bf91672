import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyBaseLogger } from 'fastify';
import { createRng } from '../src/cli/demo/prng.ts';
import { buildApp } from '../src/server/app.ts';
import type { Config } from '../src/server/config.ts';
import { type Deps, systemActor } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { networkOrganizations, networks } from '../src/server/modules/accounts/accounts.tables.ts';
import { listCampaigns } from '../src/server/modules/events/campaigns.service.ts';
import { invalidatePublicCache } from '../src/server/modules/events/events.cache.ts';
import { seedEventsDemo } from '../src/server/modules/events/events.demo.ts';
import { listPublicEvents } from '../src/server/modules/events/events.listing.ts';
import { townCentres } from '../src/server/modules/events/events.places.ts';
import { icsFeed } from '../src/server/modules/events/events.programme.ts';
import { listingQuery } from '../src/server/modules/events/events.schemas.ts';
import { createMailer } from '../src/server/modules/mail/mail.service.ts';
import { organizations } from '../src/server/modules/organizations/organizations.tables.ts';

// The server side of bench/events-listing.bench.ts: a fresh database with the demo programme, listening on loopback.

const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  trace() {},
  fatal() {},
  child: () => silent,
  level: 'silent',
};

async function open(kind: 'embedded' | 'postgres', port: number) {
  const databaseUrl = kind === 'postgres' ? process.env.BENCH_DATABASE_URL! : undefined;
  const database = databaseUrl
    ? await openDatabase({ databaseUrl, dataDir: 'memory://' })
    : await openDatabase({ dataDir: process.env.BENCH_DATA_DIR! });
  const config: Config = {
    port,
    host: '127.0.0.1',
    databaseUrl,
    dataDir: process.env.BENCH_DATA_DIR || 'memory://',
    publicUrl: `http://127.0.0.1:${port}`,
    sessionSecret: process.env.BENCH_SECRET || randomBytes(32).toString('hex'),
    mailFrom: 'Maillage <bench@maillage.test>',
    logLevel: 'silent',
  };
  const deps: Deps = {
    config,
    db: database.db,
    dbKind: database.kind,
    mailer: createMailer({ db: database.db, from: config.mailFrom }),
    clock: () => new Date(),
    log: silent as unknown as FastifyBaseLogger,
  };
  return { database, deps };
}

/** One worker of `--workers N` (PostgreSQL): a whole server on the database the primary seeded. */
export async function startBenchWorker(port: number) {
  const { database, deps } = await open('postgres', port);
  const app = await buildApp(deps);
  await app.listen({ port, host: '127.0.0.1', backlog: 4096 });
  process.on('SIGTERM', async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}

export async function startBenchServer(kind: 'embedded' | 'postgres', port: number, workers = 1) {
  const { database, deps } = await open(kind, port);
  // A directory just large enough for the programme: a few organisations in each Grand Est town.
  const [chamber] = await deps.db
    .insert(networks)
    .values({ slug: 'cress-bench', name: 'CRESS (bench)', kind: 'cress', territory: 'region:44' })
    .returning();
  const [club] = await deps.db
    .insert(networks)
    .values({ slug: 'club-bench', name: 'Club (bench)', kind: 'club' })
    .returning();
  const orgRows = Object.keys(townCentres).flatMap((commune) =>
    [1, 2, 3].map((n) => ({
      name: `Association ${commune}-${n}`,
      essFamily: 'association',
      communeCode: commune,
      departmentCode: commune.slice(0, 2),
      searchText: `association ${commune}`,
      isDemo: true,
    })),
  );
  const orgs = await deps.db.insert(organizations).values(orgRows).returning({
    id: organizations.id,
    name: organizations.name,
    communeCode: organizations.communeCode,
    departmentCode: organizations.departmentCode,
  });
  // The organisers must belong to the network whose coordinator files the event (as in the demo seed).
  await deps.db
    .insert(networkOrganizations)
    .values([
      ...orgs.map((o) => ({ networkId: chamber.id, organizationId: o.id })),
      { networkId: club.id, organizationId: orgs[0].id },
    ]);
  await seedEventsDemo({
    deps,
    rng: (name) => createRng(`bench/${name}`),
    networks: { chamber, club },
    organizations: orgs.map((o, i) => ({
      ...o,
      communeCode: o.communeCode!,
      departmentCode: o.departmentCode!,
      networks: i === 0 ? ['chamber', 'club'] : ['chamber'],
    })),
    actors: { chamberCoordinator: systemActor, clubCoordinator: systemActor },
  });
  const app = await buildApp(deps);
  if (workers === 1) await app.listen({ port, host: '127.0.0.1', backlog: 4096 });

  const [campaign] = await listCampaigns(deps);
  // Uncached service time: the cache is cleared before each call.
  const time = async (fn: () => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < 50; i++) {
      invalidatePublicCache(deps.db);
      const t0 = performance.now();
      await fn();
      out.push(performance.now() - t0);
    }
    return out;
  };
  const uncached = {
    'listing, unfiltered (page of 50)': await time(() =>
      listPublicEvents(deps, listingQuery.parse({ campaign: campaign.slug })),
    ),
    'listing, department 57': await time(() =>
      listPublicEvents(deps, listingQuery.parse({ campaign: campaign.slug, territory: 'dep:57' })),
    ),
    'campaign ICS feed': await time(() => icsFeed(deps, listingQuery.parse({ campaign: campaign.slug }))),
  };
  invalidatePublicCache(deps.db);
  if (workers > 1) {
    // This process only seeded: N workers (node's cluster, sharing the port as `maillage start --workers N`
    // does) serve the requests.
    await app.close();
    await database.close();
    // Run through tsx, which took this file's name off process.argv: say again what to run.
    cluster.setupPrimary({
      exec: fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)),
      args: [fileURLToPath(new URL('./events-listing.bench.ts', import.meta.url)), '--serve', kind],
    });
    await Promise.all(
      Array.from({ length: workers }, () => {
        const worker = cluster.fork({ BENCH_WORKER: '1' });
        return new Promise<void>((resolve) => worker.once('listening', () => resolve()));
      }),
    );
    process.on('SIGTERM', () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exit(0);
    });
  } else {
    process.on('SIGTERM', async () => {
      await app.close();
      await database.close();
      process.exit(0);
    });
  }
  return { slug: campaign.slug, events: campaign.publishedEventCount, uncached };
}
