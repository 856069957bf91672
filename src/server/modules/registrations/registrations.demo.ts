import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import type { Db } from '../../db/client.ts';
import { findPublicEvents } from '../events/events.listing.ts';
import { listingQuery } from '../events/events.schemas.ts';
import { seedFairDemo } from '../fairs/fairs.demo.ts';
import { registrationCounters, registrations } from './registrations.tables.ts';
import { hashToken, newManageToken } from './registrations.tokens.ts';

// Demo registrations on the demo events (run after the events seeder): a few events full with a waiting list,
// partly filled ones, past events with attendance (people checked in). Fake people on example.org addresses,
// rows labelled demo, no mail sent. Then the Village fair and its exhibitors (fairs.demo.ts).

const firstNames = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Inès',
  'Jade',
  'Louise',
  'Emma',
  'Sarah',
  'Clara',
  'Lucas',
  'Hugo',
  'Louis',
  'Nathan',
  'Théo',
  'Arthur',
  'Jules',
  'Adam',
  'Paul',
  'Mathis',
  'Nadia',
  'Karim',
  'Sofiane',
  'Amina',
  'Yasmine',
  'Bernard',
  'Martine',
  'Sylvie',
  'Pascal',
  'Thierry',
  'Céline',
  'Julien',
  'Aurélie',
  'Mehdi',
];
const lastNames = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefèvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Schmitt',
  'Muller',
  'Klein',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Haddad',
  'Benali',
  'Nguyen',
  'Lambert',
  'Fontaine',
];
const DAY = 86_400_000;

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

type Plan = { confirmed: number; waitlisted: number; cancelled: number; attendance?: number };

async function seedEventRegistrations(
  db: Db,
  rng: ReturnType<DemoContext['rng']>,
  event: { id: string; capacity: number | null; startsAt: Date },
  plan: Plan,
  orgNames: string[],
  now: Date,
) {
  const rows: (typeof registrations.$inferInsert)[] = [];
  const total = plan.confirmed + plan.waitlisted + plan.cancelled;
  // Cancelled people are spread among the first arrivals; everyone keeps an arrival number.
  const cancelledAt = new Set(
    rng.sample(
      Array.from({ length: plan.confirmed + plan.cancelled }, (_, i) => i),
      plan.cancelled,
    ),
  );
  let confirmed = 0;
  for (let i = 0; i < total; i++) {
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    const created = new Date(Math.min(now.getTime(), event.startsAt.getTime()) - (total - i) * 3 * 3600_000);
    const status = cancelledAt.has(i) ? 'cancelled' : confirmed < plan.confirmed ? 'confirmed' : 'waitlisted';
    if (status === 'confirmed') confirmed++;
    const present = status === 'confirmed' && plan.attendance !== undefined && rng.chance(plan.attendance);
    rows.push({
      eventId: event.id,
      occurrenceStartsAt: event.startsAt,
      seq: i + 1,
      status,
      name: `${first} ${last}`,
      email: `${ascii(first)}.${ascii(last)}.${i + 1}@example.org`,
      organization: rng.chance(0.6) ? rng.pick(orgNames) : null,
      accessibilityNeeds: rng.chance(0.05) ? 'Accès en fauteuil roulant' : null,
      consentAt: created,
      manageTokenHash: hashToken(newManageToken()),
      cancelledAt: status === 'cancelled' ? new Date(created.getTime() + DAY) : null,
      cancelReason: status === 'cancelled' ? 'registrant' : null,
      checkedInAt: present ? new Date(event.startsAt.getTime() + rng.int(-15, 40) * 60_000) : null,
      isDemo: true,
      createdAt: created,
      updatedAt: created,
    });
  }
  if (rows.length === 0) return;
  await db.insert(registrations).values(rows);
  const waiting = rows.filter((r) => r.status === 'waitlisted').length;
  await db.insert(registrationCounters).values({
    eventId: event.id,
    occurrenceStartsAt: event.startsAt,
    lastSeq: total,
    confirmed,
    waitlisted: waiting,
  });
}

export async function seedRegistrationDemo(ctx: DemoContext) {
  const { db } = ctx.deps;
  const rng = ctx.rng('registrations');
  const now = ctx.deps.clock();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const query = listingQuery.parse({
    from: day(new Date(now.getTime() - 90 * DAY)),
    to: day(new Date(now.getTime() + 400 * DAY)),
  });
  const { rows } = await findPublicEvents(db, query, now);
  const open = rows.filter((e) => e.registrationMode === 'maillage' && !e.recurrenceRule);
  const orgNames = ctx.organizations.map((o) => o.name);
  const past = open.filter((e) => e.startsAt < now);
  const future = open.filter((e) => e.startsAt >= now && e.capacity !== null);
  // The first few upcoming events with a capacity are full, with a waiting list; the rest partly filled.
  const full = future.slice(0, Math.min(5, future.length));
  for (const e of past) {
    const cap = e.capacity ?? 40;
    const confirmed = rng.int(Math.ceil(cap * 0.6), cap);
    await seedEventRegistrations(
      db,
      rng,
      e,
      { confirmed, waitlisted: 0, cancelled: rng.int(0, 3), attendance: 0.8 },
      orgNames,
      now,
    );
  }
  for (const e of future) {
    const cap = e.capacity ?? 0;
    const plan = full.includes(e)
      ? { confirmed: cap, waitlisted: rng.int(3, 8), cancelled: rng.int(1, 3) }
      : { confirmed: rng.int(0, Math.floor(cap * 0.7)), waitlisted: 0, cancelled: rng.int(0, 2) };
    await seedEventRegistrations(db, rng, e, plan, orgNames, now);
  }
  ctx.deps.log.info(
    `Demo registrations: ${past.length} past events with attendance, ${full.length} full events with a waiting list, ${future.length - full.length} partly filled`,
  );
}

/** The demo seeder of registrations and fairs: add after the events seeder in src/cli/demo/seed.ts. */
export const registrationsDemo: DemoSeeder = {
  name: 'registrations',
  async run(ctx) {
    await seedRegistrationDemo(ctx);
    await seedFairDemo(ctx);
  },
};
