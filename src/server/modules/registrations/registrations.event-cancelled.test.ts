import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listAudit } from '../audit/audit.service.ts';
import { events } from '../events/events.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { type ReceivedMail, startSmtpPeer } from '../mail/smtp-peer.testing.ts';
import { registrationCounts } from './registrations.counts.ts';
import { cancelRegistrationsOfEvent } from './registrations.event-cancelled.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
  person,
} from './registrations.fixtures.ts';

// Cancelling an event tells the people registered: one mail each (through a real SMTP peer) with a METHOD:CANCEL
// calendar file carrying the UID of the confirmation's entry; their registrations are cancelled because of the
// event; registering, the personal cancel link and check-in all say the event is cancelled.

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let networkId: string;
let ip = 0;
const KIND = 'events.registration-event-cancelled';

const register = (eventId: string, body: Record<string, unknown>) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/registrations`,
    payload: body,
    remoteAddress: `10.1.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`,
  });
const cancelEvent = (eventId: string, cookies: Record<string, string>, reason?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/cancel`,
    payload: reason === undefined ? {} : { reason },
    cookies,
  });

/** An attachment of a received mail, by file name, transfer-decoded. */
function attachment(mail: ReceivedMail, filename: string): string {
  const part = mail.raw
    .split(/\r?\n--/)
    .find((p) => p.includes(`filename=${filename}`) || p.includes(`filename="${filename}"`));
  if (!part) throw new Error(`no ${filename} in:\n${mail.raw}`);
  const [head, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = content
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return content;
}

/** Unfolds RFC 5545 lines and returns the value of the first `name` property. */
const icsValue = (ics: string, name: string) =>
  new RegExp(`^${name}[;:](.*)$`, 'm').exec(ics.replace(/\r?\n[ \t]/g, ''))?.[1];

beforeAll(async () => {
  smtp = await startSmtpPeer(4711);
  ctx = await createTestApp({ smtpUrl: smtp.url });
  networkId = (await buildNetwork(ctx.db)).id;
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

describe('cancelling an event', () => {
  it('mails each confirmed and waitlisted registrant once, with a METHOD:CANCEL entry of the same UID', async () => {
    const org = await buildOrganization(ctx.db);
    const event = await buildEvent(ctx.db, networkId, {
      title: 'Forum des tiers-lieux',
      capacity: 2,
      organizerOrganizationIds: [org.id],
      venueAddress: '12 rue de la Paix',
      contactName: 'Camille Roux',
      contactEmail: 'camille@tiers-lieux.test',
      contactPhone: '03 83 00 00 00',
    });
    const organiser = await buildAccount(ctx.db, { editorOf: org.id });
    const emails = ['ada', 'ben', 'cleo', 'dan', 'eve'].map((n) => `${n}.annul@example.org`);
    const answers = [];
    for (const [i, email] of emails.entries())
      answers.push((await register(event.id, person(i, { email }))).json());
    expect(answers.map((a) => a.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    // Eve leaves the waiting list herself before the event is cancelled: she is not told again.
    const left = await ctx.app.inject({
      method: 'POST',
      url: `/api/registrations/ticket/${answers[4].manageToken}/cancel`,
    });
    expect(left.statusCode).toBe(200);
    const confirmation = await smtp.waitFor(emails[0], /^Inscription confirmée/);
    const uid = icsValue(attachment(confirmation, 'evenement.ics'), 'UID');
    expect(uid).toBe(`event-${event.id}@maillage.test`);
    for (const email of emails.slice(1)) await smtp.waitFor(email);

    const preview = await ctx.app.inject({
      url: `/api/events/${event.id}/cancellation`,
      cookies: organiser.cookies,
    });
    expect(preview.json()).toEqual({ eventId: event.id, confirmed: 2, waitlisted: 2 });

    const res = await cancelEvent(event.id, organiser.cookies, '  La salle est inondée.  ');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');

    for (const [i, email] of emails.slice(0, 4).entries()) {
      const mail = await smtp.waitFor(email, /^Événement annulé/);
      expect(mail.subject).toBe('Événement annulé : Forum des tiers-lieux');
      expect(mail.text).toContain(`Bonjour Personne ${i},`);
      expect(mail.text).toContain('« Forum des tiers-lieux » est annulé');
      expect(mail.text).toMatch(/Date prévue : \S+ \d+ \S+ \d{4}/);
      expect(mail.text).toContain('Lieu prévu : Salle des fêtes, 12 rue de la Paix, Nancy');
      expect(mail.text).toMatch(/Motif de l’annulation :\r?\nLa salle est inondée\.\r?\n/);
      expect(mail.text).toContain('Camille Roux · camille@tiers-lieux.test · 03 83 00 00 00');
      expect(mail.text).toContain(
        i < 2 ? 'Votre inscription est annulée' : 'Vous étiez sur la liste d’attente',
      );
      const ics = attachment(mail, 'annulation.ics');
      expect(icsValue(ics, 'METHOD')).toBe('CANCEL');
      expect(icsValue(ics, 'UID')).toBe(uid);
      expect(icsValue(ics, 'STATUS')).toBe('CANCELLED');
      expect(icsValue(ics, 'SEQUENCE')).toBe('1');
      expect(icsValue(ics, 'ORGANIZER')?.toLowerCase()).toContain('mailto:camille@tiers-lieux.test');
      expect(icsValue(ics, 'ATTENDEE')?.toLowerCase()).toContain(`mailto:${email}`);
    }
    // Exactly one each, all sent, and none to Eve.
    await expect
      .poll(async () =>
        (await listOutbox(ctx.db, { limit: 500 }))
          .filter((m) => m.kind === KIND && emails.includes(m.to))
          .map((m) => `${m.to} ${m.status}`)
          .sort(),
      )
      .toEqual(
        emails
          .slice(0, 4)
          .map((e) => `${e} sent`)
          .sort(),
      );
    expect(smtp.received.filter((m) => emails.some((e) => m.to.includes(e)))).toEqual([]);

    // The registrations are cancelled because of the event, not by the people.
    const list = (
      await ctx.app.inject({ url: `/api/events/${event.id}/registrations`, cookies: organiser.cookies })
    ).json();
    expect(list.counts).toEqual({ confirmed: 0, waitlisted: 0, cancelled: 5, checkedIn: 0 });
    expect(list.items.map((r: { cancelReason: string }) => r.cancelReason)).toEqual([
      'event_cancelled',
      'event_cancelled',
      'event_cancelled',
      'event_cancelled',
      'registrant',
    ]);
    expect((await registrationCounts(ctx.db, [event.id])).get(event.id)).toMatchObject({
      confirmed: 0,
      waitlisted: 0,
    });

    // The audit entry says how many were told.
    const [audit] = await listAudit(ctx.db, { networkIds: 'all', entityType: 'event', entityId: event.id });
    expect(audit.action).toBe('event.cancel');
    expect(audit.after).toMatchObject({
      status: 'cancelled',
      message: 'La salle est inondée.',
      notified: { confirmed: 2, waitlisted: 2 },
    });

    // Registering, the personal links and check-in all say that the event is cancelled.
    const late = await register(event.id, person(9, { email: 'late.annul@example.org' }));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('Cet événement est annulé');
    const again = await register(event.id, person(0, { email: emails[0] }));
    expect(again.statusCode).toBe(409);
    const link = await ctx.app.inject({
      method: 'POST',
      url: `/api/registrations/ticket/${answers[0].manageToken}/cancel`,
    });
    expect(link.statusCode).toBe(409);
    expect(link.json().error.message).toContain('annulé par ses organisateurs');
    const ticket = (await ctx.app.inject(`/api/registrations/ticket/${answers[0].manageToken}`)).json();
    expect(ticket).toMatchObject({
      status: 'cancelled',
      cancelReason: 'event_cancelled',
      checkinToken: null,
      event: { status: 'cancelled' },
    });
    const checkIn = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/check-in`,
      payload: { registrationId: answers[0].id },
      cookies: organiser.cookies,
    });
    expect(checkIn.statusCode).toBe(409);
    expect(checkIn.json().error.message).toContain('annulé');
    // Cancelling again is refused and tells nobody.
    expect((await cancelEvent(event.id, organiser.cookies)).statusCode).toBe(409);
  });

  it('works without a reason, and with nobody registered', async () => {
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const event = await buildEvent(ctx.db, networkId, { title: 'Atelier sans motif' });
    await register(event.id, person(1, { email: 'sans.motif@example.org' }));
    await smtp.waitFor('sans.motif@example.org');
    expect((await cancelEvent(event.id, coordinator.cookies)).statusCode).toBe(200);
    const mail = await smtp.waitFor('sans.motif@example.org', /^Événement annulé/);
    expect(mail.text).not.toContain('Motif');
    // No contact on this event: no contact line, and the platform is the calendar entry's organiser.
    expect(mail.text).not.toContain('contactez');
    expect(icsValue(attachment(mail, 'annulation.ics'), 'ORGANIZER')?.toLowerCase()).toContain(
      'mailto:no-reply@maillage.test',
    );

    const empty = await buildEvent(ctx.db, networkId);
    const preview = await ctx.app.inject({
      url: `/api/events/${empty.id}/cancellation`,
      cookies: coordinator.cookies,
    });
    expect(preview.json()).toMatchObject({ confirmed: 0, waitlisted: 0 });
    expect((await cancelEvent(empty.id, coordinator.cookies, 'Intervenant malade')).statusCode).toBe(200);
    const [audit] = await listAudit(ctx.db, { networkIds: 'all', entityType: 'event', entityId: empty.id });
    expect(audit.after).toMatchObject({ notified: { confirmed: 0, waitlisted: 0 } });
  });

  it('shows the count, and lets cancel, only to the organisers and the coordinators of the event’s network', async () => {
    const event = await buildEvent(ctx.db, networkId);
    await register(event.id, person(1, { email: 'discret.annul@example.org' }));
    const otherNetwork = await buildNetwork(ctx.db);
    const otherCoordinator = await buildAccount(ctx.db, { coordinatorOf: otherNetwork.id });
    const stranger = await buildAccount(ctx.db);
    const url = `/api/events/${event.id}/cancellation`;
    expect((await ctx.app.inject({ url })).statusCode).toBe(401);
    const refused = await ctx.app.inject({ url, cookies: otherCoordinator.cookies });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('"confirmed"');
    expect((await ctx.app.inject({ url, cookies: stranger.cookies })).statusCode).toBe(403);
    expect((await cancelEvent(event.id, otherCoordinator.cookies, 'non')).statusCode).toBe(403);
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    expect((await ctx.app.inject({ url, cookies: coordinator.cookies })).json()).toMatchObject({
      confirmed: 1,
    });
    expect(
      (
        await ctx.app.inject({
          url: '/api/events/00000000-0000-4000-8000-000000000000/cancellation',
          cookies: coordinator.cookies,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('tells everyone who got in when sign-ups arrive with the cancellation', async () => {
    const coordinator = await buildAccount(ctx.db, { coordinatorOf: networkId });
    const event = await buildEvent(ctx.db, networkId, { capacity: 5 });
    const emails = Array.from({ length: 20 }, (_, i) => `course${i}.annul@example.org`);
    const [cancel, ...signUps] = await Promise.all([
      cancelEvent(event.id, coordinator.cookies, 'Course'),
      ...emails.map((email, i) => register(event.id, person(i, { email }))),
    ]);
    expect(cancel.statusCode).toBe(200);
    for (const s of signUps) {
      expect([201, 409]).toContain(s.statusCode);
      if (s.statusCode === 409) expect(s.json().error.message).toContain('annulé');
    }
    const counts = (await registrationCounts(ctx.db, [event.id])).get(event.id)!;
    expect(counts).toMatchObject({ confirmed: 0, waitlisted: 0 });
    // Whoever got in before the cancellation was told: one cancellation mail per accepted sign-up.
    const accepted = signUps.filter((s) => s.statusCode === 201).length;
    expect(counts.cancelled).toBe(accepted);
    const [audit] = await listAudit(ctx.db, { networkIds: 'all', entityType: 'event', entityId: event.id });
    const told = audit.after as { notified: { confirmed: number; waitlisted: number } };
    expect(told.notified.confirmed + told.notified.waitlisted).toBe(accepted);
    const written = (await listOutbox(ctx.db, { limit: 500 })).filter(
      (m) => m.kind === KIND && emails.includes(m.to),
    );
    expect(written).toHaveLength(accepted);
  });

  it('refuses a sign-up that read the event before the cancellation committed', async () => {
    const event = await buildEvent(ctx.db, networkId);
    let late: ReturnType<typeof register> | undefined;
    await ctx.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const [row] = await tx
        .update(events)
        .set({ status: 'cancelled' })
        .where(eq(events.id, event.id))
        .returning();
      await cancelRegistrationsOfEvent(tx, ctx.deps, row, null);
      // On PostgreSQL this sign-up still sees the event published, then waits for the counter row's lock; once
      // the cancellation commits it must find registration closed.
      late = register(event.id, person(1, { email: 'trop.tard@example.org' }));
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const res = await late!;
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('annulé');
    expect((await registrationCounts(ctx.db, [event.id])).get(event.id)).toMatchObject({
      confirmed: 0,
      waitlisted: 0,
      cancelled: 0,
    });
  });
});
