import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../lib/errors.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { siretProblem } from '../company-identity/siret.ts';
import { mergeFields, prepareOrganization } from '../organizations/organizations.rules.ts';
import { insertOrganization } from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { normalizeName } from '../territories/territories.service.ts';
import {
  decodeHistoryCsv,
  type HistoryRow,
  parseHistoryCsv,
  type RowProblem,
} from './memberships.history-csv.ts';
import { listPlans, type Plan } from './memberships.plans.ts';
import { addDays, parisToday } from './memberships.rules.ts';
import { recomputeKinds, refreshMemberStatuses } from './memberships.status.ts';
import { memberStatusChanges, members, membershipPeriods } from './memberships.tables.ts';

// Importing past memberships (one CSV row per organisation and year): each row finds its organisation in the
// directory (SIRET, then SIREN, then exact name), or creates it when the row has a name and a valid SIRET; each
// year becomes a period marked `imported` (no numbered document, never payable). Bad lines are reported with their
// number and reason, good ones kept. A dry run checks and counts; the import writes in one transaction. Years a
// member already has (the same file twice, or periods kept in Maillage) are counted, not added again.

export type HistoryReport = {
  dryRun: boolean;
  total: number;
  valid: number;
  periodsCreated: number;
  alreadyPresent: number;
  membersCreated: number;
  organizationsCreated: number;
  errors: RowProblem[];
};

type Org = { id: string; name: string; siret: string | null; siren: string | null };
type Target = { org: Org } | { create: { name: string; siret: string } };
type Planned = { row: HistoryRow; target: Target; plan: Plan; startsOn: string; endsOn: string };

const group = <T>(items: T[], key: (t: T) => string | null) => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
};

/** A period for year `y` on the plan: the calendar year, or the season starting in `y`. */
function yearPeriod(plan: Plan, y: number) {
  if (plan.periodKind === 'season' && plan.seasonStart) {
    const startsOn = `${y}-${plan.seasonStart}`;
    return { startsOn, endsOn: addDays(`${y + 1}-${plan.seasonStart}`, -1) };
  }
  return { startsOn: `${y}-01-01`, endsOn: `${y}-12-31` };
}

