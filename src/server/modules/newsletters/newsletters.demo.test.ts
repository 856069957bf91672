import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../../cli/demo/directory.ts';
import { seedDemo } from '../../../cli/demo/seed.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { networks } from '../accounts/accounts.tables.ts';

// The demo: each network's newsletter list with its demo subscribers (example.org, "(démo)"), mostly confirmed,
// a few pending and unsubscribed, each with its proof; another network's coordinator sees none of it.

let t: TestContext;
// The whole demo is seeded (about a minute on a busy 2-core machine, more beside other test files).
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.deps);
}, 300_000);
afterAll(() => t?.close());

async function signIn(account: { email: string; password: string }) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: account.email, password: account.password },
  });
  return String(res.headers['set-cookie']).split(';')[0];
}

it('seeds the club’s and the chamber’s letters with demo subscribers and their proof', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const cookie = await signIn(demoAccounts.clubCoordinator);
  const lists = (
    await t.app.inject({ url: `/api/networks/${club.id}/newsletter-lists`, headers: { cookie } })
  ).json();
  expect(lists.items).toHaveLength(1);
  expect(lists.items[0]).toMatchObject({
    name: 'Lettre du club',
    isDemo: true,
    counts: { confirmed: 29, pending: 3, unsubscribed: 4 },
  });
  const subs = (
    await t.app.inject({
      url: `/api/newsletter-lists/${lists.items[0].id}/subscribers?pageSize=200`,
      headers: { cookie },
    })
  ).json();
  expect(subs.total).toBe(36);
  for (const s of subs.items) {
    expect(s.email).toMatch(/@example\.org$/);
    expect(s.name).toMatch(/\(démo\)$/);
    expect(s.isDemo).toBe(true);
    if (s.source === 'form') expect(s).toMatchObject({ consentVersion: '1', legalBasis: 'consent' });
  }
  const blocked = (
    await t.app.inject({ url: `/api/networks/${club.id}/newsletter-suppressions`, headers: { cookie } })
  ).json();
  expect(blocked.items).toHaveLength(1);

  const chamber = await signIn(demoAccounts.chamberCoordinator);
  const other = await t.app.inject({
    url: `/api/networks/${club.id}/newsletter-lists`,
    headers: { cookie: chamber },
  });
  expect(other.statusCode).toBe(403);
  const public_ = await t.app.inject({ url: `/api/newsletter-lists/${lists.items[0].id}/public` });
  expect(public_.json().name).toBe('Lettre du club');
}, 120_000);

it('seeds two sent issues per network in the public archive and the chamber’s Mois de l’ESS draft', async () => {
  const [club] = await t.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const archive = (
    await t.app.inject({ url: `/api/public/networks/${club.slug}/newsletter-archive` })
  ).json();
  expect(archive.items.map((i: { subject: string }) => i.subject)).toEqual([
    'La lettre du club — novembre (démo)',
    'La lettre du club — octobre (démo)',
  ]);
  const web = await t.app.inject({ url: `/api/newsletter-issues/${archive.items[0].id}/web` });
  expect(web.statusCode).toBe(200);
  expect(web.body).toContain('L’assemblée générale approche');
  // Each confirmed subscriber received it: the issue's figures say so.
  const cookie = await signIn(demoAccounts.clubCoordinator);
  const issue = (
    await t.app.inject({ url: `/api/newsletter-issues/${archive.items[0].id}`, headers: { cookie } })
  ).json();
  expect(issue).toMatchObject({ status: 'sent', figures: { sent: 29, queued: 0, failed: 0 } });

  const chamberCookie = await signIn(demoAccounts.chamberCoordinator);
  const [chamber] = await t.db.select().from(networks).where(eq(networks.slug, 'cress-grand-est-demo'));
  const issues = (
    await t.app.inject({
      url: `/api/networks/${chamber.id}/newsletter-issues`,
      headers: { cookie: chamberCookie },
    })
  ).json();
  const draft = issues.items.find((i: { status: string }) => i.status === 'draft');
  expect(draft.subject).toBe('Le programme du Mois de l’ESS (démo)');
  const preview = await t.app.inject({
    url: `/api/newsletter-issues/${draft.id}/preview`,
    headers: { cookie: chamberCookie },
  });
  // The agenda block holds the chamber's coming events, not the placeholder.
  expect(preview.body).not.toContain('{{evenements}}');
  expect(preview.body).not.toContain('Aucun événement à venir');
  expect(preview.body).toContain('/evenements/');
}, 120_000);
