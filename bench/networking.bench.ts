import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Actor } from '../src/server/context.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { listPosts } from '../src/server/modules/networking/networking.posts.ts';
import { isolationRadar } from '../src/server/modules/networking/networking.radar.ts';
import { suggestionsFor } from '../src/server/modules/networking/networking.suggestions.ts';
import { loadReference } from '../src/server/modules/territories/territories.data.ts';
import { generateMembers } from './members.generate.ts';
import { rng, table, timed } from './stats.ts';

// The members' exchange at scale, on PostgreSQL (a database created at DATABASE_URL, default
// postgres://root@127.0.0.1:5432/test, and dropped after):
// 1. generates 2,000 networks × 100 members (the members benchmark's generator), 100,000 offers and needs spread over
//    them (50 per network, French titles and texts from a vocabulary, a third of them needs, real communes), and one
//    more network of 1,000 members with a year of signs of life (event registrations, posts, introductions, sign-ins);
// 2. times, one call at a time after a warm-up, as the network's coordinator: the search (listPosts with a French
//    query: stemming, accents ignored; target p95 < 30 ms), the suggestions for a need (suggestionsFor; p95 < 100 ms)
//    and the isolation radar of the 1,000-member network (isolationRadar; < 200 ms).
//   npm run bench:networking -- [--networks 2000] [--samples 200]

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '200' },
  },
});
const NETWORKS = Number(args.networks);
const SAMPLES = Number(args.samples);
const POSTS_PER_NETWORK = 50;
const RADAR_MEMBERS = 1000;
const NOW = new Date('2026-12-03T09:00:00Z');
const pgUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

const things = [
  'usinage de pièces',
  'soudure inox',
  'chariot élévateur',
  'local de stockage',
  'comptabilité',
  'transport frigorifique',
  'nettoyage de bureaux',
  'formation sécurité',
  'découpe laser',
  'menuiserie bois',
  'électricité industrielle',
  'traduction technique',
  'site internet',
  'apprenti électricien',
  'salle de réunion',
  'maintenance informatique',
  'peinture époxy',
  'emballage carton',
  'graphisme',
  'conseil juridique',
];
const offerVerbs = ['Propose', 'Met à disposition', 'Offre', 'Partage'];
const needVerbs = ['Recherche', 'Besoin de', 'Cherche un prestataire pour', 'Qui peut faire'];
const places = ['à Langres', 'vers Chaumont', 'en Haute-Marne', 'près de Saint-Dizier', 'dans le Grand Est'];
const categories = ['supply', 'service', 'skills', 'equipment', 'subcontracting', 'recruitment', 'other'];
// Real communes of Grand Est (INSEE codes), for the distance part of the suggestions.
const communes = ['52121', '52269', '52448', '54395', '57463', '67482', '51454', '10387', '68224', '88160'];
const queries = ['soudure', 'chariot elevateur', 'découpe', 'comptable', 'électricien', 'local', 'menuisier'];

const esc = (s: string) => s.replaceAll("'", "''");
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${esc(x)}'`).join(',')}]`;

