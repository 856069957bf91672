import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Config } from '../src/server/config.ts';
import type { Actor, Deps } from '../src/server/context.ts';
import { type Db, openDatabase } from '../src/server/db/client.ts';
import { membersDashboard } from '../src/server/modules/memberships/memberships.dashboard.ts';
import { formatNumber, issueDocument } from '../src/server/modules/memberships/memberships.documents.ts';
import { listMembers, type MemberListQuery } from '../src/server/modules/memberships/memberships.members.ts';
import { runAllRenewals, runRenewals } from '../src/server/modules/memberships/memberships.renewals.ts';
import { loadReference } from '../src/server/modules/territories/territories.data.ts';
import { generateMembers } from './members.generate.ts';
import { rng, table, timed, verdict } from './stats.ts';

// Memberships at scale, on PostgreSQL (a database created at DATABASE_URL, default
// postgres://root@127.0.0.1:5432/test, and dropped after):
// 1. generates 2,000 networks × 100 members with their history since 1997 (~5 M periods) in set-based SQL;
// 2. times the members list (listMembers, the function behind GET /api/networks/:id/memberships: no filter, status,
//    plan, name, SIRET, page 2) and the dashboard (membersDashboard, behind …/memberships/dashboard), one call at a
//    time for random networks, as their coordinator, after a warm-up; target p95 < 50 ms;
// 3. issues 550 documents at once over the pool (issueDocument in its own transaction each, 50 of them rolled
//    back after taking their number): the 500 kept must be numbered 1…500, no gap, no duplicate;
// 4. runs the scheduled renewal run (runAllRenewals) over every network: it must issue the next year's call and the
//    first reminder to every active member (the day is the 3rd of December); target < 60 s.
//   npm run bench:members -- [--networks 2000] [--samples 200] [--renewal-networks N (a sample, run network by network)]

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: '2000' },
    samples: { type: 'string', default: '200' },
    'renewal-networks': { type: 'string' },
  },
});
const NETWORKS = Number(args.networks);
const SAMPLES = Number(args.samples);
const NOW = new Date('2026-12-03T09:00:00Z');
const YEAR = 2026;
const pgUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function numbering(db: Db, networkId: string, memberId: string) {
  const attempts = 550;
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: attempts }, (_, i) =>
      db.transaction(async (trx) => {
        const doc = await issueDocument(
          trx as unknown as Db,
          {
            networkId,
            memberId,
            kind: 'receipt',
            amountHtCents: 100,
            vatCents: 0,
            amountCents: 100,
            content: { title: 'Bench', issuer: {}, recipient: {}, lines: [], notes: [] } as never,
          },
          NOW,
        );
        if (i % 11 === 10) throw new Error('rolled back on purpose');
        return doc;
      }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const kept = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.filter(
    (r) => r.status === 'rejected' && (r.reason as Error).message !== 'rolled back on purpose',
  ).length;
  const seqs = kept.map((d) => d.seq).sort((a, b) => a - b);
  const { rows } = (await db.execute(
    sql`select count(*)::int as n, count(distinct seq)::int as d, min(seq) as lo, max(seq) as hi,
      bool_and(number = ${`${YEAR}-`} || lpad(seq::text, 5, '0')) as numbers
      from membership_documents where network_id = ${networkId}`,
  )) as unknown as { rows: { n: number; d: number; lo: number; hi: number; numbers: boolean }[] };
  const ok =
    kept.length === 500 &&
    failures === 0 &&
    seqs.every((s, k) => s === k + 1) &&
    rows[0].n === 500 &&
    rows[0].d === 500 &&
    rows[0].hi === 500 &&
    rows[0].numbers &&
    kept.every((d) => d.number === formatNumber(YEAR, d.seq));
  return {
    ok,
    line: `${attempts} issued at once (${attempts - kept.length - failures} rolled back on purpose, ${failures} other failures) in ${seconds.toFixed(2)} s: ${kept.length} kept, numbered ${seqs[0]}…${seqs.at(-1)}, consecutive: ${seqs.every((s, k) => s === k + 1)}; database: ${rows[0].n} rows, ${rows[0].d} distinct, ${rows[0].lo}…${rows[0].hi}, numbers match: ${rows[0].numbers}`,
  };
}

