import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { insertOrganizations, SOUTH_HAUTE_MARNE } from '../../../cli/demo/directory.ts';
import { generateOrganizations } from '../../../cli/demo/generate.ts';
import type { Rng } from '../../../cli/demo/prng.ts';
import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import type { Db } from '../../db/client.ts';
import { organizationsByIds } from '../organizations/organizations.service.ts';
import { type DemoPayment, helloAssoDemo } from './helloasso/helloasso.demo.ts';
import { type DocumentContent, documentTitles, formatNumber } from './memberships.documents.ts';
import { createPlan, type Plan, putSettings } from './memberships.plans.ts';
import { addDays, memberStatus, type PeriodFacts, parisToday, withVat } from './memberships.rules.ts';
import {
  memberContacts,
  memberStatusChanges,
  members,
  membershipDocumentCounters,
  membershipDocuments,
  membershipPayments,
  membershipPeriods,
} from './memberships.tables.ts';

// Demo memberships: the Sud Haute-Marne club, founded in 2001 with 30 companies and about 100 today (renewal about
// 85 %, first-year renewal about 75 %, re-joins after a gap), and the CRESS with its member organisations since
// 2015. Every past year is paid; this year's dues are mostly paid, some are late. Numbered documents (calls and
// receipts) fill each year's series in date order. Bulk inserts: the whole demo stays a few seconds.

type Entity = { key: number; years: number[]; joinDay: string };

