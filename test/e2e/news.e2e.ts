import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// News in the browser: the club's coordinator writes a post (Markdown, a category), previews the draft and publishes
// it; a visitor on a 390 px phone finds it at the top of the club's news page and reads it, with its sharing tags;
// and someone asks for their personal data from the footer's page on a phone.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('the club’s coordinator publishes a post that a visitor reads on a phone', async () => {
  const desk = await e2e.newPage();
  await desk.goto(`/connexion?retour=${encodeURIComponent('/actualites')}`);
  await desk.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await desk.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await desk.press('input[name=password]', 'Enter');
  await desk.getByRole('heading', { name: 'Actualités', level: 1 }).waitFor();
  await desk.getByRole('link', { name: /Club/ }).click();
  await desk.getByRole('heading', { name: /^Actualités — /, level: 1 }).waitFor();
  // The demo's draft is listed for its staff.
  await desk.getByText('Assemblée générale : les dates sont fixées (démo)').waitFor();
  expect(await seriousViolations(desk)).toEqual([]);

  await desk
    .getByRole('textbox', { name: /Titre de la nouvelle actualité/ })
    .fill('Visite de la scierie du Plateau');
  await desk.getByRole('button', { name: 'Écrire une actualité' }).click();
  await desk.getByRole('heading', { name: 'Modifier l’actualité', level: 1 }).waitFor();
  await desk.getByRole('textbox', { name: /^Chapô/ }).fill('Vingt adhérents ont visité la scierie.');
  await desk
    .getByRole('textbox', { name: /^Texte/ })
    .fill('Une visite **passionnante**.\n\n- le sciage\n- le séchage\n\n<script>window.hacked = 1</script>');
  await desk.getByRole('checkbox', { name: 'Vie du club' }).check();
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
  await desk.getByText('Modifications enregistrées.').waitFor();

  // The preview shows the draft as it will read, the script gone.
  await desk.getByRole('link', { name: 'Aperçu de la page' }).click();
  await desk.getByRole('heading', { name: 'Visite de la scierie du Plateau', level: 1 }).waitFor();
  await desk.getByText(/Aperçu\s: cette actualité n’est pas encore publique/).waitFor();
  expect(await desk.locator('.news-body strong').textContent()).toBe('passionnante');
  expect(await desk.locator('.news-body script').count()).toBe(0);
  await desk.getByRole('link', { name: 'Modifier' }).click();
  await desk.getByRole('button', { name: 'Publier' }).click();
  await desk.getByText('Actualité publiée.').waitFor();
  await desk.getByRole('button', { name: 'Dépublier (retour en brouillon)' }).waitFor();

  // A visitor on a phone.
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto('/actualites/club-sud-haute-marne-demo');
  await phone.getByRole('heading', { name: /^Actualités — /, level: 1 }).waitFor();
  const first = phone.locator('.news-list > li').first();
  expect(await first.textContent()).toContain('Visite de la scierie du Plateau');
  expect(await phone.textContent('main')).not.toContain('Assemblée générale');
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await first.getByRole('link', { name: 'Visite de la scierie du Plateau' }).click();
  await phone.getByRole('heading', { name: 'Visite de la scierie du Plateau', level: 1 }).waitFor();
  await phone.getByText('Vingt adhérents ont visité la scierie.').waitFor();
  expect(await phone.textContent('main')).toContain('Vie du club');
  expect(await phone.evaluate(() => (window as { hacked?: number }).hacked)).toBeUndefined();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The page as the server sends it: its sharing tags and the NewsArticle.
  const html = await (await fetch(phone.url())).text();
  expect(html).toContain('<meta property="og:title" content="Visite de la scierie du Plateau">');
  expect(html).toContain('"@type":"NewsArticle"');
  const rss = await (await fetch(`${e2e.baseUrl}/api/networks/club-sud-haute-marne-demo/news.rss`)).text();
  expect(rss).toContain('<title>Visite de la scierie du Plateau</title>');
}, 120_000);

it('a person asks for their data from a phone: a bad address is named, then the form’s one answer', async () => {
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto('/');
  await phone.getByRole('link', { name: 'Mes données personnelles' }).click();
  await phone.getByRole('heading', { name: 'Mes données personnelles', level: 1 }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  // The export's form (the page also holds the erasure's, with the same address field).
  const exportForm = phone.locator('form', { has: phone.locator('#privacy-email') });
  await exportForm.getByRole('textbox', { name: /Votre adresse e-mail/ }).fill('pas-une-adresse');
  await exportForm.getByRole('button', { name: 'Recevoir le lien', exact: true }).click();
  await phone.getByText(/adresse e-mail invalide/).waitFor();
  await exportForm
    .getByRole('textbox', { name: /Votre adresse e-mail/ })
    .fill(demoAccounts.clubCoordinator.email);
  await exportForm.getByRole('button', { name: 'Recevoir le lien', exact: true }).click();
  await phone.getByText(/Si cette adresse est connue de la plateforme/).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}, 60_000);
