import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listAudit } from '../audit/audit.service.ts';
import { outbox } from '../mail/mail.tables.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
  person,
} from './registrations.fixtures.ts';

// Organisers write to their registrants: who may (the event's organisers and its network's coordinators, nobody
// from another network), what the people get (one mail each in the outbox, with their own links), the limits, the
// list of sent messages and the audit sentence.

let ctx: TestContext;
let networkId: string;
let ip = 0;
const KIND = 'events.registrant-message';

const register = (eventId: string, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    remoteAddress: `10.2.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`,
  });
const write = (eventId: string, cookies: Record<string, string> | undefined, payload: object) =>
  ctx.app.inject({ method: 'POST', url: `/api/events/${eventId}/messages`, payload, cookies });
const message = {
  toConfirmed: true,
  toWaitlisted: false,
  subject: 'Plan d’accès',
  text: 'Entrée par la cour.',
};
const mailsOf = (to: string) =>
  ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.to, to), eq(outbox.kind, KIND)));

/** An event with 2 confirmed, 1 waitlisted and 1 cancelled registrant, and an editor of its organisation. */
async function eventWithRegistrants(tag: string) {
  const org = await buildOrganization(ctx.db);
  const event = await buildEvent(ctx.db, networkId, {
    title: `Atelier ${tag}`,
    capacity: 2,
    organizerOrganizationIds: [org.id],
  });
  const emails = ['a', 'b', 'c', 'd'].map((n) => `${n}.${tag}@example.org`);
  const answers = [];
  for (const [i, email] of emails.entries())
    answers.push((await register(event.id, person(i, { email }))).json());
  await ctx.app.inject({ method: 'POST', url: `/api/registrations/ticket/${answers[1].manageToken}/cancel` });
  // b freed a seat: c (first on the waiting list) is promoted, d stays waitlisted.
  const organiser = await buildAccount(ctx.db, { editorOf: org.id });
  return { event, emails, organiser };
}

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
});
afterAll(() => ctx?.close());

