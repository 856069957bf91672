import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { outbox } from '../mail/mail.tables.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
  person,
} from './registrations.fixtures.ts';
import { sendFeedbackMails, sendReminders } from './registrations.reminders.ts';
import { registrations } from './registrations.tables.ts';

// The mails the server writes by itself, run with a chosen clock: the reminder of the day before (confirmed seats
// only, once, even with two runs at the same time, with the .ics and the QR ticket) and the opt-in "Qu’en avez-vous
// pensé ?" mail of the day after (only when the organiser turned it on, once, to the people checked in).

let ctx: TestContext;
let networkId: string;
let ip = 0;
const HOUR = 3_600_000;
const REMINDER = 'events.registration-reminder';
const FEEDBACK = 'events.registration-feedback';

const register = (eventId: string, email: string, n: number) =>
  ctx.app
    .inject({
      method: 'POST',
      url: `/api/events/${eventId}/registrations`,
      payload: person(n, { email }),
      remoteAddress: `10.3.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`,
    })
    .then((r) => r.json());
const at = (date: Date) => ({ ...ctx.deps, clock: () => date });
const mails = (kind: string, emails: string[]) =>
  ctx.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, kind), inArray(outbox.to, emails)));

/** An event of 2 seats: a and b confirmed, c on the waiting list, d who left the waiting list (cancelled). */
async function eventWithRegistrants(tag: string, extra: Parameters<typeof buildEvent>[2] = {}) {
  const org = await buildOrganization(ctx.db);
  const event = await buildEvent(ctx.db, networkId, {
    title: `Rencontre ${tag}`,
    capacity: 2,
    organizerOrganizationIds: [org.id],
    ...extra,
  });
  const emails = ['a', 'b', 'c', 'd'].map((n) => `${n}.${tag}@example.org`);
  const answers = [];
  for (const [i, email] of emails.entries()) answers.push(await register(event.id, email, i));
  // d (waitlisted behind c) leaves the waiting list: cancelled.
  await ctx.app.inject({ method: 'POST', url: `/api/registrations/ticket/${answers[3].manageToken}/cancel` });
  const organiser = await buildAccount(ctx.db, { editorOf: org.id });
  return { event, emails, answers, organiser };
}

beforeAll(async () => {
  ctx = await createTestApp();
  networkId = (await buildNetwork(ctx.db)).id;
});
afterAll(() => ctx?.close());

