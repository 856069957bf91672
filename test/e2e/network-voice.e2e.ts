import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { organizations } from '../../src/server/modules/organizations/organizations.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// Each network speaks for itself: a business club's pages without the chamber's ESS words, a home page that says
// what is on, fairs in the menu, and legal pages where every network publishes its own details.

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

it('gives the published figures tab to the chamber’s coordinator, not to the club’s', async () => {
  const club = await e2e.newPage();
  await signIn(club, demoAccounts.clubCoordinator);
  await club.goto('/admin/reseaux');
  const tabs = club.getByRole('navigation', { name: /Rubriques de l.administration/ });
  await tabs.getByRole('link').first().waitFor();
  expect(await tabs.getByRole('link').allTextContents()).not.toContain('Chiffres publiés');

  const chamber = await e2e.newPage();
  await signIn(chamber, demoAccounts.chamberCoordinator);
  await chamber.goto('/admin/reseaux');
  await chamber.getByRole('link', { name: 'Chiffres publiés' }).waitFor();
});

it('does not call a club’s member company "Hors ESS"', async () => {
  const [company] = await e2e.server.deps.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.essFamily, 'non_ess'))
    .limit(1);
  const page = await e2e.newPage();
  await page.goto(`/annuaire/${company.id}`);
  await page.getByRole('heading', { level: 1, name: company.name }).waitFor();
  expect(await page.locator('main').textContent()).not.toContain('Hors ESS');
  await page.goto(`/annuaire?q=${encodeURIComponent(company.name)}`);
  const item = page.locator('.org-item', { hasText: company.name });
  await item.waitFor();
  expect(await item.textContent()).not.toContain('Hors ESS');
});

describe.each([
  { label: 'desktop', mobile: false },
  { label: 'phone', mobile: true },
])('home page and legal pages ($label)', ({ mobile }) => {
  it('shows the running campaign and the next events on the home page, and the fairs in the menu', async () => {
    const page = await e2e.newPage({ mobile });
    await page.goto('/');
    const on = page.getByRole('region', { name: 'En ce moment' });
    await on.getByRole('link', { name: /Mois de l.ESS/ }).waitFor();
    expect(await on.locator('.home__events li').count()).toBeGreaterThan(0);
    if (mobile) await page.getByRole('button', { name: 'Menu' }).click();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Salons' }).click();
    await page.waitForURL(/\/salons$/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('links the legal notice and the privacy page from the footer, with each network’s details', async () => {
    const page = await e2e.newPage({ mobile });
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentions légales' }).waitFor();
    await page.getByRole('heading', { name: /CRESS Grand Est/ }).waitFor();
    await page.getByRole('heading', { name: /Club des entreprises du Sud Haute-Marne/ }).waitFor();
    expect(await page.locator('main').textContent()).toContain('Directeur ou directrice de la publication');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('contentinfo').getByRole('link', { name: 'Confidentialité' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confidentialité' }).waitFor();
    await page.getByRole('heading', { name: 'Responsables du traitement' }).waitFor();
    await page.getByText('donnees@club-sud-haute-marne.example').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

it('puts the privacy page beside the consent box of a registration', async () => {
  const list = await (await fetch(`${e2e.baseUrl}/api/events?pageSize=50&hasSeats=true`)).json();
  // An event a few days ahead, whose registrations are open (not one of today's, which may have closed).
  const soon = Date.now() + 3 * 86_400_000;
  const open = list.items.find(
    (e: { registrationMode: string; startsAt: string }) =>
      e.registrationMode === 'maillage' && new Date(e.startsAt).getTime() > soon,
  );
  const page = await e2e.newPage({ mobile: true });
  await page.goto(`/agenda/evenements/${open.id}`);
  const consent = page.locator('input[name=consent]');
  await consent.waitFor();
  const field = page.locator('.field', { has: consent });
  await field.getByRole('link', { name: /confidentialité/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Confidentialité' }).waitFor();
});

it('lets the club’s coordinator fill in the club’s legal details, then shows them on the public page', async () => {
  const [club] = await e2e.server.deps.db.select().from(networks).where(eq(networks.kind, 'club'));
  const page = await e2e.newPage({ mobile: true });
  await signIn(page, demoAccounts.clubCoordinator);
  await page.goto(`/admin/reseaux/${club.id}/fiche`);
  const form = page.getByRole('region', { name: 'Mentions légales et données personnelles' });
  const director = form.getByLabel('Directeur ou directrice de la publication');
  await expect.poll(() => director.inputValue()).toContain('Dominique Exemple');
  await form.getByLabel('SIRET (facultatif)').fill('123');
  await form.getByRole('button', { name: 'Enregistrer les mentions légales' }).click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
    .toBe('legal-siret');
  await form.getByLabel('SIRET (facultatif)').fill('');
  await director.fill('Alex Nouveau, président (fictif)');
  await form.getByRole('button', { name: 'Enregistrer les mentions légales' }).click();
  await form.getByRole('status').getByText('Mentions légales enregistrées.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto('/mentions-legales');
  await page.getByText('Alex Nouveau, président (fictif)').waitFor();
});

it('offers the agenda, with its filters, as an iframe for a network’s own site', async () => {
  const page = await e2e.newPage();
  await page.goto('/agenda?territory=dep%3A54');
  await page.locator('.event-item').first().waitFor();
  await page.getByText('Intégrer cet agenda sur un site').click();
  const code = await page.getByLabel('Code à coller').inputValue();
  expect(code).toMatch(
    /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/integration\/agenda\?territory=dep%3A54" title="Agenda des événements"/,
  );
  const src = /src="([^"]+)"/.exec(code)![1];
  const frame = await e2e.newPage();
  await frame.goto(src);
  await frame.locator('.event-item').first().waitFor();
  expect(await frame.locator('header.header, footer.footer').count()).toBe(0);
  const places = await frame.locator('.event-item__meta').allTextContents();
  expect(places.every((p) => p.includes('(54)'))).toBe(true);
  expect(await seriousViolations(frame)).toEqual([]);
});
