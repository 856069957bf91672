import { and, eq, not } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { buildAccount } from '../registrations/registrations.fixtures.ts';
import { buildList, buildStaff, caller, confirmTokenOf, preferencesTokenOf } from './newsletters.fixtures.ts';
import { newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';
import { unsubscribeToken } from './newsletters.tokens.ts';
import { isSuppressed, suppressedSql, unsubscribe } from './newsletters.unsubscribe.ts';

// Lists and consent: the staff's lists (counts, consent versions, audit), the public form with double opt-in and
// its proof, no enumeration, the confirmation link, preferences without an account, and one-click unsubscribe.

let ctx: TestContext;
let now = new Date('2026-04-02T10:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

const ua = { 'user-agent': 'Mozilla/5.0 (iPhone) Test', 'x-forwarded-for': '203.0.113.7' };

it('lets the network’s staff alone manage its lists; a new consent text raises its version', async () => {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const other = await buildStaff(ctx);
  const member = await buildAccount(ctx.db);
  const list = await buildList(ctx, staff);
  expect(list.consentVersion).toBe('1');

  const renamed = await call('PATCH', `/api/newsletter-lists/${list.id}`, {
    cookies: staff.cookies,
    payload: { name: 'Lettre du club' },
  });
  expect(renamed.json()).toMatchObject({ name: 'Lettre du club', consentVersion: '1' });
  const reworded = await call('PATCH', `/api/newsletter-lists/${list.id}`, {
    cookies: staff.cookies,
    payload: { consentText: 'J’accepte de recevoir la lettre du club (une par mois au plus).' },
  });
  expect(reworded.json().consentVersion).toBe('2');

  // Another network's coordinator and a plain account get nothing.
  for (const cookies of [other.cookies, member.cookies]) {
    expect((await call('GET', `/api/newsletter-lists/${list.id}`, { cookies })).statusCode).toBe(404);
    expect(
      (await call('PATCH', `/api/newsletter-lists/${list.id}`, { cookies, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(404);
    expect((await call('GET', `/api/newsletter-lists/${list.id}/subscribers`, { cookies })).statusCode).toBe(
      404,
    );
    expect(
      (await call('GET', `/api/networks/${staff.network.id}/newsletter-lists`, { cookies })).statusCode,
    ).toBe(403);
  }
  expect((await call('GET', `/api/networks/${staff.network.id}/newsletter-lists`)).statusCode).toBe(401);

  const bad = await call('POST', `/api/networks/${staff.network.id}/newsletter-lists`, {
    cookies: staff.cookies,
    payload: { name: '', consentText: 'court' },
  });
  expect(bad.statusCode).toBe(400);
  expect(JSON.stringify(bad.json())).toContain('texte de consentement');

  const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, list.id));
  expect(audit.map((a) => a.action).sort()).toEqual([
    'newsletters.list-create',
    'newsletters.list-update',
    'newsletters.list-update',
  ]);
  const archived = await call('POST', `/api/newsletter-lists/${list.id}/archive`, { cookies: staff.cookies });
  expect(archived.json().archived).toBe(true);
  expect((await call('GET', `/api/newsletter-lists/${list.id}/public`)).statusCode).toBe(404);
});

it('subscribes with double opt-in, records the proof, and answers the same for a known address', async () => {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  const form = await call('GET', `/api/newsletter-lists/${list.id}/public`);
  expect(form.json()).toMatchObject({ name: 'Lettre du réseau', consentVersion: '1' });
  const body = { email: 'Anne.Demo@Example.org', name: 'Anne', consent: true, consentVersion: '1' };

  const first = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: body,
    headers: ua,
  });
  expect(first.statusCode).toBe(202);
  const [pending] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.listId, list.id));
  expect(pending).toMatchObject({
    email: 'anne.demo@example.org',
    status: 'pending',
    source: 'form',
    legalBasis: 'consent',
    consentVersion: '1',
    consentText: 'J’accepte de recevoir la lettre mensuelle du réseau par courriel.',
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (iPhone) Test',
  });
  expect(pending.consentedAt?.toISOString()).toBe(now.toISOString());
  expect(pending.confirmedAt).toBeNull();

  const mails = await listOutbox(ctx.db, { to: 'anne.demo@example.org' });
  expect(mails).toHaveLength(1);
  expect(mails[0].kind).toBe('newsletters.confirm-subscription');
  const token = confirmTokenOf(mails[0].text);
  preferencesTokenOf(mails[0].text);

  // Tampered and unknown links: a sentence, nothing confirmed.
  const tampered = await call('POST', '/api/newsletter-confirmations', {
    payload: { token: `${token.slice(0, -2)}xx` },
  });
  expect(tampered.statusCode).toBe(400);
  expect(tampered.json().error.message).toContain('n’est pas valide');

  const ok = await call('POST', '/api/newsletter-confirmations', { payload: { token } });
  expect(ok.json()).toMatchObject({ status: 'confirmed', already: false, listName: 'Lettre du réseau' });
  const again = await call('POST', '/api/newsletter-confirmations', { payload: { token } });
  expect(again.json()).toMatchObject({ status: 'confirmed', already: true });

  // The same answer for an address already on the list; it is told so by mail, nothing changes.
  const known = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: body,
    headers: ua,
  });
  expect(known.statusCode).toBe(first.statusCode);
  expect(known.body).toBe(first.body);
  const [still] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.listId, list.id));
  expect(still.status).toBe('confirmed');
  expect((await listOutbox(ctx.db, { to: 'anne.demo@example.org' }))[0].kind).toBe(
    'newsletters.already-subscribed',
  );

  const counts = await call('GET', `/api/newsletter-lists/${list.id}`, { cookies: staff.cookies });
  expect(counts.json().counts).toEqual({ pending: 0, confirmed: 1, unsubscribed: 0 });
  const subs = await call('GET', `/api/newsletter-lists/${list.id}/subscribers`, { cookies: staff.cookies });
  expect(subs.json().items[0]).toMatchObject({
    email: 'anne.demo@example.org',
    ip: '203.0.113.7',
    consentVersion: '1',
  });

  // The honeypot: looks like a success, stores and sends nothing.
  const bot = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: { ...body, email: 'bot@example.org', website: 'http://spam.example' },
  });
  expect(bot.statusCode).toBe(202);
  expect(await listOutbox(ctx.db, { to: 'bot@example.org' })).toHaveLength(0);
  // An old consent text, or no consent: refused.
  const stale = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: { ...body, email: 'b@example.org', consentVersion: '0' },
  });
  expect(stale.statusCode).toBe(409);
  const noConsent = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: { ...body, consent: false },
  });
  expect(noConsent.statusCode).toBe(400);
  expect(JSON.stringify(noConsent.json())).toContain('consentement');
});

