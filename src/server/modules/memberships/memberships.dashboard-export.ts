import { toCsv } from '../../lib/csv.ts';
import { buildXlsx } from '../../lib/xlsx.ts';
import type { BreakdownRow, MembersDashboard } from './memberships.dashboard.ts';

// The members' dashboard as a spreadsheet: the yearly table, then this year's breakdowns, in one sheet (CSV for
// French Excel, or XLSX). Amounts in euros, rates in per cent, as numbers a spreadsheet can sum.

type Cell = string | number | null;

const euros = (cents: number) => Math.round(cents) / 100;

export function dashboardGrid(d: MembersDashboard): { header: string[]; rows: Cell[][] } {
  const header = [
    'Année',
    'Adhérents',
    'Adhésions',
    'Ré-adhésions',
    'Départs',
    'Taux de renouvellement (%)',
    'Taux de renouvellement 1re année (%)',
    'Cotisations appelées (€)',
    'Cotisations réglées (€)',
  ];
  const rows: Cell[][] = d.years.map((y) => [
    y.year,
    y.members,
    y.joins,
    y.rejoins,
    y.lapses,
    y.renewalRate,
    y.firstYearRenewalRate,
    euros(y.calledCents),
    euros(y.paidCents),
  ]);
  const section = (title: string, items: BreakdownRow[]) => {
    rows.push([]);
    rows.push([
      `${title} (${d.currentYear})`,
      'Adhérents',
      'Nouveaux adhérents',
      'Cotisations appelées (€)',
      'Cotisations réglées (€)',
    ]);
    for (const r of items)
      rows.push([r.label, r.members, r.newMembers, euros(r.calledCents), euros(r.paidCents)]);
  };
  section('Par formule', d.breakdowns.plan);
  section('Par taille', d.breakdowns.size);
  section('Par secteur d’activité', d.breakdowns.sector);
  section('Par EPCI', d.breakdowns.epci);
  return { header, rows };
}

export function dashboardCsv(d: MembersDashboard) {
  const { header, rows } = dashboardGrid(d);
  return { csv: toCsv(header, rows), filename: `adherents-${d.networkSlug}-${d.currentYear}.csv` };
}

export function dashboardXlsx(d: MembersDashboard) {
  const { header, rows } = dashboardGrid(d);
  return {
    xlsx: buildXlsx('Adhérents', [header, ...rows]),
    filename: `adherents-${d.networkSlug}-${d.currentYear}.xlsx`,
  };
}
