import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildEvent, buildNetwork } from '../registrations/registrations.fixtures.ts';
import { registrations } from '../registrations/registrations.tables.ts';
import { newsletterLists, newsletterSubscriptions } from './newsletters.tables.ts';
import { buildList } from './newsletters.testing.ts';

// The newsletter box of the registration form: the event's network offers its public list with the consent text;
// ticking it subscribes with the same double opt-in as the public form, the proof saying "registration"; a list of
// another network or a stale consent text is refused before anything is written.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

const register = (eventId: string, email: string, newsletter?: unknown) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    headers: { 'user-agent': 'Navigateur de test', 'x-forwarded-for': '198.51.100.7' },
    payload: { name: 'Inès Garnier', email, consent: true, ...(newsletter ? { newsletter } : {}) },
  });

it('offers the network’s public list on the registration form and subscribes with double opt-in when ticked', async () => {
  const network = await buildNetwork(ctx.db);
  const other = await buildNetwork(ctx.db);
  const event = await buildEvent(ctx.db, network.id, { capacity: 10 });
  const bare = await buildEvent(ctx.db, other.id, { capacity: 10 });

  // No public list: no box.
  expect((await ctx.app.inject({ url: `/api/events/${bare.id}/newsletter-offer` })).json()).toEqual({
    offer: null,
  });
  const list = await buildList(ctx.db, network.id, 'La lettre du réseau');
  const foreign = await buildList(ctx.db, other.id, 'Une autre lettre');
  const offer = (await ctx.app.inject({ url: `/api/events/${event.id}/newsletter-offer` })).json().offer;
  expect(offer).toEqual({
    listId: list.id,
    name: 'La lettre du réseau',
    consentText: 'J’accepte de recevoir la lettre.',
    consentVersion: '1',
  });

  const res = await register(event.id, 'ines@example.org', { listId: list.id, consentVersion: '1' });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ status: 'confirmed', newsletter: 'confirmation-sent' });
  const [sub] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(
      and(eq(newsletterSubscriptions.listId, list.id), eq(newsletterSubscriptions.email, 'ines@example.org')),
    );
  expect(sub).toMatchObject({
    status: 'pending',
    source: 'registration',
    legalBasis: 'consent',
    consentText: 'J’accepte de recevoir la lettre.',
    consentVersion: '1',
    userAgent: 'Navigateur de test',
  });
  const mails = await listOutbox(ctx.db, { to: 'ines@example.org' });
  expect(mails.map((m) => m.kind)).toContain('newsletters.confirm-subscription');

  // Not ticked: no subscription.
  expect((await register(event.id, 'sans-lettre@example.org')).json()).not.toHaveProperty('newsletter');
  const none = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.email, 'sans-lettre@example.org'));
  expect(none).toEqual([]);

  // Another network's list, or a consent text changed since the form was shown: refused, nothing registered.
  const stolen = await register(event.id, 'autre@example.org', { listId: foreign.id, consentVersion: '1' });
  expect(stolen.statusCode).toBe(400);
  expect(stolen.json().error.fields).toHaveProperty(['newsletter.listId']);
  await ctx.db.update(newsletterLists).set({ consentVersion: '2' }).where(eq(newsletterLists.id, list.id));
  const stale = await register(event.id, 'autre@example.org', { listId: list.id, consentVersion: '1' });
  expect(stale.statusCode).toBe(409);
  expect(stale.json().error.message).toContain('consentement');
  const written = await ctx.db
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.email, 'autre@example.org')));
  expect(written).toEqual([]);
});