async function main() {
  const loadAtStart = load();
  const name = `maillage_bench_members_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const notes: string[] = [];
  const lines: string[][] = [];
  let allOk = true;
  try {
    const epciCodes = [...loadReference().byCode.values()]
      .filter((t) => t.level === 'epci')
      .slice(0, 60)
      .map((t) => t.officialCode);
    console.log(`Generating ${NETWORKS.toLocaleString('en')} networks × 100 members…`);
    const gen = await generateMembers(client, { networks: NETWORKS, year: YEAR, epciCodes });
    await client.end();
    for (const [label, s] of gen.steps) console.log(`  ${label}: ${s.toFixed(1)} s`);
    const genLine = `generated in ${gen.seconds.toFixed(1)} s: ${Object.entries(gen.counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`;
    console.log(`  ${genLine}`);
    notes.push(genLine);

    const db = database.db;
    const pick = rng(20261203);
    const actorOf = (n: (typeof gen.networks)[number]): Actor => ({
      accountId: n.coordinatorId,
      email: 'coord@bench.test',
      name: 'Coord',
      isPlatformAdmin: false,
    });
    const sampled = Array.from({ length: SAMPLES }, () => gen.networks[pick(gen.networks.length)]);
    const list = (
      q: (n: (typeof gen.networks)[number]) => Omit<MemberListQuery, 'pageSize' | 'page'> & { page?: number },
    ) => sampled.map((n) => () => listMembers(db, actorOf(n), n.id, { page: 1, pageSize: 50, ...q(n) }));
    console.log('Timing the members list and the dashboard…');
    await timed(
      'list, no filter',
      list(() => ({})),
      lines,
      50,
    );
    await timed(
      'list, status=active',
      list(() => ({ status: 'active' })),
      lines,
      50,
    );
    await timed(
      'list, plan',
      list((n) => ({ planId: n.planIds[pick(3)] })),
      lines,
      50,
    );
    await timed(
      'list, q=name',
      list(() => ({ q: ['boulangerie', 'martin', 'scierie', 'dubois'][pick(4)] })),
      lines,
      50,
    );
    await timed(
      'list, q=SIRET',
      list(() => ({ q: `100000000${String(pick(20000)).padStart(5, '0')}` })),
      lines,
      50,
    );
    await timed(
      'list, page 2',
      list(() => ({ page: 2 })),
      lines,
      50,
    );
    await timed(
      'list, status=lapsed, page 1',
      list(() => ({ status: 'lapsed' })),
      lines,
      50,
    );
    await timed(
      'dashboard',
      sampled.map((n) => () => membersDashboard(db, actorOf(n), n.id, NOW)),
      lines,
      50,
    );

    console.log('Issuing documents at once…');
    const [spare] = (
      (await db.execute(
        sql`select m.id, m.network_id from members m where m.network_id = ${gen.networks[0].id} limit 1`,
      )) as unknown as { rows: { id: string; network_id: string }[] }
    ).rows;
    // A network of its own (no document yet): its series starts at 1.
    const [fresh] = (
      (await db.execute(
        sql`insert into networks (slug, name, kind) values ('bench-numbering', 'Numérotation', 'club') returning id`,
      )) as unknown as { rows: { id: string }[] }
    ).rows;
    const check = await numbering(db, fresh.id, spare.id);
    console.log(`  ${check.line}`);
    allOk &&= check.ok;

    const [{ active }] = (
      (await db.execute(
        sql`select count(*)::int as active from members where status in ('active', 'grace')`,
      )) as unknown as { rows: { active: number }[] }
    ).rows;
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      dataDir: 'unused',
      publicUrl: 'http://127.0.0.1:3000',
      sessionSecret: randomBytes(32).toString('hex'),
      mailFrom: 'Maillage <bench@maillage.test>',
      logLevel: 'silent',
    };
    const log = { info() {}, warn() {}, error: (...a: unknown[]) => console.error(...a) };
    const deps = { db, clock: () => NOW, config, log: log as unknown as FastifyBaseLogger } satisfies Pick<
      Deps,
      'db' | 'clock' | 'config' | 'log'
    >;
    const sample = args['renewal-networks'] ? Number(args['renewal-networks']) : undefined;
    console.log(
      `Renewal run over ${sample ? `${sample} networks` : `every network (${active} active members)`}…`,
    );
    const t = performance.now();
    let out: { callsIssued: number; remindersSent: number; lapsed: number };
    if (sample) {
      out = { callsIssued: 0, remindersSent: 0, lapsed: 0 };
      for (const n of gen.networks.slice(0, sample)) {
        const r = await runRenewals(deps, actorOf(n), n.id);
        out.callsIssued += r.callsIssued;
        out.remindersSent += r.remindersSent;
        out.lapsed += r.lapsed;
      }
    } else {
      const total = await runAllRenewals(deps);
      out = total;
      if (total.failed) notes.push(`renewal run: ${total.failed} network(s) failed`);
    }
    const seconds = (performance.now() - t) / 1000;
    const membersRun = (sample ?? NETWORKS) * 100;
    const expected = sample ? undefined : active;
    const [after] = (
      (await db.execute(
        sql`select (select count(*) from mail_outbox where kind = 'memberships.renewal-reminder')::int as mails,
          (select count(*) from membership_periods where starts_on = ${`${YEAR + 1}-01-01`})::int as calls,
          (select count(*) from (select network_id from membership_documents where year = ${YEAR}
            group by network_id having count(*) <> max(seq) or count(distinct seq) <> count(*)) g)::int as broken`,
      )) as unknown as { rows: { mails: number; calls: number; broken: number }[] }
    ).rows;
    const renewalOk =
      out.lapsed === 0 &&
      after.broken === 0 &&
      (expected === undefined || (out.callsIssued === expected && out.remindersSent === expected));
    allOk &&= renewalOk;
    const rate = membersRun / seconds;
    lines.push([
      `renewal run, ${membersRun.toLocaleString('en')} members`,
      '1',
      '',
      '',
      '',
      `${seconds.toFixed(1)} s`,
      sample
        ? `sample: ${((200_000 / rate) | 0).toLocaleString('en')} s for 200,000 at this rate (< 60)`
        : verdict(seconds, 60),
    ]);
    notes.push(
      `renewal run: ${out.callsIssued} calls, ${out.remindersSent} reminders, ${out.lapsed} lapsed in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rate).toLocaleString('en')} members/s, ${Math.round(out.callsIssued / seconds)} calls/s); ` +
        `database: ${after.calls} calls for ${YEAR + 1}, ${after.mails} reminder mails in the outbox, ` +
        `${after.broken} network(s) whose ${YEAR} series has a gap or a duplicate${expected !== undefined ? `; expected ${expected} each` : ''}: ${renewalOk ? 'OK' : 'FAILED'}`,
      `documents at once: ${check.line}: ${check.ok ? 'OK' : 'FAILED'}`,
    );
  } finally {
    await database.close();
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  console.log(
    `\nMemberships at scale on PostgreSQL (${NETWORKS.toLocaleString('en')} networks × 100 members), ms\n`,
  );
  console.log(table(['measure', 'n', 'p50', 'p95', 'p99', 'max', 'target'], lines));
  console.log(
    [
      '',
      'How: listMembers() and membersDashboard() (the functions behind GET /api/networks/:id/memberships and',
      '…/memberships/dashboard, authorisation included) called one at a time as the coordinator of a random',
      `network (${SAMPLES} calls per line after 10 warm-up calls; wall time per call; page of 50); the renewal run`,
      'is runAllRenewals(), the scheduled run, at 09:00 UTC on the 3rd of December (calls and first reminders due).',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; load average ${loadAtStart}`,
      `at the start, ${load()} at the end (1, 5, 15 min); peak RSS of this process ${rssMb()} MB.`,
      ...notes,
    ].join('\n'),
  );
  process.exit(allOk ? 0 : 1);
}

await main();