describe('writing to the registrants', () => {
  it('writes one mail per chosen person to the outbox, lists the message and audits it', async () => {
    const { event, emails, organiser } = await eventWithRegistrants('envoi');
    const overview = await ctx.app.inject({
      url: `/api/events/${event.id}/messages`,
      cookies: organiser.cookies,
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.json()).toMatchObject({
      counts: { confirmed: 2, waitlisted: 1 },
      remainingToday: 10,
      items: [],
    });

    const preview = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/messages/preview`,
      payload: { ...message, toWaitlisted: true },
      cookies: organiser.cookies,
    });
    expect(preview.json()).toMatchObject({ recipients: 3, subject: `Plan d’accès · ${event.title}` });
    expect(preview.json().text).toContain('Entrée par la cour.');
    // A preview sends nothing.
    expect(await mailsOf(emails[0])).toHaveLength(0);

    const res = await write(event.id, organiser.cookies, message);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      subject: 'Plan d’accès',
      recipients: 2,
      sentByName: organiser.account.name,
    });
    // Confirmed a and c; not b (cancelled) nor d (waiting list, not chosen).
    const [toA] = await mailsOf(emails[0]);
    expect(await mailsOf(emails[2])).toHaveLength(1);
    expect(await mailsOf(emails[1])).toHaveLength(0);
    expect(await mailsOf(emails[3])).toHaveLength(0);
    expect(toA.subject).toBe(`Plan d’accès · ${event.title}`);
    expect(toA.text).toContain('Bonjour Personne 0,');
    expect(toA.text).toContain('Entrée par la cour.');
    expect(toA.text).toContain(`par ${organiser.account.name}, pour l’organisation de « ${event.title} »`);
    expect(toA.text).toMatch(/Quand : \S+ \d+ \S+ \d{4} à \d\d:\d\d/);
    // The personal link in the mail opens the person's ticket.
    const link = /\/billet\/([\w.-]+)\n/.exec(toA.text)?.[1];
    const ticket = await ctx.app.inject({ url: `/api/registrations/ticket/${link}` });
    expect(ticket.statusCode).toBe(200);
    expect(ticket.json()).toMatchObject({ email: emails[0], status: 'confirmed' });
    // A tampered link opens nothing.
    const forged = await ctx.app.inject({ url: `/api/registrations/ticket/${link?.slice(0, -2)}AA` });
    expect(forged.statusCode).toBe(404);

    const listed = (
      await ctx.app.inject({ url: `/api/events/${event.id}/messages`, cookies: organiser.cookies })
    ).json();
    expect(listed.items).toMatchObject([
      { subject: 'Plan d’accès', recipients: 2, sentByName: organiser.account.name },
    ]);
    expect(listed.remainingToday).toBe(9);

    const [entry] = await listAudit(ctx.db, { networkIds: 'all', entityType: 'event', entityId: event.id });
    expect(entry).toMatchObject({ action: 'event.registrants-messaged', after: { recipients: 2 } });
    const { default: strings } = await import('../../../web/features/admin/audit-i18n.ts');
    const sentence = (strings.fr.admin.audit.actions as Record<string, string>)[entry.action]
      .replace('{actor}', 'Claire Martin')
      .replace('{count}', '42')
      .replace('{subject}', '« Forum »');
    expect(sentence).toBe('Claire Martin a écrit aux 42 inscrits de « Forum »');
  });

  it('reaches the waiting list alone when asked, with its own links', async () => {
    const { event, emails, organiser } = await eventWithRegistrants('attente');
    const res = await write(event.id, organiser.cookies, {
      ...message,
      toConfirmed: false,
      toWaitlisted: true,
    });
    expect(res.json().recipients).toBe(1);
    const [toD] = await mailsOf(emails[3]);
    expect(toD.text).toContain('Quitter la liste d’attente');
    expect(await mailsOf(emails[0])).toHaveLength(0);
  });

  it('lets the network’s coordinator write, and nobody of another network, nor an anonymous visitor', async () => {
    const { event, emails } = await eventWithRegistrants('droits');
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const otherNetwork = await buildNetwork(ctx.db);
    const stranger = await buildAccount(ctx.db, { coordinatorOf: otherNetwork.id });
    const otherEditor = await buildAccount(ctx.db, { editorOf: (await buildOrganization(ctx.db)).id });

    expect((await write(event.id, undefined, message)).statusCode).toBe(401);
    for (const who of [stranger, otherEditor]) {
      expect((await write(event.id, who.cookies, message)).statusCode).toBe(403);
      const seen = await ctx.app.inject({ url: `/api/events/${event.id}/messages`, cookies: who.cookies });
      expect(seen.statusCode).toBe(403);
      expect(seen.body).not.toContain(emails[0]);
    }
    expect(await mailsOf(emails[0])).toHaveLength(0);
    expect((await write(event.id, coordinator.cookies, message)).statusCode).toBe(201);
    expect(await mailsOf(emails[0])).toHaveLength(1);
    const unknown = await write('00000000-0000-4000-8000-000000000001', coordinator.cookies, message);
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses bad input with French sentences naming the field', async () => {
    const { event, organiser } = await eventWithRegistrants('limites');
    const cases: [object, string, RegExp][] = [
      [{ ...message, subject: 'x'.repeat(151) }, 'subject', /^objet trop long : 150 caractères au plus$/],
      [{ ...message, subject: '  ' }, 'subject', /^objet obligatoire$/],
      [{ ...message, text: 'x'.repeat(5001) }, 'text', /^texte trop long : 5 000 caractères au plus$/],
      [{ ...message, toConfirmed: false }, 'toConfirmed', /^destinataires : /],
    ];
    for (const [payload, field, sentence] of cases) {
      const res = await write(event.id, organiser.cookies, payload);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.fields[field]).toMatch(sentence);
    }
    // At the limits exactly, it goes.
    const longest = { ...message, subject: 'x'.repeat(150), text: 'y'.repeat(5000) };
    expect((await write(event.id, organiser.cookies, longest)).statusCode).toBe(201);
  });

  it('allows 10 messages per event in 24 hours, then answers 429 with a sentence', async () => {
    const { event, organiser } = await eventWithRegistrants('quota');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        write(event.id, organiser.cookies, { ...message, subject: `n°${i}` }),
      ),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(refused).toHaveLength(2);
    expect(refused[0].json().error.message).toMatch(
      /^Déjà 10 messages envoyés aux inscrits de cet événement/,
    );
    const other = await eventWithRegistrants('quota-autre');
    expect((await write(other.event.id, other.organiser.cookies, message)).statusCode).toBe(201);
  });

  it('says so when nobody matches the choice', async () => {
    const org = await buildOrganization(ctx.db);
    const event = await buildEvent(ctx.db, networkId, { organizerOrganizationIds: [org.id] });
    const organiser = await buildAccount(ctx.db, { editorOf: org.id });
    const res = await write(event.id, organiser.cookies, message);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^Personne à qui écrire/);
  });
});
