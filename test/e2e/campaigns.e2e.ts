import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { startE2e } from './harness.ts';

// Campaign pages in the browser, on the demo: the CRESS coordinator opens "Nouvelle campagne" from the agenda,
// gets an end-before-start error inline, creates the campaign, lands on its page, then renames it through
// "Modifier la campagne" — the status and themes set at creation survive the edit.

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

it('a coordinator creates a campaign, sees its page and renames it', async () => {
  const n = Date.now() % 100000;
  const name = `Quinzaine de l'ESS ${n}`;
  const slug = `quinzaine-de-l-ess-${n}`;

  const page = await e2e.newPage();
  await signIn(page, demoAccounts.chamberCoordinator);
  await page.goto('/agenda');
  await page.getByRole('link', { name: 'Nouvelle campagne' }).click();
  await page.waitForURL(/\/agenda\/campagnes\/nouvelle$/);
  await expect
    .poll(() => page.getByLabel('Réseau').locator('option').allTextContents())
    .toEqual(expect.arrayContaining([expect.stringContaining('CRESS')]));

  await page.getByRole('textbox', { name: /^Nom/ }).fill(name);
  expect(await page.getByLabel('Adresse de la page').inputValue()).toBe(slug);
  await page.getByLabel('Début').fill('2026-11-01');
  await page.getByLabel(/^Fin/).fill('2026-10-01');
  await page.getByRole('checkbox', { name: 'Économie circulaire' }).check();
  await page.getByLabel('Statut').selectOption('open');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect
    .poll(() => page.locator('.field__error').allTextContents())
    .toContain('la fin doit suivre le début');

  await page.getByLabel(/^Fin/).fill('2026-11-30');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(new RegExp(`/agenda/campagnes/${slug}$`));
  await expect.poll(() => page.locator('h1').first().textContent()).toBe(name);

  await page.getByRole('link', { name: 'Modifier la campagne' }).click();
  await page.waitForURL(new RegExp(`/agenda/campagnes/${slug}/modifier$`));
  await expect.poll(() => page.getByRole('textbox', { name: /^Nom/ }).inputValue()).toBe(name);
  await page.getByRole('textbox', { name: /^Nom/ }).fill(`${name} en Grand Est`);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL(new RegExp(`/agenda/campagnes/${slug}$`));
  await expect.poll(() => page.locator('h1').first().textContent()).toBe(`${name} en Grand Est`);

  const saved = await (await fetch(`${e2e.baseUrl}/api/campaigns/${slug}`)).json();
  expect(saved).toMatchObject({ name: `${name} en Grand Est`, status: 'open', themes: ['circular'] });
});

it('shows no edit link to a visitor and no creation form to an account that coordinates nothing', async () => {
  const visitor = await e2e.newPage();
  await visitor.goto('/agenda');
  await visitor.locator('h1').first().waitFor();
  expect(await visitor.getByRole('link', { name: 'Nouvelle campagne' }).count()).toBe(0);

  const editor = await e2e.newPage();
  await signIn(editor, demoAccounts.editor);
  await editor.goto('/agenda/campagnes/nouvelle');
  await expect
    .poll(() => editor.locator('.alert').first().textContent())
    .toContain('Seuls les coordinateurs');
});
