import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { signInAs } from '../accounts/accounts.factory.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { buildClub } from '../networking/networking.fixtures.ts';
import { newsletterLists, newsletterSubscriptions } from '../newsletters/newsletters.tables.ts';
import { buildEvent } from '../registrations/registrations.fixtures.ts';
import { registrations } from '../registrations/registrations.tables.ts';
import { relationContacts } from '../relations/relations.tables.ts';
import { runRetention } from './privacy.retention.ts';

// The daily retention run, on a fake clock: registrants of old events are anonymised (the counts stay), pending
// subscriptions past their days are deleted, relations contacts silent for years are deleted; recent ones stay.
// The run is done once a day whatever the processes; the settings page (platform admin edits, coordinators read)
// and the public register of processing, whose durations follow the settings.

let ctx: TestContext;
let now = new Date('2026-05-10T08:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

it('applies the retention rules once a day, and only to what is past its time', async () => {
  const club = await buildClub(ctx);
  const event = await buildEvent(ctx.db, club.network.id, { title: 'Forum' });
  const registrant = (email: string, at: Date, seq: number) => ({
    eventId: event.id,
    occurrenceStartsAt: at,
    seq,
    status: 'confirmed',
    name: `Nom de ${email}`,
    email,
    consentAt: at,
    manageTokenHash: `hash-${email}`,
  });
  await ctx.db
    .insert(registrations)
    .values([
      registrant('ancienne@example.org', daysAgo(800), 1),
      registrant('recente@example.org', daysAgo(100), 2),
    ]);
  const [list] = await ctx.db
    .insert(newsletterLists)
    .values({ networkId: club.network.id, name: 'Lettre', consentText: 'J’accepte', consentVersion: '1' })
    .returning();
  const sub = (email: string, createdAt: Date, status = 'pending') => ({
    listId: list.id,
    networkId: club.network.id,
    email,
    status,
    legalBasis: 'consent',
    source: 'form',
    consentText: 'J’accepte',
    consentVersion: '1',
    createdAt,
  });
  await ctx.db
    .insert(newsletterSubscriptions)
    .values([
      sub('jamais.confirmee@example.org', daysAgo(40)),
      sub('pas.encore@example.org', daysAgo(5)),
      sub('confirmee.ancienne@example.org', daysAgo(400), 'confirmed'),
    ]);
  await ctx.db.insert(relationContacts).values([
    { networkId: club.network.id, kind: 'partner', name: 'Prospect oublié', updatedAt: daysAgo(4 * 366) },
    { networkId: club.network.id, kind: 'partner', name: 'Partenaire actif', updatedAt: daysAgo(30) },
  ]);

  const run = await runRetention(ctx.deps);
  expect(run?.sentences).toEqual(
    expect.arrayContaining([
      '1 inscription à des événements passés anonymisée',
      '1 inscription à une lettre jamais confirmée supprimée',
      '1 fiche du fichier des relations sans échange depuis 3 ans supprimée',
    ]),
  );
  const regs = await ctx.db.select().from(registrations).where(eq(registrations.eventId, event.id));
  expect(regs.map((r) => r.name).sort()).toEqual(['Nom de recente@example.org', 'personne effacée']);
  expect(regs.every((r) => r.status === 'confirmed')).toBe(true);
  const subs = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.listId, list.id));
  expect(subs.map((s) => s.email).sort()).toEqual([
    'confirmee.ancienne@example.org',
    'pas.encore@example.org',
  ]);
  const contacts = await ctx.db
    .select()
    .from(relationContacts)
    .where(eq(relationContacts.networkId, club.network.id));
  expect(contacts.map((c) => c.name)).toEqual(['Partenaire actif']);
  // Once a day: a second process (or pass) the same day does nothing; the next day runs again.
  expect(await runRetention(ctx.deps)).toBeNull();
  now = new Date(now.getTime() + 86_400_000);
  expect((await runRetention(ctx.deps))?.sentences).toEqual([]);
  const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'privacy.retention-run'));
  expect(audits).toHaveLength(2);
  expect(audits[0].after).toMatchObject({ counts: { event_registrations: 1, relation_contacts: 1 } });
}, 60_000);

it('lets the platform admin change the durations, coordinators read them, and the register follows', async () => {
  const club = await buildClub(ctx);
  const admin = await signInAs(ctx.app, ctx.deps, {
    email: 'admin-retention@example.org',
    isPlatformAdmin: true,
  });
  const get = (cookie?: string) =>
    ctx.app.inject({ url: '/api/admin/privacy/retention', headers: cookie ? { cookie } : {} });
  const coordinatorGet = await ctx.app.inject({
    url: '/api/admin/privacy/retention',
    cookies: club.coordinator.cookies,
  });
  expect(coordinatorGet.statusCode).toBe(200);
  expect(coordinatorGet.json()).toMatchObject({ canEdit: false, settings: { registrantsMonths: 24 } });
  expect((await get()).statusCode).toBe(401);
  const body = {
    registrantsMonths: 48,
    unconfirmedSubscriptionDays: 15,
    relationsInactiveMonths: 36,
    gtecAnswersMonths: 60,
  };
  const refused = await ctx.app.inject({
    method: 'PUT',
    url: '/api/admin/privacy/retention',
    cookies: club.coordinator.cookies,
    payload: body,
  });
  expect(refused.statusCode).toBe(403);
  const bad = await ctx.app.inject({
    method: 'PUT',
    url: '/api/admin/privacy/retention',
    headers: { cookie: admin },
    payload: { ...body, registrantsMonths: 0 },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields.registrantsMonths).toBe('inscrits aux événements : au moins 1 mois');
  const put = await ctx.app.inject({
    method: 'PUT',
    url: '/api/admin/privacy/retention',
    headers: { cookie: admin },
    payload: body,
  });
  expect(put.statusCode).toBe(200);
  expect(put.json()).toMatchObject({ canEdit: true, settings: body, defaults: { registrantsMonths: 24 } });
  expect(put.json().lastRun).toMatchObject({ counts: {} });

  // The register of processing is public, in both languages, and its durations are the settings'.
  const register = await ctx.app.inject({ url: '/api/privacy/register' });
  expect(register.statusCode).toBe(200);
  const lines = register.json().activities as {
    id: string;
    fr: { retention: string };
    en: { retention: string };
  }[];
  const byId = Object.fromEntries(lines.map((l) => [l.id, l]));
  expect(byId.registrations.fr.retention).toMatch(/^4 ans après l’événement/);
  expect(byId.registrations.en.retention).toMatch(/^4 years after the event/);
  expect(byId.newsletters.fr.retention).toContain('après 15 jours');
  expect(byId.gtec.fr.retention).toBe('5 ans après la clôture de l’enquête');
  expect(byId.memberships.fr.retention).toContain('10 ans');
  expect(lines.length).toBeGreaterThanOrEqual(14);
}, 60_000);
