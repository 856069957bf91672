import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seriousViolations, startE2e } from './harness.ts';

// A phone (390 × 844): the agenda's first event on the first screen, the month's titles readable, admin pages
// without sideways scrolling, the observatory's map speaking of touch, and the map view left without a script error.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signInAsAdmin(page: Page) {
  await page.goto('/connexion');
  await page.fill('input[name=email]', 'admin@maillage.example');
  await page.fill('input[name=password]', 'demo-admin-maillage');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

it('folds the agenda’s filters away on a phone, so that the first event is on the first screen', async () => {
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto('/agenda');
  const first = phone.locator('.event-item').first();
  await first.waitFor();
  const box = (await first.boundingBox())!;
  expect(box.y).toBeLessThan(844 - 60);
  const more = phone.locator('details.agenda-filters__more');
  expect(await more.getAttribute('open')).toBeNull();
  await phone.getByText('Plus de filtres').click();
  await phone.getByRole('group', { name: 'Thèmes' }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);

  const desktop = await e2e.newPage();
  await desktop.goto('/agenda');
  await desktop.getByRole('group', { name: 'Thèmes' }).waitFor();
  expect(await desktop.locator('details.agenda-filters__more').getAttribute('open')).not.toBeNull();
});

it('shows the month’s event titles on a phone, whole, as a list of its days', async () => {
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto('/agenda?view=month');
  const link = phone.locator('.month__list .event-item__title a').first();
  await link.waitFor();
  expect(await link.isVisible()).toBe(true);
  const title = (await link.textContent())!.trim();
  expect(title.length).toBeGreaterThan(10);
  expect(await link.evaluate((a) => a.scrollWidth <= a.clientWidth + 1)).toBe(true);
  expect(await phone.locator('.month__grid').isVisible()).toBe(false);
  expect(await seriousViolations(phone)).toEqual([]);

  const desktop = await e2e.newPage();
  await desktop.goto('/agenda?view=month');
  await desktop.locator('.month__grid a').first().waitFor();
  expect(await desktop.locator('.month__list').isVisible()).toBe(false);
}, 120_000);

it('keeps the admin pages within a phone’s width', async () => {
  const phone = await e2e.newPage({ mobile: true });
  await signInAsAdmin(phone);
  // A mail in the outbox, so that its page has a table: the seeded demo writes none, and what the server's periodic
  // runs write (the afterwork's reminders) depends on the day the test runs.
  const reset = await fetch(`${e2e.baseUrl}/api/auth/password-reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'cress@maillage.example' }),
  });
  expect(reset.status).toBe(202);
  const networkId = (await (await fetch(`${e2e.baseUrl}/api/networks`)).json()).items[0].id;
  const wide: string[] = [];
  for (const path of ['/admin/journal', '/admin/reseaux', `/admin/reseaux/${networkId}`, '/admin/envois']) {
    await phone.goto(path);
    await phone.waitForLoadState('networkidle');
    await phone.locator('table').first().waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path}: ${width} px`);
  }
  expect(wide).toEqual([]);
});

it('tells a touch screen to touch a department of the observatory’s map', async () => {
  const phone = await e2e.newPage({ touch: true });
  await phone.goto('/observatoire?territoire=region%3A44');
  await expect
    .poll(() => phone.locator('.dmap__caption').textContent(), { timeout: 30_000 })
    .toMatch(/^Touchez/);
  const desktop = await e2e.newPage();
  await desktop.goto('/observatoire?territoire=region%3A44');
  await expect
    .poll(() => desktop.locator('.dmap__caption').textContent(), { timeout: 30_000 })
    .toMatch(/^Survolez/);
});

it('leaves the map view without a script error', async () => {
  const phone = await e2e.newPage({ touch: true });
  const errors: string[] = [];
  phone.on('pageerror', (e) => errors.push(e.message));
  await phone.route('https://tile.openstreetmap.org/**', (route) => route.abort());
  for (let i = 0; i < 2; i++) {
    await phone.goto('/agenda?view=map');
    await phone.locator('.leaflet-container').waitFor();
    await phone.getByRole('link', { name: 'Liste', exact: true }).click();
    await phone.locator('.leaflet-container').waitFor({ state: 'detached' });
    await phone.getByRole('link', { name: 'Carte', exact: true }).click();
    await phone.locator('.leaflet-container').waitFor();
    await phone.getByRole('link', { name: 'Mois', exact: true }).click();
    await phone.locator('.month').waitFor();
  }
  await phone.waitForTimeout(500);
  expect(errors).toEqual([]);
}, 120_000);
