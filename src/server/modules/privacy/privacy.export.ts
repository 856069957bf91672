import { strToU8, zipSync } from 'fflate';
import { toCsv } from '../../lib/csv.ts';
import { exportPersonalData as accounts } from '../accounts/accounts.privacy.ts';
import { exportPersonalData as audit } from '../audit/audit.privacy.ts';
import { exportPersonalData as events } from '../events/events.privacy.ts';
import { exportPersonalData as fairs } from '../fairs/fairs.privacy.ts';
import { exportPersonalData as gtec } from '../gtec/gtec.privacy.ts';
import { exportPersonalData as mail } from '../mail/mail.privacy.ts';
import { exportPersonalData as memberships } from '../memberships/memberships.privacy.ts';
import { exportPersonalData as networking } from '../networking/networking.privacy.ts';
import { exportPersonalData as news } from '../news/news.privacy.ts';
import { exportPersonalData as newsletters } from '../newsletters/newsletters.privacy.ts';
import { exportPersonalData as organizations } from '../organizations/organizations.privacy.ts';
import { exportPersonalData as registrations } from '../registrations/registrations.privacy.ts';
import { exportPersonalData as relations } from '../relations/relations.privacy.ts';
import {
  normaliseEmail,
  type PersonalDataPart,
  type PersonalDataRow,
  type PrivacyCtx,
} from './privacy.types.ts';

// Everything the platform holds about one address, gathered from every module's own part and written as a zip:
// one JSON file per module, one CSV per table (French Excel: BOM, `;`, cells that could run as formulas kept as
// text), and a summary. A module joins by adding its `<module>.privacy.ts` to this list.

type Part = (ctx: PrivacyCtx, email: string) => Promise<PersonalDataPart>;
const parts: Part[] = [
  accounts,
  memberships,
  registrations,
  networking,
  relations,
  newsletters,
  mail,
  events,
  fairs,
  gtec,
  organizations,
  news,
  audit,
];

export type PersonalData = {
  email: string;
  generatedAt: Date;
  parts: PersonalDataPart[];
  /** Rows per module and table, e.g. `{ registrations: { registrations: 2 } }`. */
  counts: Record<string, Record<string, number>>;
  total: number;
};

/** Every module's rows about the address (no rights checked here: the callers are privacy.service.ts). */
export async function collectPersonalData(
  ctx: PrivacyCtx,
  rawEmail: string,
  now: Date,
): Promise<PersonalData> {
  const email = normaliseEmail(rawEmail);
  const found = await Promise.all(parts.map((part) => part(ctx, email)));
  const counts: PersonalData['counts'] = {};
  let total = 0;
  for (const p of found) {
    counts[p.module] = Object.fromEntries(p.tables.map((t) => [t.name, t.rows.length]));
    total += p.tables.reduce((n, t) => n + t.rows.length, 0);
  }
  return { email, generatedAt: now, parts: found, counts, total };
}

const cell = (v: unknown) =>
  v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? v
    : v instanceof Date
      ? v
      : JSON.stringify(v);

function tableCsv(rows: PersonalDataRow[]): string {
  const header: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  return toCsv(
    header,
    rows.map((r) => header.map((k) => cell(r[k]))),
  );
}

const readme = (d: PersonalData) =>
  [
    `Données personnelles détenues par Maillage pour l’adresse ${d.email}`,
    `Export du ${d.generatedAt.toISOString()}.`,
    '',
    'Le dossier json/ contient un fichier par module de la plateforme ; le dossier csv/ un tableau par type de donnée',
    '(à ouvrir avec un tableur : UTF-8, séparateur point-virgule). resume.json donne le nombre de lignes de chacun.',
    'Les mots de passe, jetons de connexion et liens personnels ne sont jamais exportés (seules leurs empreintes sont',
    'conservées, et elles ne servent à rien hors de la plateforme).',
    '',
  ].join('\r\n');

/** The zip of the data: LISEZMOI.txt, resume.json, json/<module>.json, csv/<module>-<table>.csv. */
export function personalDataZip(d: PersonalData): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'LISEZMOI.txt': strToU8(readme(d)),
    'resume.json': strToU8(
      JSON.stringify(
        { email: d.email, generatedAt: d.generatedAt, counts: d.counts, total: d.total },
        null,
        2,
      ),
    ),
  };
  for (const p of d.parts) {
    const json = Object.fromEntries(p.tables.map((t) => [t.name, t.rows]));
    files[`json/${p.module}.json`] = strToU8(JSON.stringify(json, null, 2));
    for (const t of p.tables)
      if (t.rows.length) files[`csv/${p.module}-${t.name}.csv`] = strToU8(tableCsv(t.rows));
  }
  return zipSync(files, { level: 6, mtime: d.generatedAt });
}
