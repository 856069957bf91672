import { sql } from 'drizzle-orm';
import type { Actor } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { nafSectionLabel } from '../company-identity/naf.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { parisToday } from './memberships.rules.ts';

// The members' dashboard of a network: members per calendar year since its first period, joins, re-joins, lapses,
// renewal rates, dues called and paid, and this year's members by plan, size, sector and EPCI. Three grouped
// queries over the network's periods (index membership_periods_network_end, membership_payments_network), whatever
// the number of years. Definitions: the module's README ("Tableau de bord").

export type DashboardYear = {
  year: number;
  members: number;
  joins: number;
  rejoins: number;
  lapses: number;
  /** Members of the year before still members this year / members of the year before (null for the first year). */
  renewalRate: number | null;
  /** Members who joined the year before and are still members this year / those joiners (null when none). */
  firstYearRenewalRate: number | null;
  calledCents: number;
  paidCents: number;
};
export type BreakdownRow = {
  label: string;
  members: number;
  newMembers: number;
  calledCents: number;
  paidCents: number;
};
export type MembersDashboard = {
  networkName: string;
  networkSlug: string;
  currentYear: number;
  years: DashboardYear[];
  breakdowns: { plan: BreakdownRow[]; size: BreakdownRow[]; sector: BreakdownRow[]; epci: BreakdownRow[] };
};

/** Headcount bands of the dashboard, from Sirene brackets (headcount.ts). */
const sizeBands: { label: string; codes: string[] }[] = [
  { label: 'Sans salarié', codes: ['NN', '00'] },
  { label: '1 à 9 salariés', codes: ['01', '02', '03'] },
  { label: '10 à 49 salariés', codes: ['11', '12'] },
  { label: '50 à 249 salariés', codes: ['21', '22', '31'] },
  { label: '250 salariés et plus', codes: ['32', '41', '42', '51', '52', '53'] },
];
const sizeBandOf = (code: string | null) =>
  sizeBands.find((b) => code && b.codes.includes(code))?.label ?? 'Effectif non renseigné';

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);
const n = (v: unknown) => Number(v ?? 0);
const rowsOf = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows;

/** Payments of the network's periods, less those whose receipt a credit note cancelled. */
const paidByPeriod = (networkId: string) => sql`
  select mp.period_id, sum(mp.amount_cents) as paid from membership_payments mp
  where mp.network_id = ${networkId} and mp.id not in (
    select r.payment_id from membership_documents c
    join membership_documents r on r.id = c.cancels_document_id
    where c.network_id = ${networkId} and c.kind = 'credit_note' and r.payment_id is not null)
  group by mp.period_id`;

/** What a period brought in: its payments, or for imported history (no payments) its amount when marked paid. */
const paidOf = sql`case when p.imported then case when p.state = 'paid' then p.amount_cents else 0 end
  else coalesce(pay.paid, 0) end`;

