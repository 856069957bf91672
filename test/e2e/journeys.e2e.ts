import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { startE2e } from './harness.ts';

// The journeys of issue 2: search the directory, open an organisation (its JSON-LD is in the server-rendered
// HTML), sign in as the demo coordinator, edit it (an inline error for a bad SIRET, then a save), and read the
// audit entry of that edit in the admin area. Selectors are roles and labels, as a screen reader user finds them.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

/** The first organisation whose name matches, through the public API (the demo names are deterministic). */
async function findOrganization(q: string): Promise<{ id: string; name: string; siret: string }> {
  const list = await (await fetch(`${e2e.baseUrl}/api/organizations?q=${encodeURIComponent(q)}`)).json();
  const id = list.items[0].id;
  return (await fetch(`${e2e.baseUrl}/api/organizations/${id}`)).json();
}

describe('directory', () => {
  it('searches the directory and opens an organisation', async () => {
    const page = await e2e.newPage();
    await page.goto('/annuaire');
    await page.getByRole('searchbox', { name: 'Nom, sigle, activité' }).fill('jardins');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/\/annuaire\?.*q=jardins/);
    await expect.poll(() => page.getByRole('heading', { name: /\d+ organisations?/ }).count()).toBe(1);
    const first = page.getByRole('link', { name: /^Les Jardins/ }).first();
    const name = (await first.textContent())?.trim() ?? '';
    await first.click();
    await page.waitForURL(/\/annuaire\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    // Demo data says so, on every page and on the organisation itself.
    await page.getByText('Organisation fictive (données de démonstration)').waitFor();
    await page.getByRole('note').filter({ hasText: 'DÉMO' }).waitFor();
    await page.context().close();
  });

  it('serves the organisation page with schema.org JSON-LD in the HTML itself (no JavaScript)', async () => {
    const org = await findOrganization('jardins');
    const res = await fetch(`${e2e.baseUrl}/annuaire/${org.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const script = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/);
    expect(script, 'JSON-LD script in the server-rendered HTML').not.toBeNull();
    const data = JSON.parse(script![1]);
    expect(data['@type']).toBe('Organization');
    expect(data.name).toBe(org.name);
  });
});

describe('coordinator', () => {
  it('signs in, edits an organisation (inline SIRET error, then save) and reads the audit entry', async () => {
    const org = await findOrganization('jardins');
    const { email, password, name: coordinator } = demoAccounts.chamberCoordinator;
    const page = await e2e.newPage();

    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel(/^Mot de passe/).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: `Compte de ${coordinator}` }).waitFor();

    await page.goto(`/annuaire/${org.id}`);
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForURL(`**/annuaire/${org.id}/modifier`);

    // A 14-digit SIRET with a wrong check digit: the server refuses it and the form shows why, beside the field.
    const siret = page.getByLabel('SIRET du siège');
    const wrong = org.siret.slice(0, 13) + String((Number(org.siret[13]) + 1) % 10);
    await siret.fill(wrong);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => siret.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await siret.getAttribute('aria-describedby')) ?? '';
    const inline = await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent();
    expect(inline).toMatch(/clé de contrôle/);
    expect(page.url()).toContain('/modifier');

    await siret.fill(org.siret);
    await page.getByLabel('Téléphone').fill('03 53 01 12 34');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(`**/annuaire/${org.id}`);
    await page.getByText('Modifications enregistrées.').waitFor();
    await page.getByText('03 53 01 12 34').waitFor();

    await page.goto('/admin/journal');
    // The entry reads as a sentence naming the person and the organisation, with the changed field by its label.
    const entry = page
      .locator('li', { hasText: `${coordinator} a modifié l’organisation «\u00a0${org.name}\u00a0»` })
      .first();
    await entry.waitFor();
    await entry
      .getByRole('row', { name: /Téléphone/ })
      .filter({ hasText: '03 53 01 12 34' })
      .waitFor();
    expect(await entry.textContent()).not.toContain(org.id);
    await page.context().close();
  });
});

describe('phone', () => {
  it('searches and opens an organisation on a phone-sized screen, without sideways scrolling', async () => {
    const page = await e2e.newPage({ mobile: true });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto('/annuaire');
    await page.getByRole('searchbox', { name: 'Nom, sigle, activité' }).fill('coopérative');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=coop/);
    const first = page.getByRole('link', { name: /Coopérative/ }).first();
    await first.waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await first.click();
    await page.waitForURL(/\/annuaire\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});

describe('language', () => {
  it('is saved on the account when switched while signed in, and comes back at sign-in in a fresh browser', async () => {
    const { email, password, name } = demoAccounts.clubCoordinator;
    const signIn = async (page: Page, submit: string) => {
      await page.getByLabel(/^(Adresse e-mail|Email address)/).fill(email);
      await page.getByLabel(/^(Mot de passe|Password)/).fill(password);
      await page.getByRole('button', { name: submit, exact: true }).click();
    };
    const accountLocale = async (page: Page) =>
      (await (await page.request.get('/api/me')).json()).account?.locale;

    const first = await e2e.newPage();
    await first.goto('/connexion?retour=%2Fannuaire%3Fq%3Djardins');
    await signIn(first, 'Se connecter');
    await first.getByRole('button', { name: `Compte de ${name}` }).waitFor();
    await first.waitForURL(/\/annuaire\?q=jardins$/);
    expect(await accountLocale(first)).toBe('fr');

    await first.getByRole('button', { name: 'Switch to English' }).click();
    await first.getByRole('button', { name: `${name}'s account` }).waitFor();
    expect(await first.getAttribute('html', 'lang')).toBe('en');
    expect(first.url()).toMatch(/\/annuaire\?q=jardins$/);
    await expect.poll(() => accountLocale(first)).toBe('en');

    // Signed out, the browser's own choice applies, and switching no longer touches the account.
    await first.getByRole('button', { name: `${name}'s account` }).click();
    await first.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await first.getAttribute('html', 'lang')).toBe('en');
    await first.getByRole('button', { name: 'Passer en français' }).click();
    await first.getByRole('link', { name: 'Se connecter' }).waitFor();
    await first.context().close();

    // A fresh browser (no stored choice) starts in French, and turns English when the account signs in. The link
    // is an old one, with `next` instead of `retour`: it still comes back to its page.
    const second = await e2e.newPage();
    await second.goto('/connexion?next=%2Fobservatoire');
    expect(await second.getAttribute('html', 'lang')).toBe('fr');
    await signIn(second, 'Se connecter');
    await second.getByRole('button', { name: `${name}'s account` }).waitFor();
    await second.waitForURL(/\/observatoire$/);
    expect(await second.getAttribute('html', 'lang')).toBe('en');
    await second.reload();
    await second.getByRole('button', { name: `${name}'s account` }).waitFor();
    expect(await second.getAttribute('html', 'lang')).toBe('en');
    expect(await accountLocale(second)).toBe('en');
    await second.context().close();
  });
});