it('refuses an expired confirmation link with a sentence', async () => {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: { email: 'late@example.org', consent: true, consentVersion: '1' },
  });
  const [mail] = await listOutbox(ctx.db, { to: 'late@example.org' });
  const saved = now;
  now = new Date(saved.getTime() + 8 * 86_400_000);
  try {
    const res = await call('POST', '/api/newsletter-confirmations', {
      payload: { token: confirmTokenOf(mail.text) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('a expiré');
  } finally {
    now = saved;
  }
});

it('limits the form per IP address', async () => {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const res = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
      payload: { email: `flood${i}@example.org`, consent: true, consentVersion: '1' },
      headers: { 'x-forwarded-for': '198.51.100.9' },
    });
    statuses.push(res.statusCode);
  }
  expect(statuses.filter((s) => s === 202).length).toBe(20);
  expect(statuses.at(-1)).toBe(429);
});

async function confirmedSubscriber(email: string) {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  const second = await buildList(ctx, staff, { name: 'Programme du Mois de l’ESS' });
  for (const l of [list, second]) {
    await call('POST', `/api/newsletter-lists/${l.id}/subscriptions`, {
      payload: { email, consent: true, consentVersion: '1' },
      headers: { 'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 200)}` },
    });
    const [mail] = await listOutbox(ctx.db, { to: email });
    await call('POST', '/api/newsletter-confirmations', { payload: { token: confirmTokenOf(mail.text) } });
  }
  const [mail] = await listOutbox(ctx.db, { to: email });
  return { staff, list, second, prefs: preferencesTokenOf(mail.text) };
}

it('unsubscribes in one click (RFC 8058), and refuses a tampered token with a 400', async () => {
  const call = caller(ctx);
  const { staff, list, second } = await confirmedSubscriber('clic@example.org');
  const token = unsubscribeToken(ctx.deps.config.sessionSecret, {
    networkId: staff.network.id,
    listId: list.id,
    email: 'clic@example.org',
  });
  const post = (t: string, payload = 'List-Unsubscribe=One-Click') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/newsletter-unsubscribe/${t}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      payload,
    });
  // A long address makes a long token: still one click (a path parameter over 100 characters once got a 414).
  const long = 'prenom.nom-de-famille.service-comptabilite@entreprise-exemple.example.org';
  const { staff: longStaff, list: longList } = await confirmedSubscriber(long);
  const longToken = unsubscribeToken(ctx.deps.config.sessionSecret, {
    networkId: longStaff.network.id,
    listId: longList.id,
    email: long,
  });
  expect(longToken.length).toBeGreaterThan(100);
  expect((await post(longToken)).statusCode).toBe(200);
  const bad = await post(`${token.slice(0, 10)}A${token.slice(11)}`);
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.message).toContain('n’est pas valide');
  expect(bad.body).not.toContain('clic@example.org');
  expect((await post(token, 'autre=chose')).statusCode).toBe(400);

  const res = await post(token);
  expect(res.statusCode).toBe(200);
  const rows = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.email, 'clic@example.org'));
  const left = rows.find((r) => r.listId === list.id);
  expect(left).toMatchObject({ status: 'unsubscribed', unsubscribedHow: 'one_click' });
  expect(left?.unsubscribedAt?.toISOString()).toBe(now.toISOString());
  expect(rows.find((r) => r.listId === second.id)?.status).toBe('confirmed');
  expect((await post(token)).statusCode).toBe(200);

  // The visible link's page: what it is about, then one click, for every list of the network.
  const all = unsubscribeToken(ctx.deps.config.sessionSecret, {
    networkId: staff.network.id,
    listId: null,
    email: 'clic@example.org',
  });
  const info = await call('GET', `/api/newsletter-unsubscribe/${all}`);
  expect(info.json()).toMatchObject({ email: 'clic@example.org', listName: null });
  const page = await call('POST', `/api/newsletter-unsubscribe/${all}/confirm`);
  expect(page.json()).toMatchObject({ ended: 1 });
  expect(await isSuppressed(ctx.db, staff.network.id, 'clic@example.org')).toBe(true);
  const other = await buildStaff(ctx);
  expect(await isSuppressed(ctx.db, other.network.id, 'clic@example.org')).toBe(false);
});

