import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import Papa from 'papaparse';
import { z } from 'zod';
import type { Actor, Deps } from '../../context.ts';
import { conflict, invalidInput } from '../../lib/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { decodeHistoryCsv } from '../memberships/memberships.history-csv.ts';
import { detectDelimiter } from '../organizations/organizations.csv.ts';
import { erasureHash } from '../privacy/privacy.types.ts';
import { normalizeName } from '../territories/territories.service.ts';
import { requireStaffList } from './newsletters.access.ts';
import { newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';
import { normaliseEmail } from './newsletters.tokens.ts';

// The import of a list's existing subscribers from a CSV file (French Excel: `;` or `,`, BOM, UTF-8 or
// Windows-1252). Each row states its legal basis: consent, with the date it was given, or legitimate interest (a
// professional address). Bad lines are reported with their number and reason and the good ones kept; an address
// that left the list or is suppressed is never subscribed again (reported as such). A dry run writes nothing.

const columns: Record<string, 'email' | 'name' | 'basis' | 'date'> = {
  email: 'email',
  'e mail': 'email',
  courriel: 'email',
  'adresse e mail': 'email',
  nom: 'name',
  name: 'name',
  base: 'basis',
  'base legale': 'basis',
  'date consentement': 'date',
  'date du consentement': 'date',
};
const bases: Record<string, 'consent' | 'legitimate_interest'> = {
  consentement: 'consent',
  consent: 'consent',
  'interet legitime': 'legitimate_interest',
  'legitimate interest': 'legitimate_interest',
};
const emailSchema = z.email();
const MAX_REPORTED = 1000;

/** "31/01/2025", "2025-01-31" → the date at noon UTC (a day, not an instant); undefined otherwise. */
export function parseDay(text: string): Date | undefined {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [y, m, d] = fr ? [fr[3], fr[2], fr[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 12));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return undefined;
  return date;
}

type Row = {
  line: number;
  email: string;
  name: string | null;
  basis: 'consent' | 'legitimate_interest';
  consentedAt: Date | null;
};
export type ImportReport = {
  dryRun: boolean;
  /** Data lines read (blank lines aside). */
  lines: number;
  /** Subscribed by this import (or that would be, in a dry run). */
  imported: number;
  alreadySubscribed: number;
  /** Addresses that left the list or are suppressed: never subscribed again. */
  refused: { line: number; email: string; reason: string }[];
  problems: { line: number; reason: string }[];
};

/** Reads the file: its good rows and its bad lines, each with its number (header = line 1) and reason. */
export function parseSubscribersCsv(file: Buffer | string, today: Date) {
  const text = decodeHistoryCsv(file).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  const [header, ...records] = parsed.data;
  if (!header || header.every((h) => !h.trim()))
    throw invalidInput('Le fichier est vide ou sans ligne d’en-tête.', { file: 'en-tête manquant' });
  const mapping = header.map((h) => columns[normalizeName(h)]);
  for (const [field, label] of [
    ['email', 'email'],
    ['basis', 'base'],
  ] as const)
    if (!mapping.includes(field))
      throw invalidInput(
        `Colonne « ${label} » absente : les colonnes attendues sont email, nom (facultative), base (consentement ou interet_legitime) et date_consentement.`,
        { file: `colonne « ${label} » absente` },
      );
  const rows: Row[] = [];
  const problems: ImportReport['problems'] = [];
  const seen = new Map<string, number>();
  let lines = 0;
  let line = 2 + (header.join('').match(/\n/g)?.length ?? 0);
  for (const record of records) {
    const start = line;
    line += record.join('').split('\n').length;
    if (record.every((c) => !c.trim())) continue;
    lines += 1;
    const cells: Partial<Record<'email' | 'name' | 'basis' | 'date', string>> = {};
    record.forEach((v, i) => {
      const f = mapping[i];
      if (f && v.trim()) cells[f] = v.trim();
    });
    const fail = (reason: string) => problems.push({ line: start, reason });
    const email = cells.email ? normaliseEmail(cells.email) : '';
    if (!email) {
      fail('adresse e-mail manquante');
      continue;
    }
    if (email.length > 254 || !emailSchema.safeParse(email).success) {
      fail(`adresse e-mail invalide « ${cells.email} »`);
      continue;
    }
    const basis = cells.basis ? bases[normalizeName(cells.basis)] : undefined;
    if (!basis) {
      fail(
        cells.basis
          ? `base légale inconnue « ${cells.basis} » : consentement ou interet_legitime`
          : 'base légale manquante : consentement ou interet_legitime',
      );
      continue;
    }
    let consentedAt: Date | null = null;
    if (cells.date) {
      const day = parseDay(cells.date);
      if (!day || day.getTime() > today.getTime() + 86_400_000 || day.getUTCFullYear() < 1990) {
        fail(`date du consentement invalide « ${cells.date} » : JJ/MM/AAAA, passée`);
        continue;
      }
      consentedAt = day;
    }
    if (basis === 'consent' && !consentedAt) {
      fail('date du consentement manquante : elle est obligatoire quand la base est « consentement »');
      continue;
    }
    const earlier = seen.get(email);
    if (earlier) {
      fail(`adresse déjà présente ligne ${earlier}`);
      continue;
    }
    seen.set(email, start);
    rows.push({ line: start, email, name: cells.name?.slice(0, 200) ?? null, basis, consentedAt });
  }
  return { rows, problems, lines };
}

/** Imports (or, in a dry run, checks) a file of subscribers into a list. */
export async function importSubscribers(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  listId: string,
  file: Buffer | string,
  opts: { dryRun: boolean; requestId?: string },
): Promise<ImportReport> {
  const list = await requireStaffList(deps.db, actor, listId);
  if (list.archivedAt) throw conflict('Cette liste est archivée : on n’y importe plus d’abonnés.');
  const now = deps.clock();
  const { rows, problems, lines } = parseSubscribersCsv(file, now);
  return deps.db.transaction(async (trx) => {
    const existing = new Map<string, { status: string; unsubscribedAt: Date | null }>();
    const suppressed = new Map<string, string>();
    for (let i = 0; i < rows.length; i += 1000) {
      const emails = rows.slice(i, i + 1000).map((r) => r.email);
      // An erased person's address is kept only as its hash (privacy erasure): never subscribed again either.
      const hashed = new Map(emails.map((e) => [erasureHash(e), e]));
      for (const s of await trx
        .select({
          email: newsletterSubscriptions.email,
          status: newsletterSubscriptions.status,
          unsubscribedAt: newsletterSubscriptions.unsubscribedAt,
        })
        .from(newsletterSubscriptions)
        .where(
          and(eq(newsletterSubscriptions.listId, list.id), inArray(newsletterSubscriptions.email, emails)),
        ))
        existing.set(s.email, s);
      for (const s of await trx
        .select({ email: newsletterSuppressions.email, reason: newsletterSuppressions.reason })
        .from(newsletterSuppressions)
        .where(
          and(
            inArray(newsletterSuppressions.email, [...emails, ...hashed.keys()]),
            or(
              isNull(newsletterSuppressions.networkId),
              eq(newsletterSuppressions.networkId, list.networkId),
            ),
          ),
        ))
        suppressed.set(hashed.get(s.email) ?? s.email, s.reason);
    }
    const refused: ImportReport['refused'] = [];
    const fresh: Row[] = [];
    let alreadySubscribed = 0;
    for (const r of rows) {
      const sub = existing.get(r.email);
      const why = suppressed.get(r.email);
      if (sub && (sub.status === 'unsubscribed' || sub.unsubscribedAt))
        refused.push({
          line: r.line,
          email: r.email,
          reason: 's’est désinscrite de cette liste : jamais réinscrite',
        });
      else if (why) refused.push({ line: r.line, email: r.email, reason: suppressionReason(why) });
      else if (sub) alreadySubscribed += 1;
      else fresh.push(r);
    }
    if (!opts.dryRun && fresh.length > 0) {
      for (let i = 0; i < fresh.length; i += 1000)
        await trx.insert(newsletterSubscriptions).values(
          fresh.slice(i, i + 1000).map((r) => ({
            listId: list.id,
            networkId: list.networkId,
            email: r.email,
            name: r.name,
            status: 'confirmed',
            legalBasis: r.basis,
            source: 'import',
            consentedAt: r.consentedAt,
            confirmedAt: now,
          })),
        );
      await recordAudit(trx, actor, {
        action: 'newsletters.import',
        entityType: 'newsletter_list',
        entityId: list.id,
        networkIds: [list.networkId],
        after: {
          name: list.name,
          imported: fresh.length,
          refused: refused.length,
          problems: problems.length,
        },
        requestId: opts.requestId,
      });
    }
    return {
      dryRun: opts.dryRun,
      lines,
      imported: fresh.length,
      alreadySubscribed,
      refused: refused.slice(0, MAX_REPORTED),
      problems: problems.slice(0, MAX_REPORTED),
    };
  });
}

const suppressionReason = (reason: string) =>
  reason === 'hard_bounce'
    ? 'adresse en échec définitif (courriels refusés) : jamais réinscrite'
    : reason === 'complaint'
      ? 'a signalé un envoi comme indésirable : jamais réinscrite'
      : reason === 'erased'
        ? 'a demandé l’effacement de ses données : jamais réinscrite'
        : 's’est désinscrite de toutes les lettres du réseau : jamais réinscrite';
