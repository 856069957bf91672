import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { startSmtpPeer } from '../mail/smtp-peer.testing.ts';
import {
  buildAccount,
  buildEvent,
  buildNetwork,
  buildOrganization,
} from '../registrations/registrations.fixtures.ts';

// Withdrawing an application: by whoever may act for the organisation, before the fair starts; the stand is freed,
// the public list drops it, the coordinators are mailed (through a real SMTP peer), and the organisation may
// apply again.

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  smtp = await startSmtpPeer(4751);
  ctx = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await ctx?.close();
  await smtp?.close();
});

type Cookies = Record<string, string>;
type Who = { cookies: Cookies };
const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: Who, payload?: unknown) =>
  ctx.app.inject({ method, url, cookies: who?.cookies, payload: payload as Record<string, unknown> });

/** A fair of a fresh network with zones A and B, its event starting at `startsAt` (in ten days unless told). */
async function setUp(startsAt?: Date) {
  const network = await buildNetwork(ctx.db);
  const event = await buildEvent(ctx.db, network.id, {
    title: 'Village des solutions de demain',
    format: 'fair',
    ...(startsAt ? { startsAt, endsAt: new Date(startsAt.getTime() + 2 * 86_400_000) } : {}),
  });
  const coordinator = await buildAccount(ctx.db, { coordinatorOf: network.id });
  const fair = (
    await call('POST', '/api/fairs', coordinator, { eventId: event.id, zones: ['A', 'B'] })
  ).json();
  const base = `/api/fairs/${fair.id}`;
  const apply = (who: Who, organizationId: string) =>
    call('POST', `${base}/applications`, who, {
      organizationId,
      pitch: 'Nous réparons et revendons des objets du quotidien.',
      needs: { table: true, power: false },
    });
  const decide = (id: string, decision: 'accepted' | 'rejected') =>
    call('POST', `${base}/applications/${id}/decision`, coordinator, { decision });
  const stand = (id: string, zone: string, number: number) =>
    call('PUT', `${base}/applications/${id}/stand`, coordinator, { zone, number });
  const withdraw = (who: Who | undefined, id: string, payload?: unknown) =>
    call('POST', `${base}/applications/${id}/withdrawal`, who, payload);
  return { network, coordinator, fair, base, apply, decide, stand, withdraw };
}

