import type { getIndicators } from './indicators.service.ts';
import { xlsx } from './xlsx.ts';

// CSV exports of the indicator tables (secret cells stay blank, marked "secret") and the embeddable SVG figure.

type Indicators = Awaited<ReturnType<typeof getIndicators>>;
export type TableName =
  | 'summary'
  | 'families'
  | 'sectors'
  | 'sizes'
  | 'evolution'
  | 'subTerritories'
  | 'official';

const cell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
  return /[;"\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
type Grid = { header: string[]; rows: unknown[][] };
const csv = (header: string[], rows: unknown[][]): Grid => ({ header, rows });
const toCsv = (g: Grid) => [g.header, ...g.rows].map((r) => r.map(cell).join(';')).join('\r\n');

const secretNote = (s: string | null) =>
  s === 'primary' ? 'secret statistique' : s === 'secondary' ? 'secret (induit)' : '';

/** One table as header + rows (numbers stay numbers, for the spreadsheet). */
export function tableGrid(x: Indicators, table: TableName): Grid {
  const jobsHeader = [
    'établissements employeurs',
    'emplois (bas)',
    'emplois (central)',
    'emplois (haut)',
    'note',
  ];
  const breakdownRows = (rows: Indicators['families']) =>
    rows.map((r) => [
      r.code,
      r.label,
      r.establishments,
      r.jobs?.low,
      r.jobs?.central,
      r.jobs?.high,
      secretNote(r.secret),
    ]);
  switch (table) {
    case 'summary':
      return csv(
        [
          'territoire',
          'instantané',
          'établissements employeurs ESS',
          'emplois (bas)',
          'emplois (central)',
          'emplois (haut)',
          'part des établissements privés (%)',
          'part des emplois privés (%)',
          'démo',
          'note',
        ],
        [
          [
            x.territory.name,
            x.snapshot.month,
            x.employerEstablishments,
            x.jobs?.low,
            x.jobs?.central,
            x.jobs?.high,
            x.share.establishments,
            x.share.jobs?.central,
            x.snapshot.isDemo ? 'oui' : 'non',
            secretNote(x.secret),
          ],
        ],
      );
    case 'families':
      return csv(['code', 'famille', ...jobsHeader], breakdownRows(x.families));
    case 'sectors':
      return csv(['section NAF', 'libellé', ...jobsHeader], breakdownRows(x.sectors));
    case 'sizes':
      return csv(['classe', 'taille', ...jobsHeader], breakdownRows(x.sizes));
    case 'subTerritories':
      return csv(
        ['code', 'territoire', ...jobsHeader.slice(0, 4), 'part des emplois privés (%)', 'note'],
        x.subTerritories.map((r) => [
          r.code,
          r.label,
          r.establishments,
          r.jobs?.low,
          r.jobs?.central,
          r.jobs?.high,
          r.privateJobsShare,
          secretNote(r.secret),
        ]),
      );
    case 'evolution':
      return csv(
        ['instantané', 'établissements employeurs', 'emplois (bas)', 'emplois (central)', 'emplois (haut)'],
        x.evolution.map((e) => [
          e.month,
          e.employerEstablishments,
          e.jobs?.low,
          e.jobs?.central,
          e.jobs?.high,
        ]),
      );
    case 'official':
      return csv(
        [
          'année',
          'famille',
          'emplois',
          'ETP',
          'masse salariale (€)',
          'établissements',
          'part des emplois privés (%)',
          'source',
          'adresse de la source',
        ],
        x.official.map((o) => [
          o.year,
          o.family,
          o.jobs,
          o.fte,
          o.payroll,
          o.establishments,
          o.privateJobsShare,
          o.source,
          o.sourceUrl,
        ]),
      );
  }
}

export const exportTable = (x: Indicators, table: TableName) => toCsv(tableGrid(x, table));

export const tableTitles: Record<TableName, string> = {
  summary: 'Chiffres clés',
  families: 'Par famille',
  sectors: "Par secteur d'activité",
  sizes: 'Par taille',
  evolution: 'Évolution',
  subTerritories: 'Par sous-territoire',
  official: 'Chiffres publiés',
};

/** Every table one after the other, each under a title line. */
export function exportTables(x: Indicators): string {
  return (Object.keys(tableTitles) as TableName[])
    .map((t) => `${tableTitles[t]}\r\n${exportTable(x, t)}`)
    .join('\r\n\r\n');
}

/** The tables as an XLSX workbook, one sheet each. */
export function exportWorkbook(x: Indicators, tables: TableName[]): Uint8Array {
  return xlsx(tables.map((t) => ({ name: tableTitles[t], ...tableGrid(x, t) })));
}

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
const fr = (n: number) =>
  Math.round(n)
    .toLocaleString('fr-FR')
    .replace(/\u202f/g, ' ');

/** A 480×160 card: "30 500 emplois dans l'ESS", the bounds, the share, the source line. */
export function figureSvg(x: Indicators): string {
  const main = x.jobs
    ? `${fr(x.jobs.central)} emplois dans l'ESS`
    : 'Chiffre couvert par le secret statistique';
  const bounds = x.jobs
    ? `entre ${fr(x.jobs.low)} et ${fr(x.jobs.high)} · ${fr(x.employerEstablishments ?? 0)} établissements employeurs`
    : '';
  const share = x.share.jobs?.central
    ? `soit ${String(x.share.jobs.central).replace('.', ',')} % des emplois privés`
    : '';
  const demo = x.snapshot.isDemo ? ' — DONNÉES DE DÉMONSTRATION' : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="160" viewBox="0 0 480 160" role="img" aria-label="${esc(`${x.territory.name} : ${main}`)}">
<rect width="480" height="160" rx="12" fill="#f4f1ea"/>
<text x="24" y="36" font-family="system-ui,sans-serif" font-size="15" fill="#444">${esc(x.territory.name)}</text>
<text x="24" y="74" font-family="system-ui,sans-serif" font-size="26" font-weight="700" fill="#1d4d3a">${esc(main)}</text>
<text x="24" y="100" font-family="system-ui,sans-serif" font-size="13" fill="#333">${esc(bounds)}</text>
<text x="24" y="120" font-family="system-ui,sans-serif" font-size="13" fill="#333">${esc(share)}</text>
<text x="24" y="146" font-family="system-ui,sans-serif" font-size="11" fill="#666">${esc(`Estimation Maillage d'après Sirene (INSEE), ${x.snapshot.month}${demo}`)}</text>
</svg>`;
}
