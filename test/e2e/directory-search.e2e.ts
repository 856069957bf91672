import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The directory as a visitor uses it: "coopératives" finds every cooperative of the demo (not only those whose
// name says so), the "Réseau" filter keeps one network's organisations; and a coordinator downloads the CSV
// import's template from the import tab. At desktop size and at 390 px, with axe.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

const getJson = async <T>(path: string): Promise<T> => (await fetch(`${e2e.baseUrl}${path}`)).json() as T;
const count = (n: number) =>
  new RegExp(`^${n.toLocaleString('fr-FR').replace(/\s/g, '\\s')} organisations?$`);

describe.each([
  ['desktop', false],
  ['390 px', true],
])('directory search (%s)', (_size, mobile) => {
  it('"coopératives" finds every cooperative; "Réseau" keeps the club\'s organisations', async () => {
    const cooperatives = (await getJson<{ total: number }>('/api/organizations?family=cooperative')).total;
    // The demo's CUMA and SCIC say "coopérative" neither in their name nor in their description.
    expect(cooperatives).toBeGreaterThan(10);
    const club = await getJson<{ id: string; name: string }>('/api/networks/club-sud-haute-marne-demo');
    const members = (await getJson<{ total: number }>(`/api/organizations?network=${club.id}`)).total;
    expect(members).toBeGreaterThan(0);

    const page = await e2e.newPage({ mobile });
    await page.goto('/annuaire');
    await page.getByRole('searchbox', { name: 'Nom, sigle, activité' }).fill('coopératives');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=coop/);
    await page.getByRole('heading', { level: 2, name: count(cooperatives) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/annuaire');
    if (mobile) await page.getByText('Filtres et tri').click();
    await page.getByLabel('Réseau', { exact: true }).selectOption({ label: club.name });
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(new RegExp(`network=${club.id}`));
    await page.getByRole('heading', { level: 2, name: count(members) }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the CRESS coordinator downloads the import template from the import tab', async () => {
    const page = await e2e.newPage({ mobile });
    await page.goto('/connexion');
    await page.fill('input[name=email]', demoAccounts.chamberCoordinator.email);
    await page.fill('input[name=password]', demoAccounts.chamberCoordinator.password);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
    await page.goto('/admin/import');
    const link = page.getByRole('link', { name: 'Télécharger le modèle de fichier (CSV)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('modele-import-organisations.csv');
    const csv = await (await fetch(`${e2e.baseUrl}${await link.getAttribute('href')}`)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(
      /^Nom;Sigle;SIRET;SIREN;Catégorie juridique;/,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
