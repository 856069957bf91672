import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { essFamilyLabels } from '../company-identity/ess-family.ts';
import { findTerritory, getTerritory } from '../territories/territories.service.ts';
import { sizeClasses } from './estimates.ts';
import { nafSectionLabel, nafSections } from './naf-sections.ts';
import { observatoryAggregates, observatorySecretCells, observatorySnapshots } from './observatory.tables.ts';
import { officialFiguresFor } from './official-figures.service.ts';
import { scopeCovers } from './scope.ts';
import type { Secret } from './secrecy.ts';
import { protectSnapshot } from './secrecy-plan.ts';

// Indicators of the ESS for one territory and snapshot, from the pre-aggregated employer establishments. Every
// published number goes through statistical secrecy as decided once for the snapshot (secrecy.ts, secrecy-plan.ts,
// table observatory_secret_cells): a hidden value is null with its reason, and so is every share built on it.

export const essGroups = ['association', 'cooperative', 'mutual', 'foundation', 'ess_company'] as const;
const isEss = (family: string) => (essGroups as readonly string[]).includes(family);

type Jobs = { low: number; central: number; high: number };
type Acc = { establishments: number; jobs: Jobs; maxJobs: number };
const empty = (): Acc => ({ establishments: 0, jobs: { low: 0, central: 0, high: 0 }, maxJobs: 0 });
function add(
  a: Acc,
  r: { establishments: number; jobsLow: number; jobsCentral: number; jobsHigh: number; maxJobs: number },
) {
  a.establishments += r.establishments;
  a.jobs.low += r.jobsLow;
  a.jobs.central += r.jobsCentral;
  a.jobs.high += r.jobsHigh;
  a.maxJobs = Math.max(a.maxJobs, r.maxJobs);
}
const rounded = (j: Jobs): Jobs => ({
  low: Math.round(j.low),
  central: Math.round(j.central),
  high: Math.round(j.high),
});

/** A published line: the values, or nulls with the secrecy reason. */
function line(code: string, label: string, a: Acc, secret: Secret) {
  return secret
    ? { code, label, establishments: null, jobs: null, secret }
    : { code, label, establishments: a.establishments, jobs: rounded(a.jobs), secret: null };
}

type Hidden = Map<string, Exclude<Secret, null>>;
const cellKey = (snapshotId: number, territory: string, dimension: string, category: string) =>
  `${snapshotId}|${territory}|${dimension}|${category}`;

/**
 * The stored hidden cells of `snapshotId` for the territories `codes`, and the ESS totals of `territory` in the
 * `evolution` snapshots: one indexed query. Snapshots imported before secrecy plans existed get theirs first.
 */
async function hiddenCells(
  db: Deps['db'],
  snapshots: (typeof observatorySnapshots.$inferSelect)[],
  snapshotId: number,
  codes: string[],
  territory: string,
): Promise<Hidden> {
  for (const s of snapshots) if (!s.secrecyPlannedAt) await protectSnapshot(db, s.id, s.scope);
  const c = observatorySecretCells;
  const others = snapshots.map((s) => s.id).filter((id) => id !== snapshotId);
  const where: SQL[] = [and(eq(c.snapshotId, snapshotId), inArray(c.territoryCode, codes))!];
  if (others.length)
    where.push(
      and(
        inArray(c.snapshotId, others),
        eq(c.territoryCode, territory),
        eq(c.dimension, 'total'),
        eq(c.category, 'ess'),
      )!,
    );
  const rows = await db
    .select()
    .from(c)
    .where(or(...where));
  return new Map(
    rows.map((r) => [
      cellKey(r.snapshotId, r.territoryCode, r.dimension, r.category),
      r.reason as 'primary' | 'secondary',
    ]),
  );
}

export async function listSnapshots(db: Deps['db']) {
  const rows = await db
    .select()
    .from(observatorySnapshots)
    .where(eq(observatorySnapshots.status, 'ready'))
    .orderBy(desc(observatorySnapshots.month));
  return rows.map((s) => ({
    month: s.month,
    scope: s.scope,
    formatVersion: s.formatVersion,
    isDemo: s.isDemo,
    importedAt: (s.readyAt ?? s.createdAt).toISOString(),
    settings: JSON.parse(s.settings) as Record<string, unknown>,
    stats: JSON.parse(s.stats) as Record<string, unknown>,
  }));
}

