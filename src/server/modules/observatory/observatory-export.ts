import { type CsvCell, toCsv } from '../../lib/csv.ts';
import { roundJobs } from './estimates.ts';
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

type Grid = { header: string[]; rows: unknown[][] };
const csv = (header: string[], rows: unknown[][]): Grid => ({ header, rows });

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
          o.year ?? 'année non précisée',
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

export const exportTable = (x: Indicators, table: TableName) => {
  const grid = tableGrid(x, table);
  return toCsv(grid.header, grid.rows as CsvCell[][]);
};

export const tableTitles: Record<TableName, string> = {
  summary: 'Chiffres clés',
  families: 'Par famille',
  sectors: 'Par secteur d’activité',
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

/** Cuts a line to about `width` pixels at `size` px (system-ui averages ~0.56 em a character). */
function fitLine(text: string, size: number, width = 432) {
  const max = Math.floor(width / (size * 0.56));
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * A 480×200 card for a partner's site: "30 600 emplois dans l'ESS", rounded as on the dashboard, the range, "1 emploi
 * privé sur 7", the employer establishments, the source and month, and DÉMONSTRATION on a line of its own for demo
 * data. Lines are cut rather than left to overflow the card.
 */
export function figureSvg(x: Indicators): string {
  const pct = x.share.jobs?.central;
  const oneIn = pct ? Math.round(100 / pct) : null;
  const main = x.jobs
    ? `${fr(roundJobs(x.jobs.central))} emplois dans l’ESS`
    : 'Chiffre couvert par le secret statistique';
  const range = x.jobs ? `fourchette : de ${fr(x.jobs.low)} à ${fr(x.jobs.high)} emplois` : '';
  const share =
    pct && oneIn ? `1 emploi privé sur ${oneIn} (${String(pct).replace('.', ',')} % des emplois privés)` : '';
  const establishments =
    x.employerEstablishments !== null ? `${fr(x.employerEstablishments)} établissements employeurs` : '';
  const line = (y: number, size: number, fill: string, text: string, weight = '') =>
    text
      ? `<text x="24" y="${y}" font-family="system-ui,sans-serif" font-size="${size}"${weight} fill="${fill}">${esc(fitLine(text, size))}</text>`
      : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200" role="img" aria-label="${esc(`${x.territory.name} : ${main}${oneIn ? `, 1 emploi privé sur ${oneIn}` : ''}`)}">`,
    '<rect width="480" height="200" rx="12" fill="#f4f1ea"/>',
    line(36, 15, '#444', x.territory.name),
    line(72, 26, '#1d4d3a', main, ' font-weight="700"'),
    line(98, 13, '#333', range),
    line(118, 13, '#333', share),
    line(138, 13, '#333', establishments),
    line(166, 11, '#666', `Estimation Maillage d’après Sirene (INSEE), instantané ${x.snapshot.month}`),
    x.snapshot.isDemo
      ? line(184, 11, '#8a4b00', 'DONNÉES DE DÉMONSTRATION, PAS LA RÉALITÉ', ' font-weight="700"')
      : '',
    '</svg>',
  ]
    .filter(Boolean)
    .join('\n');
}
