import { and, eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildList, buildStaff } from './newsletters.fixtures.ts';
import { newsletterSubscriptions } from './newsletters.tables.ts';
import { suppress } from './newsletters.unsubscribe.ts';

// The import of existing subscribers: a legal basis per row (consent with its date, or legitimate interest), bad
// lines reported with their number and reason, good lines kept, and never a re-subscription of someone who left.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-04-02T10:00:00Z') });
});
afterAll(() => ctx?.close());

const upload = (listId: string, cookies: Record<string, string>, body: string | Buffer, dryRun: boolean) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/newsletter-lists/${listId}/import?dryRun=${dryRun}`,
    cookies,
    headers: { 'content-type': 'text/csv' },
    payload: body,
  });

it('imports the good lines, reports the bad ones and never re-subscribes who left', async () => {
  const staff = await buildStaff(ctx);
  const other = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  // Someone who left this list, and someone suppressed for the whole network.
  await ctx.db.insert(newsletterSubscriptions).values({
    listId: list.id,
    networkId: staff.network.id,
    email: 'partie@example.org',
    status: 'unsubscribed',
    legalBasis: 'consent',
    source: 'form',
    unsubscribedAt: new Date('2026-01-10T00:00:00Z'),
    unsubscribedHow: 'link',
  });
  // Someone fills the public form with her address: pending, but her unsubscription stays recorded.
  const form = await ctx.app.inject({
    method: 'POST',
    url: `/api/newsletter-lists/${list.id}/subscriptions`,
    payload: { email: 'partie@example.org', consent: true, consentVersion: list.consentVersion },
  });
  expect(form.statusCode).toBe(202);
  await suppress(ctx.db, {
    networkId: staff.network.id,
    email: 'bloquee@example.org',
    reason: 'unsubscribed',
  });
  await suppress(ctx.db, { networkId: null, email: 'rebond@example.org', reason: 'hard_bounce' });

  const csv = [
    'Email;Nom;Base;Date_consentement',
    'claire@example.org;Claire Démo;consentement;15/03/2025',
    'DIRECTION@entreprise.example.org;;interet_legitime;',
    'pas-une-adresse;X;consentement;01/01/2025',
    'sansdate@example.org;;consentement;',
    'base@example.org;;peut-être;',
    'claire@example.org;Doublon;consentement;15/03/2025',
    'date@example.org;;consentement;31/02/2025',
    'partie@example.org;;consentement;01/02/2025',
    'bloquee@example.org;;interet_legitime;',
    'rebond@example.org;;interet_legitime;',
    '',
  ].join('\r\n');
  // French Excel: Windows-1252 with `;`.
  const file = iconv.encode(csv, 'win1252');

  const preview = await upload(list.id, staff.cookies, file, true);
  expect(preview.statusCode).toBe(200);
  const report = preview.json();
  expect(report).toMatchObject({ dryRun: true, lines: 10, imported: 2, alreadySubscribed: 0 });
  expect(report.problems).toEqual([
    { line: 4, reason: 'adresse e-mail invalide « pas-une-adresse »' },
    { line: 5, reason: expect.stringContaining('date du consentement manquante') },
    { line: 6, reason: expect.stringContaining('base légale inconnue « peut-être »') },
    { line: 7, reason: 'adresse déjà présente ligne 2' },
    { line: 8, reason: expect.stringContaining('date du consentement invalide « 31/02/2025 »') },
  ]);
  expect(report.refused.map((r: { line: number }) => r.line)).toEqual([9, 10, 11]);
  expect(report.refused[0].reason).toContain('désinscrite de cette liste');
  const count = async () =>
    (await ctx.db.select().from(newsletterSubscriptions).where(eq(newsletterSubscriptions.listId, list.id)))
      .length;
  expect(await count()).toBe(1);

  // Another network's coordinator cannot import into the list.
  expect((await upload(list.id, other.cookies, file, false)).statusCode).toBe(404);

  const done = await upload(list.id, staff.cookies, file, false);
  expect(done.json()).toMatchObject({ dryRun: false, imported: 2 });
  const [claire] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(
      and(
        eq(newsletterSubscriptions.listId, list.id),
        eq(newsletterSubscriptions.email, 'claire@example.org'),
      ),
    );
  expect(claire).toMatchObject({
    status: 'confirmed',
    source: 'import',
    legalBasis: 'consent',
    name: 'Claire Démo',
  });
  expect(claire.consentedAt?.toISOString().slice(0, 10)).toBe('2025-03-15');
  const [partie] = await ctx.db
    .select()
    .from(newsletterSubscriptions)
    .where(
      and(
        eq(newsletterSubscriptions.listId, list.id),
        eq(newsletterSubscriptions.email, 'partie@example.org'),
      ),
    );
  expect(partie.status).toBe('pending');
  expect(partie.unsubscribedAt?.toISOString()).toBe('2026-01-10T00:00:00.000Z');

  // Again: nothing new, the two are already there.
  const twice = await upload(list.id, staff.cookies, file, false);
  expect(twice.json()).toMatchObject({ imported: 0, alreadySubscribed: 2 });
});

it('refuses a file without the columns it needs, naming them', async () => {
  const staff = await buildStaff(ctx);
  const list = await buildList(ctx, staff);
  const res = await upload(list.id, staff.cookies, '\uFEFFemail,nom\na@example.org,A\n', true);
  expect(res.statusCode).toBe(400);
  expect(res.json().error.message).toContain('« base »');
  const comma = await upload(
    list.id,
    staff.cookies,
    '\uFEFFemail,base\na@example.org,interet_legitime\n',
    true,
  );
  expect(comma.json()).toMatchObject({ imported: 1, problems: [] });
});