/** Per territory and family, summed over sections and sizes (what the sub-territory ranking needs). */
async function familyTotals(db: Deps['db'], snapshotId: number, codes: string[]) {
  const a = observatoryAggregates;
  return db
    .select({
      territoryCode: a.territoryCode,
      family: a.family,
      establishments: sql<number>`sum(${a.establishments})::int`.mapWith(Number),
      jobsLow: sql<number>`sum(${a.jobsLow})`.mapWith(Number),
      jobsCentral: sql<number>`sum(${a.jobsCentral})`.mapWith(Number),
      jobsHigh: sql<number>`sum(${a.jobsHigh})`.mapWith(Number),
      maxJobs: sql<number>`max(${a.maxJobs})`.mapWith(Number),
    })
    .from(a)
    .where(and(eq(a.snapshotId, snapshotId), inArray(a.territoryCode, codes)))
    .groupBy(a.territoryCode, a.family);
}

async function territoryRows(db: Deps['db'], snapshotId: number, codes: string[]) {
  return db
    .select()
    .from(observatoryAggregates)
    .where(
      and(
        eq(observatoryAggregates.snapshotId, snapshotId),
        inArray(observatoryAggregates.territoryCode, codes),
      ),
    );
}

/** ESS, private (non-ESS) and public totals of a set of aggregate rows. */
function totals(rows: Awaited<ReturnType<typeof familyTotals>>) {
  const ess = empty();
  const priv = empty();
  const pub = empty();
  for (const r of rows) add(isEss(r.family) ? ess : r.family === 'public' ? pub : priv, r);
  return { ess, priv, pub };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);

