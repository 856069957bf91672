import type pg from 'pg';

// Data of the members benchmark, generated in PostgreSQL with set-based SQL (INSERT … SELECT generate_series), not
// through the services: N networks of 100 members each (organisations shared by 10 networks), three plans per
// network, calendar-year periods from 1997 to this year with joins spread over the first years, late joiners,
// one-year lapses followed by re-joins (half of them with the unpaid renewal call cancelled), members who left for
// good, a payment per paid period, this year's calls and receipts numbered per network, one or two contacts each.
// Foreign-key triggers are skipped while loading (session_replication_role = replica) and the indexes that back no
// constraint are dropped first and built again after (from their own definitions): the schema ends as migrated.

const MEMBERS_PER_NETWORK = 100;
const FIRST_YEAR = 1997;
const words = [
  'Boulangerie',
  'Scierie',
  'Garage',
  'Association',
  'Coopérative',
  'Atelier',
  'Épicerie',
  'Ferme',
];
const names = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
];
const tables = [
  'organizations',
  'members',
  'membership_periods',
  'membership_payments',
  'membership_documents',
  'member_contacts',
];

const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(',')}]`;

export type Generated = {
  seconds: number;
  steps: [string, number][];
  counts: Record<string, number>;
  networks: { id: string; coordinatorId: string; planIds: string[] }[];
};

/** Fills the (freshly migrated) database; `epciCodes` are real EPCI SIRENs spread over the organisations. */
export async function generateMembers(
  client: pg.Client,
  opts: { networks: number; year: number; epciCodes: string[] },
): Promise<Generated> {
  const { networks: N, year: Y } = opts;
  const orgCount = Math.min(N, 200) * MEMBERS_PER_NETWORK;
  const steps: [string, number][] = [];
  const started = performance.now();
  const step = async (label: string, query: string) => {
    const t = performance.now();
    await client.query(query);
    steps.push([label, (performance.now() - t) / 1000]);
  };
  await client.query(`SET session_replication_role = replica; SET maintenance_work_mem = '256MB'`);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);

  await step(
    'networks, coordinators, settings, plans',
    `
    CREATE TEMP TABLE bn AS SELECT n, gen_random_uuid() AS id, gen_random_uuid() AS account_id
      FROM generate_series(0, ${N - 1}) n;
    INSERT INTO networks (id, slug, name, kind) SELECT id, 'bench-' || n, 'Réseau bench ' || n, 'club' FROM bn;
    INSERT INTO accounts (id, email, name) SELECT account_id, 'coord' || n || '@bench.test', 'Coord ' || n FROM bn;
    INSERT INTO network_members (network_id, account_id, role) SELECT id, account_id, 'coordinator' FROM bn;
    INSERT INTO membership_settings (network_id, legal_name, iban)
      SELECT id, 'Réseau bench ' || n, 'FR76 3000 1000 0100 0000 0000 ' || lpad(n::text, 3, '0') FROM bn;
    CREATE TEMP TABLE bp AS SELECT bn.n, k, gen_random_uuid() AS id,
        (ARRAY[12000, 30000, 60000])[k + 1] AS price, (ARRAY[NULL, 2000, 2000])[k + 1]::int AS vat
      FROM bn, generate_series(0, 2) k;
    INSERT INTO membership_plans (id, network_id, name, price_cents, vat_rate_bp)
      SELECT bp.id, bn.id, (ARRAY['Petite structure', 'PME', 'Grande entreprise'])[k + 1], price, vat
      FROM bp JOIN bn USING (n);`,
  );
  await step(
    'organisations',
    `
    INSERT INTO organizations (id, name, siret, siren, ess_family, naf_section, headcount_bracket, epci_code, name_key)
    SELECT gen_random_uuid(), nm, lpad((10000000000000 + o)::text, 14, '0'), lpad((100000000 + o)::text, 9, '0'),
      (ARRAY['association', 'cooperative', 'non_ess'])[1 + o % 3], (ARRAY['A','C','F','G','I','Q','S'])[1 + o % 7],
      (ARRAY['NN','00','01','02','11','12','21','31','41'])[1 + (o / 7) % 9],
      (${arr(opts.epciCodes)})[1 + o % ${opts.epciCodes.length}], lower(unaccent(nm))
    FROM (SELECT o, (${arr(words)})[1 + o % ${words.length}] || ' ' || (${arr(names)})[1 + (o / 8) % ${names.length}]
      || ' ' || o AS nm FROM generate_series(0, ${orgCount - 1}) o) s;
    CREATE TEMP TABLE bo AS SELECT row_number() OVER (ORDER BY siret) - 1 AS o, id FROM organizations;`,
  );
  // A member's numbers: g its global index, h a stable pseudo-random value; join year, last year (left for good).
  await step(
    'members',
    `
    CREATE TEMP TABLE bm AS SELECT g, bn.n, bn.id AS network_id, gen_random_uuid() AS id, bo.id AS organization_id,
        CASE WHEN h % 100 < 15 THEN 2005 + h % 20 ELSE ${FIRST_YEAR} + h % 5 END AS join_year,
        CASE WHEN (h / 100) % 10 = 0 THEN 2015 + (h / 1000) % 11 ELSE ${Y} END AS last_year
      FROM (SELECT g, abs(hashint4(g)) AS h FROM generate_series(0, ${N * MEMBERS_PER_NETWORK - 1}) g) s
      JOIN bn ON bn.n = g / ${MEMBERS_PER_NETWORK}
      JOIN bo ON bo.o = (bn.n % 200) * ${MEMBERS_PER_NETWORK} + g % ${MEMBERS_PER_NETWORK};
    UPDATE bm SET join_year = least(join_year, last_year);
    INSERT INTO members (id, network_id, organization_id, status, status_since)
      SELECT id, network_id, organization_id, 'pending', '${FIRST_YEAR}-01-01' FROM bm;
    INSERT INTO member_contacts (member_id, name, role, email)
      SELECT id, 'Contact ' || g, 'main', 'contact' || g || '@bench.test' FROM bm
      UNION ALL SELECT id, 'Comptabilité ' || g, 'billing', 'compta' || g || '@bench.test' FROM bm WHERE g % 3 > 0;`,
  );
  // Years of membership: every year from the join to the last, less one-year lapses (6 %) in between.
  await step(
    'periods and payments',
    `
    CREATE TEMP TABLE byr AS SELECT bm.g, bm.id AS member_id, bm.network_id, bm.n, y,
        abs(hashint4(g * 64 + y)) % 100 AS r,
        (y > bm.join_year AND y < bm.last_year AND abs(hashint4(g * 64 + y)) % 100 < 6) AS gap
      FROM bm, generate_series(${FIRST_YEAR}, ${Y}) y WHERE y BETWEEN bm.join_year AND bm.last_year;
    CREATE TEMP TABLE bper AS SELECT byr.*, CASE
        WHEN lag(y) OVER w IS NULL THEN 'join' WHEN lag(y) OVER w = y - 1 THEN 'renewal' ELSE 'rejoin' END AS kind,
        (g + (y > 2012 AND g % 5 = 0)::int) % 3 AS k
      FROM byr WHERE NOT gap WINDOW w AS (PARTITION BY g ORDER BY y);
    WITH p AS (
      INSERT INTO membership_periods (id, member_id, network_id, plan_id, starts_on, ends_on, kind, amount_ht_cents,
        vat_rate_bp, amount_cents, state, paid_on)
      SELECT gen_random_uuid(), member_id, network_id, bp.id, make_date(y, 1, 1), make_date(y, 12, 31), kind,
        price, vat, price + coalesce(price * vat / 10000, 0), 'paid', make_date(y, 1, 10) + r
      FROM bper JOIN bp USING (n, k)
      RETURNING id, member_id, network_id, amount_cents, paid_on)
    INSERT INTO membership_payments (network_id, member_id, period_id, amount_cents, method, paid_on)
      SELECT network_id, member_id, id, amount_cents, (ARRAY['transfer', 'cheque', 'card'])[1 + amount_cents % 3],
        paid_on FROM p;
    INSERT INTO membership_periods (member_id, network_id, plan_id, starts_on, ends_on, kind, amount_ht_cents,
        vat_rate_bp, amount_cents, state)
      SELECT member_id, network_id, bp.id, make_date(y, 1, 1), make_date(y, 12, 31), 'renewal', price, vat,
        price + coalesce(price * vat / 10000, 0), 'cancelled'
      FROM byr JOIN bp ON bp.n = byr.n AND bp.k = byr.g % 3 WHERE gap AND r % 2 = 0;`,
  );
  await step(
    "this year's documents, statuses",
    `
    WITH d AS (
      SELECT p.network_id, p.member_id, p.id AS period_id, NULL::uuid AS payment_id, 'call' AS kind, p.amount_ht_cents,
        p.amount_cents, make_date(${Y}, 1, 2) AS issued FROM membership_periods p WHERE p.starts_on = '${Y}-01-01'
      UNION ALL
      SELECT p.network_id, p.member_id, p.id, pay.id, 'receipt', p.amount_ht_cents, p.amount_cents, pay.paid_on
      FROM membership_periods p JOIN membership_payments pay ON pay.period_id = p.id WHERE p.starts_on = '${Y}-01-01'
    ), s AS (SELECT d.*, row_number() OVER (PARTITION BY network_id ORDER BY issued, kind, member_id)::int AS seq FROM d)
    INSERT INTO membership_documents (network_id, member_id, period_id, payment_id, kind, year, seq, number, issued_at,
        amount_ht_cents, vat_cents, amount_cents, content)
      SELECT network_id, member_id, period_id, payment_id, kind, ${Y}, seq, '${Y}-' || lpad(seq::text, 5, '0'),
        issued::timestamptz + interval '9 hours', amount_ht_cents, amount_cents - amount_ht_cents, amount_cents,
        jsonb_build_object('title', CASE kind WHEN 'call' THEN 'Appel de cotisation' ELSE 'Reçu de cotisation' END)
      FROM s;
    INSERT INTO membership_document_counters (network_id, year, last_seq, last_issued_at)
      SELECT network_id, ${Y}, max(seq), max(issued_at) FROM membership_documents GROUP BY network_id;
    UPDATE members m SET status = CASE WHEN bm.last_year = ${Y} THEN 'active' ELSE 'lapsed' END,
        status_since = CASE WHEN bm.last_year = ${Y} THEN make_date(bm.join_year, 1, 1)
          ELSE make_date(bm.last_year + 1, 2, 1) END,
        member_since = make_date(bm.join_year, 1, 1)
      FROM bm WHERE bm.id = m.id;`,
  );
  const t = performance.now();
  for (const i of indexes) await client.query(i.def);
  steps.push([`indexes (${indexes.length}) built again`, (performance.now() - t) / 1000]);
  await step('analyze', `SET session_replication_role = DEFAULT; ANALYZE`);

  const counts: Record<string, number> = {};
  for (const table of [...tables, 'membership_plans']) {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  const { rows } = await client.query<{ id: string; account_id: string; plans: string[] }>(
    `SELECT bn.id, bn.account_id, array_agg(bp.id::text ORDER BY bp.k) AS plans
     FROM bn JOIN bp USING (n) GROUP BY bn.n, bn.id, bn.account_id ORDER BY bn.n`,
  );
  return {
    seconds: (performance.now() - started) / 1000,
    steps,
    counts,
    networks: rows.map((r) => ({ id: r.id, coordinatorId: r.account_id, planIds: r.plans })),
  };
}