export async function membersDashboard(
  db: Db,
  actor: Actor | null,
  networkId: string,
  now: Date,
): Promise<MembersDashboard> {
  const network = await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const today = parisToday(now);
  const year = Number(today.slice(0, 4));
  const yearEnd = `${year}-12-31`;

  // Member-years: a member counts in every calendar year one of its live periods overlaps (up to this year).
  const yearly = rowsOf(
    await db.execute(sql`
    with p as (
      select member_id, starts_on, ends_on from membership_periods
      where network_id = ${networkId} and state <> 'cancelled' and starts_on <= ${yearEnd}
    ), my as (
      select distinct p.member_id, y::int as year
      from p, generate_series(extract(year from p.starts_on)::int, least(extract(year from p.ends_on)::int, ${year})) y
    ), last as (
      select member_id, max(ends_on) as last_end from p group by member_id
    ), w as (
      select member_id, year,
        lag(year) over (partition by member_id order by year) as prev,
        lead(year) over (partition by member_id order by year) as next,
        min(year) over (partition by member_id) as first
      from my
    )
    select w.year,
      count(*)::int as members,
      count(*) filter (where prev is null)::int as joins,
      count(*) filter (where prev < w.year - 1)::int as rejoins,
      count(*) filter (where prev = w.year - 1)::int as renewed,
      count(*) filter (where prev = w.year - 1 and first = w.year - 1)::int as first_year_renewed,
      count(*) filter (where (next is null or next > w.year + 1)
        and (w.year < ${year} or last.last_end < ${today}))::int as lapses
    from w join last using (member_id)
    group by w.year order by w.year`),
  );
  const dues = new Map(
    rowsOf(
      await db.execute(sql`
      select extract(year from p.starts_on)::int as year, sum(p.amount_cents) as called, sum(${paidOf}) as paid
      from membership_periods p left join (${paidByPeriod(networkId)}) pay on pay.period_id = p.id
      where p.network_id = ${networkId} and p.state <> 'cancelled' and p.starts_on <= ${yearEnd}
      group by 1`),
    ).map((r) => [n(r.year), { called: n(r.called), paid: n(r.paid) }]),
  );

  const years: DashboardYear[] = [];
  const byYear = new Map(yearly.map((r) => [n(r.year), r]));
  const first = yearly.length ? n(yearly[0].year) : year;
  for (let y = first; y <= year && yearly.length; y++) {
    const r = byYear.get(y) ?? {};
    const before = byYear.get(y - 1);
    const money = dues.get(y) ?? { called: 0, paid: 0 };
    years.push({
      year: y,
      members: n(r.members),
      joins: n(r.joins),
      rejoins: n(r.rejoins),
      lapses: n(r.lapses),
      renewalRate: before ? rate(n(r.renewed), n(before.members)) : null,
      firstYearRenewalRate: before ? rate(n(r.first_year_renewed), n(before.joins)) : null,
      calledCents: money.called,
      paidCents: money.paid,
    });
  }

  // This year's members by plan (of their latest period this year), headcount, NAF section and EPCI.
  const groups = rowsOf(
    await db.execute(sql`
    with p as (
      select p.member_id, p.plan_id, p.starts_on, p.amount_cents, ${paidOf} as paid,
        row_number() over (partition by p.member_id order by p.starts_on desc) as rn
      from membership_periods p left join (${paidByPeriod(networkId)}) pay on pay.period_id = p.id
      where p.network_id = ${networkId} and p.state <> 'cancelled'
        and p.starts_on <= ${yearEnd} and p.ends_on >= ${`${year}-01-01`}
    ), m as (
      select member_id,
        max(plan_id::text) filter (where rn = 1) as plan_id,
        sum(amount_cents) filter (where starts_on >= ${`${year}-01-01`}) as called,
        sum(paid) filter (where starts_on >= ${`${year}-01-01`}) as paid
      from p group by member_id
    )
    select grouping(pl.name) as g_plan, grouping(o.headcount_bracket) as g_size,
      grouping(o.naf_section) as g_sector, grouping(o.epci_code) as g_epci,
      pl.name as plan, o.headcount_bracket as size, o.naf_section as sector, o.epci_code as epci,
      count(*)::int as members,
      count(*) filter (where not exists (
        select 1 from membership_periods q where q.member_id = m.member_id and q.state <> 'cancelled'
          and q.starts_on <= ${`${year - 1}-12-31`} and q.ends_on >= ${`${year - 1}-01-01`}))::int as new_members,
      coalesce(sum(m.called), 0) as called, coalesce(sum(m.paid), 0) as paid
    from m join members mb on mb.id = m.member_id
    join organizations o on o.id = mb.organization_id
    left join membership_plans pl on pl.id::text = m.plan_id
    group by grouping sets ((pl.name), (o.headcount_bracket), (o.naf_section), (o.epci_code))`),
  );
  const breakdown = (flag: string, label: (r: Record<string, unknown>) => string): BreakdownRow[] => {
    const merged = new Map<string, BreakdownRow>();
    for (const r of groups.filter((g) => n(g[flag]) === 0)) {
      const key = label(r);
      const row = merged.get(key) ?? { label: key, members: 0, newMembers: 0, calledCents: 0, paidCents: 0 };
      row.members += n(r.members);
      row.newMembers += n(r.new_members);
      row.calledCents += n(r.called);
      row.paidCents += n(r.paid);
      merged.set(key, row);
    }
    return [...merged.values()].sort((a, b) => b.members - a.members || a.label.localeCompare(b.label, 'fr'));
  };
  return {
    networkName: network.name,
    networkSlug: network.slug,
    currentYear: year,
    years,
    breakdowns: {
      plan: breakdown('g_plan', (r) => String(r.plan ?? 'Formule inconnue')),
      size: breakdown('g_size', (r) => sizeBandOf(r.size as string | null)),
      sector: breakdown(
        'g_sector',
        (r) => nafSectionLabel(r.sector as string | null) ?? 'Activité non renseignée',
      ),
      epci: breakdown('g_epci', (r) =>
        r.epci ? (findTerritory(`epci:${r.epci}`)?.name ?? 'EPCI inconnu') : 'EPCI non renseigné',
      ),
    },
  };
}
