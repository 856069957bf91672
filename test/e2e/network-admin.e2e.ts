import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// A network's own page in the admin area: its details, its organisations, attaching and detaching one. The club's
// coordinator edits the club's description, is refused a CRESS organisation (on the admin page and on the
// organisation's page, with the server's message), then the platform admin attaches it and detaches it again.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

interface Item {
  id: string;
  name: string;
}
const getJson = async <T>(path: string): Promise<T> => (await fetch(`${e2e.baseUrl}${path}`)).json() as T;
const networkBySlug = (slug: string) =>
  getJson<Item & { description: string | null }>(`/api/networks/${slug}`);
/** Every organisation of a network (the list is paged: 200 a page at most). */
async function organizationsOf(networkId: string): Promise<Item[]> {
  const all: Item[] = [];
  for (let page = 1; ; page++) {
    const res = await getJson<{ items: Item[]; total: number }>(
      `/api/networks/${networkId}/organizations?pageSize=200&page=${page}`,
    );
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) return all;
  }
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A CRESS organisation whose name, searched, gives exactly one suggestion starting with that name. */
async function distinctChamberOrganization(chamberId: string): Promise<Item> {
  for (const org of (await organizationsOf(chamberId)).slice(0, 30)) {
    const found = await getJson<{ items: Item[] }>(
      `/api/organizations?q=${encodeURIComponent(org.name)}&pageSize=10`,
    );
    if (found.items.filter((o) => o.name.startsWith(org.name)).length === 1) return org;
  }
  throw new Error('no CRESS organisation with a distinct name');
}

async function signIn(account: { email: string; password: string }, mobile = false) {
  const page = await e2e.newPage({ mobile });
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel(/^Mot de passe/).fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // On a phone the account menu is folded away: leaving the sign-in page is the sign of success.
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

async function chooseOrganization(page: Page, name: string) {
  const combobox = page.getByRole('combobox', { name: 'Ajouter une organisation' });
  await combobox.fill(name);
  await page.getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}`) }).click();
  await page.getByRole('button', { name: 'Rattacher au réseau' }).click();
  return combobox;
}

describe('network administration', () => {
  it('lets a coordinator edit the network and refuses a claimed organisation; the admin attaches and detaches it', async () => {
    const club = await networkBySlug('club-sud-haute-marne-demo');
    const chamber = await networkBySlug('cress-grand-est-demo');
    const target = await distinctChamberOrganization(chamber.id);

    // The club's coordinator, on a phone-sized screen, from the networks tab to the club's page.
    const coordinator = await signIn(demoAccounts.clubCoordinator, true);
    await coordinator.goto('/admin/reseaux');
    await coordinator.getByRole('link', { name: `Fiche et organisations de ${club.name}` }).click();
    await coordinator.waitForURL(`**/admin/reseaux/${club.id}/fiche`);
    const description = coordinator.getByLabel('Présentation');
    await expect.poll(() => description.inputValue()).toBe(club.description ?? '');

    // A bad website: the server's message beside the field; the error summary gets the focus and leads to it.
    const website = coordinator.getByLabel('Site web');
    await website.fill('pas une adresse');
    await coordinator.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await expect.poll(() => website.getAttribute('aria-invalid')).toBe('true');
    await coordinator
      .locator('.error-summary')
      .getByRole('link', { name: /^Site web :/ })
      .click();
    await expect.poll(() => website.evaluate((el) => el === document.activeElement)).toBe(true);

    await website.fill('https://club-sud-52.example');
    await description.fill('Le club des entreprises du sud de la Haute-Marne (démo), présentation revue.');
    await coordinator.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await coordinator.getByText('La fiche du réseau est enregistrée.').waitFor();
    expect((await networkBySlug('club-sud-haute-marne-demo')).description).toBe(
      'Le club des entreprises du sud de la Haute-Marne (démo), présentation revue.',
    );
    // No horizontal scrolling at 360 px.
    await coordinator.setViewportSize({ width: 360, height: 800 });
    expect(await coordinator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The CRESS organisation is claimed by the chamber: refused, with the server's message beside the search.
    const combobox = await chooseOrganization(coordinator, target.name);
    await expect.poll(() => combobox.getAttribute('aria-invalid')).toBe('true');
    await coordinator.getByText(/seul un administrateur de la plateforme peut la rattacher/).waitFor();
    expect((await organizationsOf(club.id)).map((o) => o.id)).not.toContain(target.id);

    // Same refusal from the organisation's own page.
    await coordinator.goto(`/annuaire/${target.id}`);
    await coordinator.getByRole('button', { name: `Rattacher à mon réseau « ${club.name} »` }).click();
    await coordinator.getByText(/seul un administrateur de la plateforme peut la rattacher/).waitFor();
    expect(await seriousViolations(coordinator)).toEqual([]);
    await coordinator.context().close();

    // The platform admin attaches it to the club…
    const admin = await signIn(demoAccounts.admin);
    await admin.goto(`/admin/reseaux/${club.id}/fiche`);
    await chooseOrganization(admin, target.name);
    await admin.getByText(`« ${target.name} » est rattachée au réseau.`).waitFor();
    // The club has more organisations than one page: the list is paged and searched (accents and case ignored).
    await admin.getByText(/^\d+ organisations rattachées$/).waitFor();
    expect(await admin.getByRole('navigation', { name: 'Pagination' }).count()).toBe(
      (await organizationsOf(club.id)).length > 50 ? 1 : 0,
    );
    await admin
      .getByRole('searchbox', { name: /Chercher parmi les organisations du réseau/ })
      .fill(target.name.toUpperCase());
    await admin.getByRole('button', { name: 'Chercher', exact: true }).click();
    // (French spacing: a no-break space inside « ».)
    await admin.getByText(/^\d+\sorganisations?\spour\s«\s/).waitFor();
    const link = admin.getByRole('link', { name: target.name, exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/annuaire/${target.id}`);
    expect((await organizationsOf(club.id)).map((o) => o.id)).toContain(target.id);

    // …and detaches it again.
    admin.once('dialog', (dialog) => void dialog.accept());
    await admin.getByRole('button', { name: `Retirer ${target.name} du réseau` }).click();
    await admin.getByText(`« ${target.name} » ne fait plus partie du réseau.`).waitFor();
    await expect.poll(() => admin.getByRole('link', { name: target.name, exact: true }).count()).toBe(0);
    expect((await organizationsOf(club.id)).map((o) => o.id)).not.toContain(target.id);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.context().close();
  });
});