async function main() {
  const loadAtStart = load();
  const name = `maillage_bench_networking_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const lines: string[][] = [];
  try {
    const epciCodes = [...loadReference().byCode.values()]
      .filter((t) => t.level === 'epci')
      .slice(0, 60)
      .map((t) => t.officialCode);
    console.log(`Generating ${NETWORKS.toLocaleString('en')} networks × 100 members…`);
    const gen = await generateMembers(client, { networks: NETWORKS, year: 2026, epciCodes });
    const t0 = performance.now();
    const verb = (xs: string[], k: string) => `(${arr(xs)})[1 + (${k}) % ${xs.length}]`;
    await client.query(`
      UPDATE organizations SET commune_code = (${arr(communes)})[1 + abs(hashtext(id::text)) % ${communes.length}];
      CREATE TEMP TABLE bposts AS
        SELECT m.network_id, m.id AS member_id, p, (abs(hashint4((g * 97 + p)::int)) % 3 = 0) AS is_need,
          abs(hashint4((g * 31 + p)::int)) AS h
        FROM (SELECT id, network_id, row_number() OVER (PARTITION BY network_id ORDER BY id) - 1 AS k,
                row_number() OVER (ORDER BY id) AS g FROM members WHERE status = 'active') m
        CROSS JOIN LATERAL generate_series(0, 1) p
        WHERE m.k < ${POSTS_PER_NETWORK / 2};
      INSERT INTO exchange_posts (network_id, member_id, kind, title, body, category, territory_code, expires_on,
          visibility, search_text)
        SELECT network_id, member_id, kind, title, body, category, territory_code, '2027-06-30',
          CASE WHEN h % 4 = 0 THEN 'public' ELSE 'members' END, lower(unaccent(title || ' ' || body))
        FROM (SELECT network_id, member_id, h, CASE WHEN is_need THEN 'need' ELSE 'offer' END AS kind,
            CASE WHEN is_need THEN ${verb(needVerbs, 'h')} ELSE ${verb(offerVerbs, 'h')} END || ' '
              || ${verb(things, 'h / 7')} || ' ' || ${verb(places, 'h / 11')} AS title,
            'Nous ' || CASE WHEN is_need THEN 'cherchons' ELSE 'proposons' END || ' ' || ${verb(things, 'h / 13')}
              || ' et ' || ${verb(things, 'h / 17')} || ', délais courts, devis sur demande. Contact par la bourse.' AS body,
            ${verb(categories, 'h / 19')} AS category,
            CASE WHEN h % 5 = 0 THEN 'com:' || ${verb(communes, 'h / 23')} END AS territory_code
          FROM bposts) s;
      ANALYZE exchange_posts;`);
    // The radar's network: 1,000 members of existing organisations, with a year of signs of life for nine in ten (the
    // tenth joined years ago and was never seen since: the radar lists them).
    await client.query(`
      CREATE TEMP TABLE rn AS SELECT gen_random_uuid() AS id, gen_random_uuid() AS account_id;
      INSERT INTO networks (id, slug, name, kind) SELECT id, 'bench-radar', 'Réseau radar', 'club' FROM rn;
      INSERT INTO accounts (id, email, name) SELECT account_id, 'coord-radar@bench.test', 'Coord radar' FROM rn;
      INSERT INTO network_members (network_id, account_id, role) SELECT id, account_id, 'coordinator' FROM rn;
      CREATE TEMP TABLE rm AS SELECT i, gen_random_uuid() AS id, o.id AS organization_id,
          gen_random_uuid() AS account_id
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM organizations) o WHERE i <= ${RADAR_MEMBERS};
      INSERT INTO members (id, network_id, organization_id, status, status_since, member_since)
        SELECT rm.id, rn.id, organization_id, 'active', '2020-01-01', make_date((2000 + i % 26)::int, 1, 1) FROM rm, rn;
      INSERT INTO accounts (id, email, name) SELECT account_id, 'radar' || i || '@bench.test', 'Radar ' || i FROM rm;
      INSERT INTO member_contacts (member_id, name, role, email, account_id)
        SELECT id, 'Radar ' || i, 'main', 'radar' || i || '@bench.test', account_id FROM rm;
      INSERT INTO sessions (token_hash, account_id, created_at, expires_at)
        SELECT md5(random()::text || i), account_id, timestamptz '2026-12-03' - (i % 400) * interval '1 day',
          timestamptz '2027-01-01' FROM rm, generate_series(1, 3) s WHERE i % 3 = 0 AND i % 10 <> 0;
      CREATE TEMP TABLE rev AS SELECT gen_random_uuid() AS id, e,
          timestamptz '2026-12-01 18:00+01' - e * interval '14 days' AS at FROM generate_series(0, 25) e;
      INSERT INTO events (id, network_id, title, format, starts_at, ends_at, status)
        SELECT rev.id, rn.id, 'Afterwork ' || e, 'afterwork', at, at + interval '2 hours', 'published' FROM rev, rn;
      INSERT INTO event_registrations (event_id, occurrence_starts_at, seq, status, name, email, consent_at,
          manage_token_hash)
        SELECT rev.id, rev.at, row_number() OVER (PARTITION BY rev.id ORDER BY i), 'confirmed', 'Radar ' || i,
          'radar' || i || '@bench.test', rev.at - interval '7 days', md5(rev.id::text || i)
        FROM rm JOIN rev ON (i + e) % 5 = 0 WHERE i % 10 <> 0;
      INSERT INTO exchange_posts (network_id, member_id, kind, title, body, category, expires_on, search_text, created_at)
        SELECT rn.id, rm.id, 'offer', 'Offre ' || i, 'Texte', 'other', '2027-06-30', 'offre ' || i,
          timestamptz '2026-12-01' - (i % 500) * interval '1 day' FROM rm, rn WHERE i % 4 = 1 AND i % 10 <> 0;
      INSERT INTO introductions (network_id, member_a_id, member_b_id, token_hash_a, token_hash_b, created_at)
        SELECT rn.id, a.id, b.id, md5('a' || a.i), md5('b' || a.i),
          timestamptz '2026-12-01' - (a.i % 300) * interval '1 day'
        FROM rm a JOIN rm b ON b.i = a.i + 1, rn WHERE a.i % 6 = 0 AND a.i % 10 NOT IN (0, 9);
      ANALYZE;`);
    const seeded = (performance.now() - t0) / 1000;
    const { rows: counts } = await client.query<{ posts: number; needs: number; networks: number }>(
      `SELECT count(*)::int AS posts, count(*) FILTER (WHERE kind = 'need')::int AS needs,
        count(DISTINCT network_id)::int AS networks FROM exchange_posts`,
    );
    const { rows: radar } = await client.query<{ id: string; account_id: string }>(
      'SELECT id, account_id FROM rn',
    );
    const deps = { db: database.db, clock: () => NOW };
    const coordinator = (accountId: string): Actor => ({
      accountId,
      email: 'coord@bench.test',
      name: 'Coord',
      isPlatformAdmin: false,
    });
    const pick = rng(42);
    const sampled = Array.from({ length: SAMPLES }, () => gen.networks[pick(gen.networks.length)]);
    console.log('Timing the search, the suggestions and the radar…');
    await timed(
      'search, French query',
      sampled.map(
        (n, k) => () =>
          listPosts(deps, coordinator(n.coordinatorId), n.id, { q: queries[k % queries.length] }),
      ),
      lines,
      30,
    );
    await timed(
      'list, no query',
      sampled.map((n) => () => listPosts(deps, coordinator(n.coordinatorId), n.id, {})),
      lines,
      30,
    );
    const { rows: needs } = await client.query<{ id: string; network_id: string }>(
      `SELECT DISTINCT ON (network_id) id, network_id FROM exchange_posts WHERE kind = 'need'
       AND network_id = ANY($1::uuid[]) ORDER BY network_id, id`,
      [sampled.map((n) => n.id)],
    );
    const needOf = new Map(needs.map((r) => [r.network_id, r.id]));
    await timed(
      'suggestions for a need',
      sampled.flatMap((n) => {
        const need = needOf.get(n.id);
        return need ? [() => suggestionsFor(deps, coordinator(n.coordinatorId), need)] : [];
      }),
      lines,
      100,
    );
    const radarItems = (
      await isolationRadar(deps, coordinator(radar[0].account_id), radar[0].id, { months: 6 })
    ).total;
    await timed(
      `radar, ${RADAR_MEMBERS} members`,
      Array.from(
        { length: Math.min(SAMPLES, 50) },
        () => () => isolationRadar(deps, coordinator(radar[0].account_id), radar[0].id, { months: 6 }),
      ),
      lines,
      200,
    );
    console.log(
      `\nThe members' exchange at scale on PostgreSQL (${NETWORKS.toLocaleString('en')} networks), ms\n`,
    );
    console.log(table(['measure', 'n', 'p50', 'p95', 'p99', 'max', 'target'], lines));
    console.log(
      [
        '',
        'How: listPosts(), suggestionsFor() and isolationRadar() (the functions behind GET /api/networks/:id/exchange,',
        'GET /api/exchange-posts/:id/suggestions and GET /api/networks/:id/radar, authorisation included) called one',
        `at a time as the network's coordinator, after 10 warm-up calls; wall time per call. Search queries: ${queries.join(', ')}.`,
        `Data: ${counts[0].posts.toLocaleString('en')} posts (${counts[0].needs.toLocaleString('en')} needs) in ${counts[0].networks.toLocaleString('en')} networks;`,
        `members generated in ${gen.seconds.toFixed(1)} s, posts and the radar's network in ${seeded.toFixed(1)} s; the radar lists ${radarItems} quiet members of ${RADAR_MEMBERS} (6 months).`,
        `Machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')}, Node ${process.version}; load average ${loadAtStart} at the start, ${load()} at the end; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
      ].join('\n'),
    );
  } finally {
    await database.close();
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