it('withdraws an accepted application: stand freed and reusable, public list updated, coordinators mailed, audited', async () => {
  const f = await setUp();
  const secondCoordinator = await buildAccount(ctx.db, { coordinatorOf: f.network.id });
  const orgA = await buildOrganization(ctx.db, { name: 'Recyclerie du Plateau' });
  const orgD = await buildOrganization(ctx.db, { name: 'Jardins de Cocagne' });
  const staffA = await buildAccount(ctx.db, { editorOf: orgA.id });
  const staffD = await buildAccount(ctx.db, { editorOf: orgD.id });
  const a = (await f.apply(staffA, orgA.id)).json();
  const d = (await f.apply(staffD, orgD.id)).json();
  await f.decide(a.id, 'accepted');
  await f.decide(d.id, 'accepted');
  expect((await f.stand(a.id, 'A', 1)).statusCode).toBe(200);
  expect((await f.stand(d.id, 'A', 1)).statusCode).toBe(409);
  expect((await call('GET', `${f.base}/exhibitors`)).json().items).toHaveLength(2);

  const res = await f.withdraw(staffA, a.id, { message: '  Notre camion est en panne, désolés.  ' });
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({
    status: 'withdrawn',
    standZone: null,
    standNumber: null,
    withdrawalMessage: 'Notre camion est en panne, désolés.',
  });
  expect(res.json().withdrawnAt).toBeTruthy();

  // Both coordinators receive the mail over SMTP, naming the organisation, the stand freed and the message.
  for (const c of [f.coordinator, secondCoordinator]) {
    const mail = await smtp.waitFor(c.account.email, /retire sa candidature/);
    expect(mail.subject).toBe(
      'Village des solutions de demain : Recyclerie du Plateau retire sa candidature',
    );
    expect(mail.text).toContain('Recyclerie du Plateau retire sa candidature');
    expect(mail.text).toContain('Le stand A-1 est libéré');
    expect(mail.text).toContain('Notre camion est en panne, désolés.');
    expect(mail.text).toContain(staffA.account.email);
    const [row] = await listOutbox(ctx.db, { to: c.account.email });
    expect(row).toMatchObject({ kind: 'fairs.application-withdrawn', status: 'sent' });
  }

  // Gone from the public list and the count; its stand goes to another exhibitor.
  const list = (await call('GET', `${f.base}/exhibitors`)).json();
  expect(list.items.map((e: { name: string }) => e.name)).toEqual(['Jardins de Cocagne']);
  expect((await call('GET', f.base)).json().exhibitorCount).toBe(1);
  const moved = await f.stand(d.id, 'A', 1);
  expect(moved.statusCode).toBe(200);
  expect(moved.json()).toMatchObject({ standZone: 'A', standNumber: 1 });
  // …and a withdrawn application cannot be put back on a stand or decided on.
  expect((await f.stand(a.id, 'B', 3)).statusCode).toBe(409);
  const decided = await f.decide(a.id, 'accepted');
  expect(decided.statusCode).toBe(409);
  expect(decided.json().error.message).toContain('retiré cette candidature');

  // Twice is refused, saying it already was.
  const twice = await f.withdraw(staffA, a.id, {});
  expect(twice.statusCode).toBe(409);
  expect(twice.json().error.message).toMatch(/^Cette candidature a déjà été retirée le /);

  // The coordinators see it with its date and message, and can filter on it; the CSV carries them too.
  const withdrawn = (await call('GET', `${f.base}/applications?status=withdrawn`, f.coordinator)).json();
  expect(withdrawn.items).toHaveLength(1);
  expect(withdrawn.items[0]).toMatchObject({
    id: a.id,
    organizationName: 'Recyclerie du Plateau',
    withdrawalMessage: 'Notre camion est en panne, désolés.',
  });
  const csv = (await call('GET', `${f.base}/exhibitors.csv`, f.coordinator)).body;
  expect(csv).toMatch(/Recyclerie du Plateau;.*;retirée;.*;Notre camion est en panne, désolés\.\r\n/);

  // The audit log keeps who withdrew, the stand freed and the message.
  const audit = (
    await call('GET', `/api/audit?entityType=fair_exhibitor&entityId=${a.id}`, f.coordinator)
  ).json();
  expect(audit.items[0]).toMatchObject({
    action: 'fair.application-withdrawn',
    before: { status: 'accepted', standZone: 'A', standNumber: 1 },
    after: { status: 'withdrawn', standZone: null, message: 'Notre camion est en panne, désolés.' },
  });
  expect(audit.items[0].actorLabel).toContain(staffA.account.email);

  // The organisation may apply again (a new application); only one live application at a time.
  const again = await f.apply(staffA, orgA.id);
  expect(again.statusCode).toBe(201);
  expect(again.json()).toMatchObject({ status: 'pending', standZone: null });
  expect(again.json().id).not.toBe(a.id);
  const third = await f.apply(staffA, orgA.id);
  expect(third.statusCode).toBe(409);
  expect(third.json().error.message).toContain('déjà une candidature en cours');
  const own = (await call('GET', `${f.base}/applications`, staffA)).json();
  expect(own.items.map((x: { status: string }) => x.status)).toEqual(['withdrawn', 'pending']);
});