export async function importHistory(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor | null,
  networkId: string,
  file: Buffer | string,
  opts: { dryRun: boolean; requestId?: string },
): Promise<HistoryReport> {
  const db = deps.db;
  await requireNetwork(db, networkId);
  await requireCoordinatorOf(db, actor, networkId);
  const now = deps.clock();
  const today = parisToday(now);
  const { rows, problems } = parseHistoryCsv(decodeHistoryCsv(file), Number(today.slice(0, 4)));
  const plans = await listPlans(db, networkId);
  if (plans.length === 0)
    throw invalidInput('Créez d’abord une formule d’adhésion : chaque année importée en a une.', {
      file: 'aucune formule dans ce réseau',
    });
  const planByName = new Map(plans.map((p) => [normalizeName(p.name), p]));
  const defaultPlan = plans.find((p) => p.active) ?? plans[0];

  // Everything the rows refer to, in a few queries whatever the file's length.
  const orgColumns = {
    id: organizations.id,
    name: organizations.name,
    siret: organizations.siret,
    siren: organizations.siren,
  };
  const distinct = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const sirets = distinct(rows.map((r) => r.siret));
  const sirens = distinct(rows.map((r) => r.siren));
  const names = distinct(rows.map((r) => r.name?.toLowerCase()));
  const bySiret = new Map(
    (sirets.length
      ? await db.select(orgColumns).from(organizations).where(inArray(organizations.siret, sirets))
      : []
    ).map((o) => [o.siret as string, o]),
  );
  const bySiren = group(
    sirens.length
      ? await db.select(orgColumns).from(organizations).where(inArray(organizations.siren, sirens))
      : [],
    (o) => o.siren,
  );
  const byName = group(
    names.length
      ? await db
          .select(orgColumns)
          .from(organizations)
          .where(inArray(sql`lower(${organizations.name})`, names))
      : [],
    (o) => o.name.toLowerCase(),
  );
  const networkMembers = await db
    .select({ id: members.id, organizationId: members.organizationId, status: members.status })
    .from(members)
    .where(eq(members.networkId, networkId));
  const memberByOrg = new Map(networkMembers.map((m) => [m.organizationId, m]));
  const periods = group(
    await db
      .select({
        memberId: membershipPeriods.memberId,
        startsOn: membershipPeriods.startsOn,
        endsOn: membershipPeriods.endsOn,
        planId: membershipPeriods.planId,
      })
      .from(membershipPeriods)
      .where(and(eq(membershipPeriods.networkId, networkId), ne(membershipPeriods.state, 'cancelled')))
      .orderBy(membershipPeriods.startsOn),
    (p) => p.memberId,
  );

  /** Several organisations share a SIREN or a name: the one that is a member here, if only one is. */
  const pick = (candidates: Org[] | undefined, what: string): Org | string | undefined => {
    if (!candidates?.length) return undefined;
    if (candidates.length === 1) return candidates[0];
    const here = candidates.filter((c) => memberByOrg.has(c.id));
    if (here.length === 1) return here[0];
    return `${candidates.length} organisations de l’annuaire ont ce ${what} : précisez le SIRET`;
  };
  const errors: RowProblem[] = [...problems];
  const planned: Planned[] = [];
  const seen = new Map<string, number>();
  let alreadyPresent = 0;
  for (const row of rows) {
    const fail = (reason: string) => errors.push({ line: row.line, reason });
    let found: Org | string | undefined = row.siret ? bySiret.get(row.siret) : undefined;
    if (!found && row.siren) found = pick(bySiren.get(row.siren), 'SIREN');
    if (!found && row.name) found = pick(byName.get(row.name.toLowerCase()), 'nom');
    if (typeof found === 'string') {
      fail(found);
      continue;
    }
    let target: Target;
    if (found) target = { org: found };
    else if (row.name && row.siret) {
      const problem = siretProblem(row.siret);
      if (problem) {
        fail(`organisation inconnue de l’annuaire, et ${problem} : elle ne peut pas être créée`);
        continue;
      }
      const prepared = prepareOrganization(mergeFields(undefined, { name: row.name, siret: row.siret }));
      if (!prepared.ok) {
        fail(`organisation inconnue, non créée : ${Object.values(prepared.fields).join(' ; ')}`);
        continue;
      }
      target = { create: { name: row.name, siret: row.siret } };
    } else {
      fail(
        row.name
          ? `organisation « ${row.name} » inconnue de l’annuaire : ajoutez son SIRET pour la créer`
          : 'organisation inconnue de l’annuaire : ajoutez son nom et son SIRET pour la créer',
      );
      continue;
    }
    const member = 'org' in target ? memberByOrg.get(target.org.id) : undefined;
    const own = member ? (periods.get(member.id) ?? []) : [];
    let plan = defaultPlan;
    if (row.plan) {
      const named = planByName.get(normalizeName(row.plan));
      if (!named) {
        fail(
          `formule inconnue « ${row.plan} » (formules du réseau : ${plans.map((p) => p.name).join(', ')})`,
        );
        continue;
      }
      plan = named;
    } else if (own.length) plan = plans.find((p) => p.id === own.at(-1)?.planId) ?? defaultPlan;
    const key = `${'org' in target ? target.org.id : target.create.siret}/${row.year}`;
    if (seen.has(key)) {
      fail(`doublon de la ligne ${seen.get(key)} (même organisation, même année)`);
      continue;
    }
    seen.set(key, row.line);
    const { startsOn, endsOn } = yearPeriod(plan, row.year as number);
    if (own.some((p) => p.startsOn <= endsOn && p.endsOn >= startsOn)) {
      alreadyPresent += 1;
      continue;
    }
    planned.push({ row, target, plan, startsOn, endsOn });
  }
  errors.sort((a, b) => a.line - b.line);

  const newOrgs = new Map<string, { name: string; siret: string }>();
  for (const p of planned) if ('create' in p.target) newOrgs.set(p.target.create.siret, p.target.create);
  const newMemberOrgs = new Set(
    planned.filter((p) => 'create' in p.target || !memberByOrg.has(p.target.org.id)).map((p) => key(p)),
  );
  const report: HistoryReport = {
    dryRun: opts.dryRun,
    total: rows.length + problems.length,
    valid: planned.length + alreadyPresent,
    periodsCreated: planned.length,
    alreadyPresent,
    membersCreated: newMemberOrgs.size,
    organizationsCreated: newOrgs.size,
    errors,
  };
  if (opts.dryRun || planned.length === 0) return report;

  await db.transaction(async (trx) => {
    const tx = trx as unknown as Db;
    const created = new Map<string, string>();
    for (const org of newOrgs.values()) {
      const row = await insertOrganization(tx, actor, mergeFields(undefined, org), {
        source: 'import',
        networkId,
        requestId: opts.requestId,
      });
      created.set(org.siret, row.id);
    }
    const orgIdOf = (p: Planned) =>
      'org' in p.target ? p.target.org.id : created.get(p.target.create.siret)!;
    const memberIds = new Map(networkMembers.map((m) => [m.organizationId, m.id]));
    const fresh = [...new Set(planned.map(orgIdOf).filter((id) => !memberIds.has(id)))];
    if (fresh.length) {
      const inserted = await tx
        .insert(members)
        .values(fresh.map((organizationId) => ({ networkId, organizationId, statusSince: today })))
        .returning({ id: members.id, organizationId: members.organizationId });
      for (const m of inserted) memberIds.set(m.organizationId, m.id);
      await tx
        .insert(memberStatusChanges)
        .values(
          inserted.map((m) => ({ memberId: m.id, toStatus: 'pending', on: today, reason: 'history-import' })),
        );
    }
    await tx.insert(membershipPeriods).values(
      planned.map((p) => ({
        memberId: memberIds.get(orgIdOf(p))!,
        networkId,
        planId: p.plan.id,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        kind: 'join',
        amountHtCents: p.row.amountCents ?? 0,
        vatRateBp: null,
        amountCents: p.row.amountCents ?? 0,
        state: p.row.paid ? 'paid' : 'called',
        imported: true,
      })),
    );
    const touched = [...new Set(planned.map((p) => memberIds.get(orgIdOf(p))!))];
    // Joins, renewals and re-joins follow the dates, the imported years included.
    await recomputeKinds(tx, touched);
    await refreshMemberStatuses(tx, touched, today, 'history-import');
    await recordAudit(tx, actor, {
      action: 'membership.history-import',
      entityType: 'network',
      entityId: networkId,
      networkIds: [networkId],
      after: { ...report, errors: report.errors.length },
      requestId: opts.requestId,
    });
  });
  return report;

  function key(p: Planned) {
    return 'org' in p.target ? p.target.org.id : p.target.create.siret;
  }
}