export async function getIndicators(db: Deps['db'], input: { territory: string; snapshot?: string }) {
  const territory = getTerritory(input.territory);
  const snapshots = await db
    .select()
    .from(observatorySnapshots)
    .where(eq(observatorySnapshots.status, 'ready'))
    .orderBy(desc(observatorySnapshots.month));
  const covering = snapshots.filter((s) => scopeCovers(s.scope, territory.code));
  let snapshot = covering[0];
  if (input.snapshot) {
    const wanted = snapshots.find((s) => s.month === input.snapshot);
    if (!wanted) {
      const list = snapshots.map((s) => s.month).join(', ') || 'aucun';
      throw notFound(`Instantané non importé : ${input.snapshot} (instantanés disponibles : ${list})`);
    }
    if (!scopeCovers(wanted.scope, territory.code))
      throw notFound(
        `${territory.name} n’est pas dans le périmètre de l’instantané ${wanted.month} (${wanted.scope})`,
      );
    snapshot = wanted;
  }
  if (!snapshot) {
    const list = snapshots.map((s) => `${s.month} (${s.scope})`).join(', ') || 'aucun';
    throw notFound(`Aucun instantané Sirene ne couvre ${territory.name} (instantanés disponibles : ${list})`);
  }

  // Sub-territories: the ESS total of each child, as published on the child's own page.
  const children = territory.children.filter((c) => c.level !== 'commune' || territory.level === 'epci');
  const codes = [territory.code, ...children.map((c) => c.code)];
  const [allRows, hidden] = await Promise.all([
    territoryRows(db, snapshot.id, codes),
    hiddenCells(db, covering, snapshot.id, codes, territory.code),
  ]);
  const flag = (code: string, dimension: string, category: string, id = snapshot.id): Secret =>
    hidden.get(cellKey(id, code, dimension, category)) ?? null;
  const rows = allRows.filter((r) => r.territoryCode === territory.code);
  const { ess, priv, pub } = totals(rows);
  const fam = new Map<string, Acc>(essGroups.map((f) => [f, empty()]));
  const sec = new Map<string, Acc>(nafSections.map((s) => [s.code, empty()]));
  const siz = new Map<string, Acc>(sizeClasses.map((s) => [s.code, empty()]));
  for (const r of rows) {
    if (!isEss(r.family)) continue;
    add(fam.get(r.family)!, r);
    if (!sec.has(r.nafSection)) sec.set(r.nafSection, empty());
    add(sec.get(r.nafSection)!, r);
    add(siz.get(r.sizeClass) ?? empty(), r);
  }
  const breakdown = (dimension: string, entries: { code: string; label: string; acc: Acc }[]) =>
    entries.map((e) => line(e.code, e.label, e.acc, flag(territory.code, dimension, e.code)));
  const families = breakdown(
    'family',
    essGroups.map((f) => ({ code: f, label: essFamilyLabels[f].fr, acc: fam.get(f)! })),
  );
  const sectors = breakdown(
    'section',
    [...sec.entries()].map(([code, acc]) => ({ code, label: nafSectionLabel(code), acc })),
  );
  const sizes = breakdown(
    'size',
    sizeClasses.map((s) => ({ code: s.code, label: s.label, acc: siz.get(s.code)! })),
  );
  const totalSecret = flag(territory.code, 'total', 'ess');
  // A share is published only when every total it is built from is: otherwise it gives the hidden one away.
  const essPrivateShown = !totalSecret && !flag(territory.code, 'total', 'private');
  const allShown = essPrivateShown && !flag(territory.code, 'total', 'public');

  const subTerritories = children
    .map((c) => {
      const t = totals(allRows.filter((r) => r.territoryCode === c.code));
      const secret = flag(c.code, 'total', 'ess');
      return {
        ...line(c.code, c.name, t.ess, secret),
        privateJobsShare:
          secret || flag(c.code, 'total', 'private')
            ? null
            : ratio(t.ess.jobs.central, t.ess.jobs.central + t.priv.jobs.central),
      };
    })
    .sort((a, b) => (b.jobs?.central ?? -1) - (a.jobs?.central ?? -1));

  const evolution = [];
  for (const s of covering.slice().reverse()) {
    const t = totals(s.id === snapshot.id ? rows : await familyTotals(db, s.id, [territory.code])).ess;
    const shown = !flag(territory.code, 'total', 'ess', s.id);
    evolution.push({
      month: s.month,
      employerEstablishments: shown ? t.establishments : null,
      jobs: shown ? rounded(t.jobs) : null,
    });
  }

  return {
    territory: {
      code: territory.code,
      name: territory.name,
      level: territory.level,
      parents: territory.parents,
    },
    snapshot: {
      month: snapshot.month,
      scope: snapshot.scope,
      /** The scope as people name it ("Grand Est", "France"), never its code. */
      scopeName: findTerritory(snapshot.scope)?.name ?? snapshot.scope,
      isDemo: snapshot.isDemo,
      formatVersion: snapshot.formatVersion,
    },
    secret: totalSecret,
    employerEstablishments: totalSecret ? null : ess.establishments,
    jobs: totalSecret ? null : rounded(ess.jobs),
    families,
    sectors,
    sizes,
    share: {
      establishments: essPrivateShown
        ? ratio(ess.establishments, ess.establishments + priv.establishments)
        : null,
      jobs: !essPrivateShown
        ? null
        : {
            low: ratio(ess.jobs.low, ess.jobs.low + priv.jobs.low),
            central: ratio(ess.jobs.central, ess.jobs.central + priv.jobs.central),
            high: ratio(ess.jobs.high, ess.jobs.high + priv.jobs.high),
          },
      allEstablishments: allShown
        ? ratio(ess.establishments, ess.establishments + priv.establishments + pub.establishments)
        : null,
      // ESS + other private: published only with both parts, or a hidden one would follow from the other by
      // difference.
      privateEmployerEstablishments: essPrivateShown ? ess.establishments + priv.establishments : null,
      privateJobs: essPrivateShown
        ? rounded({
            low: ess.jobs.low + priv.jobs.low,
            central: ess.jobs.central + priv.jobs.central,
            high: ess.jobs.high + priv.jobs.high,
          })
        : null,
    },
    evolution,
    subTerritories,
    official: await officialFiguresFor(db, territory.code),
    settings: JSON.parse(snapshot.settings) as Record<string, unknown>,
  };
}