it('withdraws a pending application, without a message, for its editors only', async () => {
  const f = await setUp();
  const orgB = await buildOrganization(ctx.db, { name: 'Coop Énergie' });
  const staffB = await buildAccount(ctx.db, { editorOf: orgB.id });
  const otherOrg = await buildOrganization(ctx.db);
  const stranger = await buildAccount(ctx.db, { editorOf: otherOrg.id });
  const elsewhere = await buildNetwork(ctx.db);
  const otherCoordinator = await buildAccount(ctx.db, { coordinatorOf: elsewhere.id });
  const b = (await f.apply(staffB, orgB.id)).json();

  expect((await f.withdraw(undefined, b.id, {})).statusCode).toBe(401);
  for (const who of [stranger, otherCoordinator]) {
    const refused = await f.withdraw(who, b.id, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe(
      'Seules les personnes qui gèrent l’organisation candidate peuvent retirer sa candidature.',
    );
  }
  const unknown = await f.withdraw(staffB, '00000000-0000-4000-8000-000000000000', {});
  expect(unknown.statusCode).toBe(404);
  const tooLong = await f.withdraw(staffB, b.id, { message: 'x'.repeat(2001) });
  expect(tooLong.statusCode).toBe(400);

  const res = await f.withdraw(staffB, b.id); // no body at all
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawalMessage: null });
  const mail = await smtp.waitFor(f.coordinator.account.email, /Coop Énergie retire sa candidature/);
  expect(mail.text).toContain('candidature en attente');
  expect(mail.text).toContain('Aucun stand ne lui était attribué.');
  expect(mail.text).toContain('Aucun message n’accompagne ce retrait.');
  // No one else was mailed about it.
  expect(smtp.received.filter((m) => m.subject.includes('Coop Énergie'))).toHaveLength(0);
});

it('refuses to withdraw once the fair has started, or a rejected application, naming the reason', async () => {
  const f = await setUp(new Date(Date.now() - 3_600_000));
  const org = await buildOrganization(ctx.db, { name: 'Atelier Vélo' });
  const staff = await buildAccount(ctx.db, { editorOf: org.id });
  const app = (await f.apply(staff, org.id)).json();
  await f.decide(app.id, 'accepted');
  await f.stand(app.id, 'B', 2);
  const late = await f.withdraw(staff, app.id, { message: 'Trop tard ?' });
  expect(late.statusCode).toBe(409);
  expect(late.json().error.message).toMatch(
    /^Le salon a commencé le .+ : la candidature ne peut plus être retirée\. Prévenez directement les coordinateurs\.$/,
  );
  // Nothing changed: still accepted on its stand, still listed.
  const list = (await call('GET', `${f.base}/exhibitors`)).json();
  expect(list.items).toMatchObject([{ name: 'Atelier Vélo', standZone: 'B', standNumber: 2 }]);

  const g = await setUp();
  const org2 = await buildOrganization(ctx.db);
  const staff2 = await buildAccount(ctx.db, { editorOf: org2.id });
  const rejected = (await g.apply(staff2, org2.id)).json();
  await g.decide(rejected.id, 'rejected');
  const res = await g.withdraw(staff2, rejected.id, {});
  expect(res.statusCode).toBe(409);
  expect(res.json().error.message).toBe('Cette candidature n’a pas été retenue : il n’y a rien à retirer.');
  expect((await listOutbox(ctx.db, { to: f.coordinator.account.email })).map((m) => m.kind)).not.toContain(
    'fairs.application-withdrawn',
  );
});

it('lets only one of two simultaneous withdrawals through, with one mail', async () => {
  const f = await setUp();
  const org = await buildOrganization(ctx.db, { name: 'Épicerie solidaire' });
  const staff = await buildAccount(ctx.db, { editorOf: org.id });
  const app = (await f.apply(staff, org.id)).json();
  const results = await Promise.all([f.withdraw(staff, app.id, {}), f.withdraw(staff, app.id, {})]);
  expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  await smtp.waitFor(f.coordinator.account.email, /Épicerie solidaire/);
  const rows = await listOutbox(ctx.db, { to: f.coordinator.account.email });
  expect(rows.filter((m) => m.kind === 'fairs.application-withdrawn')).toHaveLength(1);
});
