import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { buildEvent } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { startE2e } from './harness.ts';

// The events journey in the browser, on the demo: an organiser (the demo editor) proposes an event — first with an
// end before its start, shown inline — and submits it; the chamber's coordinator publishes it from the moderation
// queue; a visitor finds it in the agenda by department and theme, then on its page. A coordinator cancels an event
// with registrants after being told how many people will get a cancellation mail.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/connexion');
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/** A Paris calendar day `days` from today, YYYY-MM-DD. */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

it('an organiser submits, a coordinator publishes, the public finds it by department and theme', async () => {
  const title = `Atelier compost partagé ${Date.now() % 100000}`;
  const day = dayFromNow(10);

  const organiser = await e2e.newPage();
  await signIn(organiser, demoAccounts.editor);
  await organiser.goto('/agenda/proposer');
  await organiser.getByLabel('Titre').fill(title);
  await organiser.getByLabel('Format').selectOption('workshop');
  await organiser.getByRole('checkbox', { name: 'Économie circulaire' }).check();
  await organiser.getByRole('checkbox', { name: 'Grand public' }).check();
  await organiser.getByLabel('Début').fill(`${day}T14:00`);
  await organiser.getByLabel(/^Fin/).fill(`${day}T12:00`);
  await organiser.getByLabel('Lieu', { exact: true }).fill('Jardin partagé des Trois Maisons');
  const commune = organiser.getByRole('combobox', { name: 'Commune' });
  await commune.fill('Nancy');
  await organiser
    .getByRole('option', { name: /^Nancy/ })
    .first()
    .click();
  await organiser.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
  await expect
    .poll(() => organiser.locator('.field__error').allTextContents())
    .toContain('la fin doit être après le début');

  await organiser.getByLabel(/^Fin/).fill(`${day}T17:00`);
  await organiser.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
  await organiser.waitForURL(/\/agenda\/evenements\/[0-9a-f-]{36}$/);
  const eventId = organiser.url().split('/').pop()!;
  await expect
    .poll(() => organiser.locator('#manage-title').textContent())
    .toContain('En attente de modération');

  const coordinator = await e2e.newPage();
  await signIn(coordinator, demoAccounts.chamberCoordinator);
  await coordinator.goto('/agenda/moderation');
  const item = coordinator.locator('.event-item', { hasText: title });
  await item.getByRole('button', { name: 'Publier' }).click();
  await expect
    .poll(() => coordinator.getByRole('status').first().textContent())
    .toContain('organisateur est prévenu');

  const visitor = await e2e.newPage();
  await visitor.goto('/agenda?territory=dep%3A54&theme=circular');
  await visitor.waitForLoadState('networkidle');
  await expect
    .poll(() => visitor.locator('.event-item__title').allTextContents(), { timeout: 20_000 })
    .toContain(title);
  await expect
    .poll(() => visitor.getByRole('checkbox', { name: 'Économie circulaire' }).first().isChecked())
    .toBe(true);
  await visitor.goto('/agenda?territory=dep%3A57&theme=circular');
  await visitor.waitForLoadState('networkidle');
  expect(await visitor.locator('.event-item__title').allTextContents()).not.toContain(title);
  await visitor.goto(`/agenda/evenements/${eventId}`);
  await expect.poll(() => visitor.locator('h1').textContent()).toBe(title);

  // The server-rendered page carries OpenGraph and JSON-LD for crawlers (no JavaScript needed).
  const html = await (await fetch(`${e2e.baseUrl}/agenda/evenements/${eventId}`)).text();
  expect(html).toContain(`<meta property="og:title" content="${title}">`);
  expect(html).toContain('"@type":"Event"');
});

it('shows the month view and a usable map page even when tiles cannot load', async () => {
  const page = await e2e.newPage();
  await page.route('https://tile.openstreetmap.org/**', (route) => route.abort());
  await page.goto('/agenda?view=map&territory=dep%3A54');
  await expect.poll(() => page.locator('.event-item').count(), { timeout: 20_000 }).toBeGreaterThan(3);
  await expect
    .poll(() => page.getByRole('status').first().textContent(), { timeout: 20_000 })
    .toContain('fond de carte');
  await page.goto('/agenda?view=month');
  await expect.poll(() => page.locator('.month__grid a').count(), { timeout: 20_000 }).toBeGreaterThan(5);
});

it('has no serious accessibility violation on the agenda pages (axe, WCAG 2.1 AA)', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const page = await e2e.newPage();
  const list = await (await fetch(`${e2e.baseUrl}/api/events?territory=dep%3A54&pageSize=1`)).json();
  const problems: string[] = [];
  for (const path of [
    '/agenda',
    '/agenda?view=month',
    '/agenda?view=week',
    `/agenda/evenements/${list.items[0].id}`,
  ]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.locator('h1').first().waitFor();
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        problems.push(...v.nodes.map((n) => `${path} ${v.id}: ${n.target.join(' ')}`));
  }
  expect(problems).toEqual([]);
});

it('cancelling an event says how many people will be told, then tells them', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const db = e2e.server.deps.db;
  const [chamber] = await db.select().from(networks).where(eq(networks.kind, 'cress'));
  const event = await buildEvent(db, chamber.id, { title: 'Ciné-débat sur les communs', capacity: 2 });
  const page = await e2e.newPage({ mobile: true });
  for (const name of ['lea', 'marc', 'nour']) {
    const res = await page.request.post(`/api/events/${event.id}/registrations`, {
      data: { name, email: `${name}.cine@example.org`, consent: true },
    });
    expect(res.status()).toBe(201);
  }

  await signIn(page, demoAccounts.chamberCoordinator);
  await page.goto(`/agenda/evenements/${event.id}`);
  await page.getByLabel('Motif de l’annulation').fill('Le projecteur est en panne.');
  await page.getByRole('button', { name: 'Annuler l’événement' }).click();
  await expect
    .poll(() => page.getByTestId('cancel-notify').textContent())
    .toContain('2 personnes inscrites et 1 en liste d’attente recevront un courriel d’annulation.');
  // The confirmation button has the focus and is described by the count.
  const confirm = page.getByRole('button', { name: 'Oui, annuler l’événement' });
  expect(await confirm.evaluate((b) => b === document.activeElement)).toBe(true);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await confirm.click();
  await page.getByText('Cet événement est annulé.').waitFor();

  const admin = await e2e.newPage();
  const signedIn = await admin.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.admin.email, password: demoAccounts.admin.password },
  });
  expect(signedIn.status()).toBe(200);
  for (const name of ['lea', 'marc', 'nour']) {
    const { items } = await (await admin.request.get(`/api/admin/outbox?to=${name}.cine@example.org`)).json();
    const told = items.filter((m: { kind: string }) => m.kind === 'events.registration-event-cancelled');
    expect(told).toHaveLength(1);
    expect(told[0].text).toContain('Le projecteur est en panne.');
  }
});