it('manages subscriptions from the preferences link, and coming back asks consent again', async () => {
  const call = caller(ctx);
  const { list, second, prefs } = await confirmedSubscriber('prefs@example.org');
  const read = await call('GET', `/api/newsletter-preferences/${prefs}`);
  expect(read.json().lists.map((l: { status: string }) => l.status)).toEqual(['confirmed', 'confirmed']);
  expect((await call('GET', `/api/newsletter-preferences/${prefs.slice(0, -3)}abc`)).statusCode).toBe(400);

  const one = await call('POST', `/api/newsletter-preferences/${prefs}/unsubscribe`, {
    payload: { listId: list.id },
  });
  const after = one.json().lists.find((l: { id: string }) => l.id === list.id);
  expect(after).toMatchObject({ status: 'unsubscribed', canResubscribe: true });

  const noConsent = await call('POST', `/api/newsletter-preferences/${prefs}/resubscribe`, {
    payload: { listId: list.id, consent: false, consentVersion: '1' },
  });
  expect(noConsent.statusCode).toBe(400);
  const back = await call('POST', `/api/newsletter-preferences/${prefs}/resubscribe`, {
    payload: { listId: list.id, consent: true, consentVersion: '1' },
    headers: ua,
  });
  expect(back.statusCode).toBe(200);
  const [row] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(
      and(
        eq(newsletterSubscriptions.listId, list.id),
        eq(newsletterSubscriptions.email, 'prefs@example.org'),
      ),
    );
  expect(row).toMatchObject({
    status: 'confirmed',
    source: 'preferences',
    ip: '203.0.113.7',
    unsubscribedAt: null,
  });

  const everything = await call('POST', `/api/newsletter-preferences/${prefs}/unsubscribe`, { payload: {} });
  expect(everything.json()).toMatchObject({ unsubscribedFromAll: true });
  expect(everything.json().lists.every((l: { status: string }) => l.status === 'unsubscribed')).toBe(true);
  expect(second.id).toBeTruthy();
});

