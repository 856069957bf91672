import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The shared error summary of the forms: after a refused submit it takes the focus, names each field by its label
// in a sentence (never the field's code, never "Événement invalide (communeCode)"), and each of its links moves
// the focus to the field. Tried by the CRESS coordinator (a campaign), an organisation's editor (an event) and the
// platform admin (a network's details), at desktop size and at 390 px, with axe on the page showing the summary.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signIn(account: { email: string; password: string }, mobile: boolean) {
  const page = await e2e.newPage({ mobile });
  await page.goto('/connexion');
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

const summary = (page: Page) => page.locator('.error-summary');
const focusedIsSummary = (page: Page) =>
  page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** The summary is focused, speaks in sentences, and its link named `label` focuses the field it points at. */
async function expectSummaryLeadsTo(page: Page, label: string) {
  await expect.poll(() => focusedIsSummary(page)).toBe(true);
  const text = (await summary(page).textContent()) ?? '';
  expect(text).not.toMatch(/invalide\s*\(/i);
  expect(text).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b/); // no camelCase field code such as communeCode
  const link = summary(page).getByRole('link', { name: new RegExp(`^${label} :`) });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^#.+/);
  await link.click();
  await expect.poll(() => focusedId(page)).toBe(href.slice(1));
  expect(await page.locator(href).getAttribute('aria-invalid')).toBe('true');
  expect(await seriousViolations(page)).toEqual([]);
}

describe.each([
  ['desktop', false],
  ['390 px', true],
])('form errors (%s)', (_size, mobile) => {
  it('a campaign ending before it starts: the summary links to "Fin"', async () => {
    const page = await signIn(demoAccounts.chamberCoordinator, mobile);
    await page.goto('/agenda/campagnes/nouvelle');
    await page
      .getByRole('textbox', { name: /^Nom/ })
      .fill(`Quinzaine ${Date.now() % 100000}${mobile ? 'm' : ''}`);
    await page.getByLabel('Début').fill('2026-11-01');
    await page.getByLabel(/^Fin/).fill('2026-10-01');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expectSummaryLeadsTo(page, 'Fin');
    await page.context().close();
  });

  it('an empty event: the summary names the fields by their labels', async () => {
    const page = await signIn(demoAccounts.editor, mobile);
    await page.goto('/agenda/proposer');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expectSummaryLeadsTo(page, 'Titre');
    await expect.poll(() => page.getByText(/Événement invalide|Données invalides/).count()).toBe(0);
    await page.context().close();
  });

  it('a network\'s website that is not an address: the summary links to "Site web"', async () => {
    const page = await signIn(demoAccounts.admin, mobile);
    const club = (await (await fetch(`${e2e.baseUrl}/api/networks/club-sud-haute-marne-demo`)).json()) as {
      id: string;
    };
    await page.goto(`/admin/reseaux/${club.id}/fiche`);
    const website = page.getByLabel('Site web');
    await expect.poll(() => page.getByLabel('Présentation').inputValue()).not.toBe('');
    await website.fill('pas une adresse');
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await expectSummaryLeadsTo(page, 'Site web');
    await page.context().close();
  });
});