describe('the reminder of the day before', () => {
  it('goes once to each confirmed person, with the .ics and the QR ticket; not to the waiting list or cancelled', async () => {
    const { event, emails } = await eventWithRegistrants('rappel');
    const all = emails;
    // Too early (40 h before) and too late (20 h before): nothing.
    expect(await sendReminders(at(new Date(event.startsAt.getTime() - 40 * HOUR)))).toBe(0);
    expect(await sendReminders(at(new Date(event.startsAt.getTime() - 20 * HOUR)))).toBe(0);
    expect(await mails(REMINDER, all)).toHaveLength(0);

    const clock = at(new Date(event.startsAt.getTime() - 30 * HOUR));
    expect(await sendReminders(clock)).toBe(2);
    const sent = await mails(REMINDER, all);
    expect(sent.map((m) => m.to).sort()).toEqual([emails[0], emails[1]]);
    const [toA] = sent.filter((m) => m.to === emails[0]);
    expect(toA.subject).toBe(`C’est demain : ${event.title}`);
    expect(toA.text).toContain('Où : Salle des fêtes, Nancy');
    expect(toA.attachments?.map((a) => a.filename)).toEqual(['evenement.ics', 'billet-qr.png']);
    const ics = Buffer.from(toA.attachments?.[0].content ?? '', 'base64').toString('utf8');
    expect(ics).toContain(`UID:event-${event.id}@maillage.test`);
    // The ticket link in the reminder opens the person's ticket.
    const link = /\/billet\/([\w.-]+)\n/.exec(toA.text)?.[1];
    expect((await ctx.app.inject({ url: `/api/registrations/ticket/${link}` })).json().email).toBe(emails[0]);

    // Again, an hour later: nobody is reminded twice.
    expect(await sendReminders(at(new Date(event.startsAt.getTime() - 29 * HOUR)))).toBe(0);
    expect(await mails(REMINDER, all)).toHaveLength(2);
  });

  it('goes once even when two runs claim at the same time', async () => {
    const { event, emails } = await eventWithRegistrants('concurrence');
    const clock = at(new Date(event.startsAt.getTime() - 30 * HOUR));
    const counts = await Promise.all([sendReminders(clock), sendReminders(clock), sendReminders(clock)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    const sent = await mails(REMINDER, emails);
    expect(sent.map((m) => m.to).sort()).toEqual([emails[0], emails[1]]);
  });

  it('is not sent for a cancelled event', async () => {
    const { event, emails, organiser } = await eventWithRegistrants('annule');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/cancel`,
      payload: {},
      cookies: organiser.cookies,
    });
    expect(res.statusCode).toBe(200);
    expect(await sendReminders(at(new Date(event.startsAt.getTime() - 30 * HOUR)))).toBe(0);
    expect(await mails(REMINDER, emails)).toHaveLength(0);
  });

  it('leaves demo registrations out', async () => {
    const { event, emails } = await eventWithRegistrants('demo');
    await ctx.db.update(registrations).set({ isDemo: true }).where(eq(registrations.eventId, event.id));
    expect(await sendReminders(at(new Date(event.startsAt.getTime() - 30 * HOUR)))).toBe(0);
    expect(await mails(REMINDER, emails)).toHaveLength(0);
  });
});

describe('the “Qu’en avez-vous pensé ?” mail', () => {
  const setFeedback = (eventId: string, cookies: Record<string, string>, payload: object) =>
    ctx.app.inject({ method: 'PUT', url: `/api/events/${eventId}/feedback-mail`, payload, cookies });
  /**
   * Fixed hours, 13:00–15:00 UTC in ten days (a start taken from the clock may end past midnight in Paris, which
   * moves "the day after"), and 09:00 UTC the day after: 10 or 11 o’clock in Paris.
   */
  const afternoon = () => {
    const startsAt = new Date(
      `${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}T13:00:00Z`,
    );
    return { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) };
  };
  const dayAfter = (end: Date) =>
    new Date(`${new Date(end.getTime() + 24 * HOUR).toISOString().slice(0, 10)}T09:00:00Z`);

  it('is sent only when the organiser turned it on, once, to the people checked in', async () => {
    const { event, emails, answers, organiser } = await eventWithRegistrants('avis', afternoon());
    const next = dayAfter(event.endsAt);
    expect(await sendFeedbackMails(at(next))).toBe(0);

    const refused = await setFeedback(event.id, organiser.cookies, { enabled: true, question: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.question).toMatch(/^question obligatoire/);
    const badUrl = await setFeedback(event.id, organiser.cookies, {
      enabled: true,
      question: 'Q',
      url: 'ftp://x',
    });
    expect(badUrl.json().error.fields.url).toMatch(/^lien : /);
    const stranger = await buildAccount(ctx.db, { coordinatorOf: (await buildNetwork(ctx.db)).id });
    expect((await setFeedback(event.id, stranger.cookies, { enabled: true, question: 'Q' })).statusCode).toBe(
      403,
    );

    const on = await setFeedback(event.id, organiser.cookies, {
      enabled: true,
      question: 'Qu’avez-vous retenu de la rencontre ?',
      url: 'https://forms.example.org/avis',
    });
    expect(on.statusCode).toBe(200);
    // a was checked in; b was not.
    const checkIn = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/check-in`,
      payload: { registrationId: answers[0].id },
      cookies: organiser.cookies,
    });
    expect(checkIn.statusCode).toBe(200);

    // Not on the evening of the event, nor at 7 or 8 the next morning (Paris); from 9 o’clock.
    expect(await sendFeedbackMails(at(new Date(event.endsAt.getTime() + 3 * HOUR)))).toBe(0);
    expect(await sendFeedbackMails(at(new Date(next.getTime() - 3 * HOUR)))).toBe(0);
    expect(await sendFeedbackMails(at(next))).toBe(1);
    const sent = await mails(FEEDBACK, emails);
    expect(sent.map((m) => m.to)).toEqual([emails[0]]);
    expect(sent[0].subject).toBe(`Qu’en avez-vous pensé ? ${event.title}`);
    expect(sent[0].text).toContain('Qu’avez-vous retenu de la rencontre ?');
    expect(sent[0].text).toContain('Pour répondre : https://forms.example.org/avis');
    expect(await sendFeedbackMails(at(new Date(next.getTime() + 5 * HOUR)))).toBe(0);
    expect(await mails(FEEDBACK, emails)).toHaveLength(1);
  });

  it('goes to every confirmed person when nobody was checked in, never to the cancelled or waitlisted', async () => {
    const { event, emails, organiser } = await eventWithRegistrants('sans-pointage', afternoon());
    await setFeedback(event.id, organiser.cookies, { enabled: true, question: 'Votre avis ?' });
    const next = dayAfter(event.endsAt);
    const counts = await Promise.all([sendFeedbackMails(at(next)), sendFeedbackMails(at(next))]);
    expect(counts[0] + counts[1]).toBe(2);
    expect((await mails(FEEDBACK, emails)).map((m) => m.to).sort()).toEqual([emails[0], emails[1]]);
  });

  it('is not sent once turned off again', async () => {
    const { event, emails, organiser } = await eventWithRegistrants('eteint', afternoon());
    await setFeedback(event.id, organiser.cookies, { enabled: true, question: 'Votre avis ?' });
    await setFeedback(event.id, organiser.cookies, { enabled: false, question: 'Votre avis ?' });
    expect(await sendFeedbackMails(at(dayAfter(event.endsAt)))).toBe(0);
    expect(await mails(FEEDBACK, emails)).toHaveLength(0);
  });
});