it('gives the sender what excludes suppressed addresses, a bounce or a complaint holding for every network', async () => {
  const { staff, list } = await confirmedSubscriber('rebond@example.org');
  const other = await confirmedSubscriber('rebond@example.org');
  const recipients = async (networkId: string, listId: string) =>
    (
      await ctx.db
        .select({ email: newsletterSubscriptions.email })
        .from(newsletterSubscriptions)
        .where(
          and(
            eq(newsletterSubscriptions.listId, listId),
            eq(newsletterSubscriptions.status, 'confirmed'),
            not(suppressedSql(networkId, newsletterSubscriptions.email)),
          ),
        )
    ).map((r) => r.email);
  expect(await recipients(staff.network.id, list.id)).toEqual(['rebond@example.org']);

  const token = unsubscribeToken(ctx.deps.config.sessionSecret, {
    networkId: staff.network.id,
    listId: list.id,
    email: 'rebond@example.org',
  });
  const done = await unsubscribe(ctx.deps, token, 'bounce');
  expect(done).toMatchObject({ listId: null, ended: 2 });
  const rows = await ctx.db
    .select()
    .from(newsletterSuppressions)
    .where(eq(newsletterSuppressions.email, 'rebond@example.org'));
  expect(rows).toMatchObject([{ networkId: null, reason: 'hard_bounce' }]);
  // The other network's subscription is still confirmed, but the platform-wide suppression excludes it.
  expect(await recipients(other.staff.network.id, other.list.id)).toEqual([]);
  expect(await isSuppressed(ctx.db, other.staff.network.id, 'REBOND@example.org')).toBe(true);
  await expect(unsubscribe(ctx.deps, `${token}A`, 'complaint')).rejects.toThrow(/n’est pas valide/);
});

it('lets the platform admin manage a network’s lists, and closes an archived list to the form and the import', async () => {
  const call = caller(ctx);
  const staff = await buildStaff(ctx);
  const admin = await buildAccount(ctx.db, { admin: true });
  const list = await buildList(ctx, staff);
  const lists = await call('GET', `/api/networks/${staff.network.id}/newsletter-lists`, {
    cookies: admin.cookies,
  });
  expect(lists.json().items.map((l: { id: string }) => l.id)).toEqual([list.id]);
  await call('POST', `/api/newsletter-lists/${list.id}/archive`, { cookies: admin.cookies });
  const form = await call('POST', `/api/newsletter-lists/${list.id}/subscriptions`, {
    payload: { email: 'tard@example.org', consent: true, consentVersion: '1' },
  });
  expect(form.statusCode).toBe(404);
  const imported = await ctx.app.inject({
    method: 'POST',
    url: `/api/newsletter-lists/${list.id}/import?dryRun=false`,
    cookies: staff.cookies,
    headers: { 'content-type': 'text/csv' },
    payload: 'email;base\ntard@example.org;interet_legitime\n',
  });
  expect(imported.statusCode).toBe(409);
  expect(imported.json().error.message).toContain('archivée');
  const edit = await call('PATCH', `/api/newsletter-lists/${list.id}`, {
    cookies: staff.cookies,
    payload: { name: 'Autre' },
  });
  expect(edit.statusCode).toBe(409);
});