/** Who is a member each year: renewals, first-year renewals, re-joins, and new members up to the year's target. */
export function simulateHistory(
  rng: Rng,
  opts: { from: number; to: number; start: number; end: number },
): Entity[] {
  const entities: Entity[] = [];
  const day = (y: number) =>
    `${y}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  for (let i = 0; i < opts.start; i++)
    entities.push({ key: i, years: [opts.from], joinDay: `${opts.from}-01-15` });
  for (let y = opts.from + 1; y <= opts.to; y++) {
    let count = 0;
    for (const e of entities) {
      const last = e.years.at(-1) ?? 0;
      if (last === y - 1) {
        const firstYear = e.years.length === 1;
        if (rng.chance(firstYear ? 0.75 : 0.87)) {
          e.years.push(y);
          count++;
        }
      } else if (y - last <= 4 && rng.chance(0.06)) {
        e.years.push(y);
        count++;
      }
    }
    const progress = (y - opts.from) / (opts.to - opts.from);
    const target = Math.round(opts.start + (opts.end - opts.start) * progress ** 1.15 + rng.int(-2, 2));
    while (count < target) {
      entities.push({ key: entities.length, years: [y], joinDay: day(y) });
      count++;
    }
  }
  return entities;
}

type Network = { id: string; name: string };

async function seedNetwork(
  ctx: DemoContext,
  network: Network,
  opts: {
    rng: Rng;
    from: number;
    start: number;
    end: number;
    current: { id: string; name: string; headcountBracket?: string | null }[];
    former: () => Promise<{ id: string; name: string; headcountBracket?: string | null }[]>;
    plans: [Plan, Plan];
    bigFrom: (bracket: string | null | undefined) => boolean;
    /** The reference of a generated payment (the club's HelloAsso orders); none by default. */
    reference?: (p: DemoPayment) => string | null;
  },
) {
  const { deps } = ctx;
  const db = deps.db as Db;
  const now = deps.clock();
  const today = parisToday(now);
  const thisYear = now.getUTCFullYear();
  const rng = opts.rng;
  const history = simulateHistory(rng, { from: opts.from, to: thisYear, start: opts.start, end: opts.end });
  // Today's members are the network's current organisations; everyone else left and is a former member.
  const present = history.filter((e) => e.years.includes(thisYear));
  const past = history.filter((e) => !e.years.includes(thisYear));
  const keep = Math.min(present.length, opts.current.length - 3);
  const formerOrgs = await opts.former();
  const identity = new Map<number, { id: string; name: string; headcountBracket?: string | null }>();
  for (const [i, e] of present.slice(0, keep).entries()) identity.set(e.key, opts.current[i]);
  for (const [i, e] of [...present.slice(keep), ...past].entries()) {
    if (formerOrgs[i]) identity.set(e.key, formerOrgs[i]);
  }

  const memberRows = [];
  const periodRows: (typeof membershipPeriods.$inferInsert)[] = [];
  const paymentRows: (typeof membershipPayments.$inferInsert)[] = [];
  const docs: (typeof membershipDocuments.$inferInsert)[] = [];
  const changes: (typeof memberStatusChanges.$inferInsert)[] = [];
  const contacts: (typeof memberContacts.$inferInsert)[] = [];
  const issuer = { legalName: network.name, address: null, siret: null, vatNumber: null };
  const names = new Map<string, string>();
  for (const e of history) {
    const org = identity.get(e.key);
    if (!org) continue;
    const memberId = crypto.randomUUID();
    names.set(memberId, org.name);
    const plan = opts.bigFrom(org.headcountBracket) ? opts.plans[1] : opts.plans[0];
    const facts: PeriodFacts[] = [];
    let prevYear: number | null = null;
    for (const y of e.years) {
      const startsOn =
        y === e.years[0]
          ? e.joinDay
          : prevYear === y - 1
            ? `${y}-01-01`
            : `${y}-${String(rng.int(1, 6)).padStart(2, '0')}-10`;
      const kind = prevYear === null ? 'join' : prevYear === y - 1 ? 'renewal' : 'rejoin';
      const endsOn = `${y}-12-31`;
      const amounts = withVat(plan.priceCents, plan.vatRateBp);
      // This year: about one in eight has not paid yet.
      const paid = y < thisYear || rng.chance(0.88);
      const paidOn = paid
        ? y < thisYear
          ? addDays(startsOn, rng.int(5, 80))
          : addDays(startsOn, rng.int(5, 60))
        : null;
      const paidDay = paidOn && paidOn > today ? today : paidOn;
      const periodId = crypto.randomUUID();
      periodRows.push({
        id: periodId,
        memberId,
        networkId: network.id,
        planId: plan.id,
        startsOn,
        endsOn,
        kind,
        amountHtCents: amounts.htCents,
        vatRateBp: plan.vatRateBp,
        amountCents: amounts.ttcCents,
        state: paid ? 'paid' : 'called',
        paidOn: paidDay,
        isDemo: true,
      });
      facts.push({ startsOn, endsOn, state: paid ? 'paid' : 'called' });
      const recipient = { name: org.name, address: null, siret: null };
      const line = {
        label: `Cotisation « ${plan.name} »`,
        htCents: amounts.htCents,
        vatRateBp: plan.vatRateBp,
        vatCents: amounts.vatCents,
        ttcCents: amounts.ttcCents,
      };
      const period = { startsOn, endsOn, plan: plan.name };
      // biome-ignore lint/complexity/useMathMinMax: ISO dates as strings (Math.min would make numbers of them)
      const callDay = startsOn < today ? startsOn : today;
      // Documents of the last ten years only (what accounting keeps); older years are history without their papers.
      const papers = y > thisYear - 10;
      if (papers)
        docs.push(
          doc(network.id, memberId, periodId, null, 'call', callDay, amounts, {
            title: documentTitles.call,
            issuer,
            recipient,
            lines: [line],
            period,
            notes: [],
          }),
        );
      if (paidDay) {
        const paymentId = crypto.randomUUID();
        const method = rng.weighted([
          ['transfer', 6],
          ['cheque', 3],
          ['card', 1],
        ] as const);
        const amountCents = amounts.ttcCents;
        const reference =
          opts.reference?.({
            memberId,
            periodId,
            paymentId,
            amountCents,
            method,
            paidOn: paidDay,
            year: y,
          }) ?? null;
        paymentRows.push({
          id: paymentId,
          networkId: network.id,
          memberId,
          periodId,
          amountCents,
          method,
          paidOn: paidDay,
          reference,
          isDemo: true,
        });
        if (papers)
          docs.push(
            doc(network.id, memberId, periodId, paymentId, 'receipt', paidDay, amounts, {
              title: documentTitles.receipt,
              issuer,
              recipient,
              lines: [{ ...line, label: 'Cotisation (solde)' }],
              period,
              payment: { method, paidOn: paidDay, reference },
              notes: ['Le présent reçu vaut attestation d’adhésion.'],
            }),
          );
      }
      prevYear = y;
    }
    const status = memberStatus(facts, today, plan.graceDays);
    // Status changes: active at each first payment after a gap, lapsed after each gap's grace.
    let last: string | null = null;
    for (let i = 0; i < facts.length; i++) {
      const p = facts[i];
      if (i === 0)
        changes.push({ memberId, fromStatus: null, toStatus: 'pending', on: p.startsOn, reason: 'join' });
      const next = facts[i + 1];
      if (p.state === 'paid' && last !== 'active') {
        changes.push({
          memberId,
          fromStatus: last ?? 'pending',
          toStatus: 'active',
          on: p.startsOn,
          reason: i === 0 ? 'join' : 'rejoin',
        });
        last = 'active';
      }
      const lapseOn = addDays(p.endsOn, plan.graceDays + 1);
      if (last === 'active' && (!next || next.startsOn > lapseOn) && lapseOn <= today) {
        changes.push({
          memberId,
          fromStatus: 'active',
          toStatus: 'lapsed',
          on: lapseOn,
          reason: 'renewal-run',
        });
        last = 'lapsed';
      }
    }
    if (last !== status)
      changes.push({ memberId, fromStatus: last, toStatus: status, on: today, reason: 'renewal-run' });
    memberRows.push({
      id: memberId,
      networkId: network.id,
      organizationId: org.id,
      status,
      statusSince: changes.at(-1)?.on ?? today,
      memberSince: facts[0].startsOn,
      // What each member chose for the members' directory, in turn (no draw: the rest of the demo stays as it was):
      // the defaults; listed publicly; its contacts' e-mails shown to the other members.
      visibility: [{}, { listed: 'public' }, { contactEmails: 'members' }][memberRows.length % 3],
      isDemo: true,
    });
    const first = org.name.split(' ')[0];
    contacts.push({
      memberId,
      name: `${rng.pick(firstNames)} ${rng.pick(lastNames)} (démo)`,
      role: 'main',
      email: `contact-${contacts.length}@${slug(first)}.example`,
      phone: null,
    });
    if (rng.chance(0.4))
      contacts.push({
        memberId,
        name: `${rng.pick(firstNames)} ${rng.pick(lastNames)} (démo)`,
        role: 'billing',
        email: `compta-${contacts.length}@${slug(first)}.example`,
        phone: null,
      });
  }
  // Number each year's documents in date order, as they would have been issued.
  docs.sort((a, b) => (a.issuedAt as Date).getTime() - (b.issuedAt as Date).getTime());
  const seqs = new Map<number, number>();
  for (const d of docs) {
    const year = (d.issuedAt as Date).getUTCFullYear();
    const seq = (seqs.get(year) ?? 0) + 1;
    seqs.set(year, seq);
    Object.assign(d, { year, seq, number: formatNumber(year, seq) });
  }
  await bulkInsert(db, members, memberRows);
  await bulkInsert(db, membershipPeriods, periodRows);
  await bulkInsert(db, membershipPayments, paymentRows);
  await bulkInsert(db, membershipDocuments, docs);
  await bulkInsert(db, memberStatusChanges, changes);
  await bulkInsert(db, memberContacts, contacts);
  const counters = [...seqs].map(([year, lastSeq]) => ({
    networkId: network.id,
    year,
    lastSeq,
    lastIssuedAt: docs.filter((d) => d.year === year).at(-1)?.issuedAt as Date,
  }));
  if (counters.length) await db.insert(membershipDocumentCounters).values(counters);
  return {
    stats: { members: memberRows.length, periods: periodRows.length, documents: docs.length },
    generated: { names, contacts, periods: periodRows, payments: paymentRows },
  };
}

/**
 * Inserts many rows as one JSON parameter (`jsonb_populate_recordset`) rather than thousands of bound parameters:
 * several times faster on the embedded database. Columns left out take their defaults.
 */
async function bulkInsert<T extends PgTable>(db: Db, table: T, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(columns).filter((k) => rows.some((r) => r[k] !== undefined));
  const names = keys.map((k) => `"${columns[k].name}"`).join(', ');
  const name = getTableName(table);
  for (let i = 0; i < rows.length; i += 5000) {
    const json = rows
      .slice(i, i + 5000)
      .map((r) => Object.fromEntries(keys.map((k) => [columns[k].name, r[k] ?? null])));
    await db.execute(
      sql`insert into ${sql.identifier(name)} (${sql.raw(names)}) select ${sql.raw(names)} from jsonb_populate_recordset(null::${sql.identifier(name)}, ${JSON.stringify(json)}::jsonb)`,
    );
  }
}

function doc(
  networkId: string,
  memberId: string,
  periodId: string,
  paymentId: string | null,
  kind: 'call' | 'receipt',
  day: string,
  amounts: { htCents: number; vatCents: number; ttcCents: number },
  content: DocumentContent,
): typeof membershipDocuments.$inferInsert {
  return {
    networkId,
    memberId,
    periodId,
    paymentId,
    kind,
    year: 0,
    seq: 0,
    number: '',
    issuedAt: new Date(`${day}T${kind === 'call' ? '08' : '10'}:00:00Z`),
    amountHtCents: amounts.htCents,
    vatCents: amounts.vatCents,
    amountCents: amounts.ttcCents,
    content: content as unknown as Record<string, unknown>,
    isDemo: true,
  };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase() || 'demo';
const firstNames = [
  'Claire',
  'Julien',
  'Sophie',
  'Nicolas',
  'Camille',
  'Thomas',
  'Élodie',
  'Pierre',
  'Laure',
  'Marc',
];
const lastNames = [
  'Martin',
  'Bernard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Michel',
  'Garnier',
];
const small = new Set(['NN', '00', '01', '02', '03']);

export const membershipsDemo: DemoSeeder = {
  name: 'memberships',
  async run(ctx) {
    const { deps } = ctx;
    const club = { id: ctx.networks.club.id, name: ctx.networks.club.name };
    const chamber = { id: ctx.networks.chamber.id, name: ctx.networks.chamber.name };
    const coordinator = ctx.actors.clubCoordinator;
    await putSettings(deps, coordinator, club.id, {
      legalName: 'Club des entreprises du Sud Haute-Marne (démo)',
      address: 'Maison de l’entreprise, 52200 Langres (adresse fictive)',
      siret: null,
      vatNumber: 'FR00 000000000 (démo)',
      iban: 'FR76 0000 0000 0000 0000 0000 000 (démo)',
      bic: 'DEMOFRPP',
      paymentInstructions: 'Indiquez le numéro de l’appel de cotisation dans le libellé du virement.',
      termsText:
        'Association loi 1901 de démonstration. En adhérant, l’entreprise s’engage à respecter la charte du club et autorise le club à citer son nom parmi ses adhérents.\nLa cotisation couvre l’année civile ; elle est due pour l’année entière.',
      termsVersion: '2026-01',
      foundedYear: 2001,
    });
    const clubPlans: [Plan, Plan] = [
      await createPlan(deps, coordinator, club.id, {
        name: 'TPE (moins de 10 salariés)',
        priceCents: 15_000,
        vatRateBp: 2000,
        contactsLimit: 2,
        graceDays: 60,
        isDemo: true,
      }),
      await createPlan(deps, coordinator, club.id, {
        name: 'PME et plus (10 salariés et plus)',
        priceCents: 40_000,
        vatRateBp: 2000,
        contactsLimit: 5,
        graceDays: 60,
        isDemo: true,
      }),
    ];
    const clubOrgs = ctx.organizations.filter((o) => o.networks.includes('club'));
    const brackets = new Map(
      (
        await organizationsByIds(
          deps.db,
          clubOrgs.map((o) => o.id),
        )
      ).map((o) => [o.id, o.headcountBracket]),
    );
    const clubHelloAsso = helloAssoDemo(club.id, deps.clock().getUTCFullYear());
    const clubSeeded = await seedNetwork(ctx, club, {
      rng: ctx.rng('memberships/club'),
      from: 2001,
      start: 30,
      end: 97,
      current: clubOrgs.map((o) => ({ id: o.id, name: o.name, headcountBracket: brackets.get(o.id) })),
      former: async () => {
        const rows = generateOrganizations({
          seed: 'maillage-demo-former-members-1',
          groups: [{ kind: 'company', count: 200, within: SOUTH_HAUTE_MARNE }],
          firstIndex: 900_000,
          takenNames: ctx.organizations.map((o) => o.name),
        });
        const ids = await insertOrganizations(deps, rows);
        return rows.map((r, i) => ({ id: ids[i], name: r.name, headcountBracket: r.headcountBracket }));
      },
      plans: clubPlans,
      bigFrom: (b) => Boolean(b && !small.has(b)),
      reference: clubHelloAsso.reference,
    });
    const helloAsso = await clubHelloAsso.insert(
      deps.db as Db,
      clubSeeded.generated,
      parisToday(deps.clock()),
    );

    const cressCoordinator = ctx.actors.chamberCoordinator;
    await putSettings(deps, cressCoordinator, chamber.id, {
      legalName: 'CRESS Grand Est (démo)',
      address: 'Adresse fictive, 54000 Nancy',
      iban: 'FR76 0000 0000 0000 0000 0000 001 (démo)',
      termsText:
        'L’organisation adhère aux valeurs de l’économie sociale et solidaire et à la charte de la CRESS (démo).',
      termsVersion: '2024-1',
      foundedYear: 2015,
    });
    const cressPlans: [Plan, Plan] = [
      await createPlan(deps, cressCoordinator, chamber.id, {
        name: 'Petite structure (moins de 10 salariés)',
        priceCents: 8_000,
        vatRateBp: null,
        isDemo: true,
      }),
      await createPlan(deps, cressCoordinator, chamber.id, {
        name: 'Structure employeuse (10 salariés et plus)',
        priceCents: 25_000,
        vatRateBp: null,
        isDemo: true,
      }),
    ];
    const cressOrgs = ctx.organizations.filter((o) => o.networks.includes('chamber'));
    const cressRng = ctx.rng('memberships/cress');
    const cress = await seedNetwork(ctx, chamber, {
      rng: cressRng,
      from: 2015,
      start: 40,
      end: 110,
      current: cressOrgs.slice(0, 120).map((o) => ({ id: o.id, name: o.name })),
      former: async () => cressOrgs.slice(120).map((o) => ({ id: o.id, name: o.name })),
      plans: cressPlans,
      bigFrom: () => cressRng.chance(0.3),
    });
    deps.log.info(
      `Demo memberships: club ${JSON.stringify(clubSeeded.stats)} (HelloAsso ${JSON.stringify(helloAsso)}), CRESS ${JSON.stringify(cress.stats)}`,
    );
  },
};
