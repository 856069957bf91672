import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { systemActor } from '../../src/server/context.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { officialLine, registerFile } from '../../src/server/modules/relations/relations.fixtures.ts';
import { importElectedOfficials } from '../../src/server/modules/relations/relations.import.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The relations log in the browser: the club's coordinator finds a mayor imported from the national register, logs
// a meeting with her and assigns a follow-up task, then finds it among their open tasks; on a desktop and at 390 px.
// Then, on a phone, a département's timeline (its communes' interactions too), a contact edited, and an imported
// official whose register fields the form shows but does not let anyone change.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signIn(mobile: boolean, back: string) {
  const page = await e2e.newPage({ mobile });
  await page.goto(`/connexion?retour=${encodeURIComponent(back)}`);
  await page.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await page.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await page.press('input[name=password]', 'Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

it('logs a meeting with a mayor from the register and assigns a follow-up task', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const report = await importElectedOfficials(e2e.server.deps, systemActor, {
    source: registerFile([
      officialLine({ commune: ['52448', 'Saint-Dizier'], last: 'REGISTREDÉMO', first: 'Aline', fn: 'Maire' }),
      officialLine({ commune: ['52448', 'Saint-Dizier'], last: 'CONSEILDÉMO', first: 'Marc', sex: 'M' }),
    ]),
    network: club.slug,
  });
  expect(report).toMatchObject({ kept: 2, bad: 0 });

  const desk = await signIn(false, '/relations');
  await desk.getByRole('heading', { name: 'Relations', level: 1 }).waitFor();
  await desk.getByRole('link', { name: club.name }).click();
  await desk.getByRole('heading', { name: /^Relations — /, level: 1 }).waitFor();
  await desk.getByRole('searchbox', { name: /Chercher un contact/ }).fill('aline registredemo');
  await desk.getByRole('button', { name: 'Chercher' }).click();
  await desk.getByText('1 contact', { exact: true }).waitFor();
  expect(await desk.textContent('main')).toContain('Maire · Saint-Dizier');
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('link', { name: 'Aline REGISTREDÉMO' }).click();
  await desk.getByRole('heading', { name: 'Aline REGISTREDÉMO', level: 1 }).waitFor();
  await desk.getByText(/Maire, Saint-Dizier — depuis le 28 juin 2020 \(en cours\)/).waitFor();
  expect(await desk.textContent('main')).not.toMatch(/com:|dep:\d/);

  await desk.getByRole('combobox', { name: 'Type d’échange' }).selectOption('meeting');
  await desk
    .getByRole('textbox', { name: /Compte rendu/ })
    .fill('Rencontre en mairie : forum de l’emploi de mars.');
  await desk.getByRole('textbox', { name: /^Sujets/ }).fill('emploi, forum');
  await desk.getByRole('checkbox', { name: 'Ajouter une tâche de suivi' }).check();
  await desk.getByRole('textbox', { name: /^Tâche/ }).fill('Envoyer la liste des exposants à la mairie');
  await desk.getByLabel('Échéance').fill('2030-03-01');
  // The owner is the signed-in coordinator by default (once the session is known).
  await expect.poll(() => desk.getByRole('combobox', { name: /Responsable/ }).inputValue()).not.toBe('');
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('button', { name: 'Enregistrer l’échange' }).click();
  await desk.getByText('Échange enregistré.').waitFor();
  const entry = desk
    .getByRole('listitem')
    .filter({ hasText: 'Rencontre en mairie : forum de l’emploi de mars.' });
  await entry.waitFor();
  expect(await entry.textContent()).toContain(
    'Envoyer la liste des exposants à la mairie — Claude Club (démo)',
  );
  expect(await entry.textContent()).toMatch(/Sujets\s: emploi, forum/);

  // A refused form names its field in words.
  await desk.getByRole('button', { name: 'Enregistrer l’échange' }).click();
  await desk
    .getByRole('alert')
    .getByRole('link', { name: /Compte rendu/ })
    .waitFor();

  // The task is among the coordinator's open tasks, on a phone, with no sideways scroll.
  const phone = await signIn(true, '/relations');
  const task = phone.getByRole('listitem').filter({ hasText: 'Envoyer la liste des exposants à la mairie' });
  await task.waitFor();
  expect(await task.textContent()).toContain('avec Aline REGISTREDÉMO');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);
  await task.getByRole('link', { name: 'avec Aline REGISTREDÉMO' }).click();
  await phone.getByRole('heading', { name: 'Aline REGISTREDÉMO', level: 1 }).waitFor();
  await phone.getByText('Rencontre en mairie : forum de l’emploi de mars.').waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);
}, 240_000);

it('edits a contact and reads a territory’s timeline, on a phone', async () => {
  const phone = await signIn(true, '/relations');
  await phone.getByRole('heading', { name: 'Relations', level: 1 }).waitFor();
  // The territory picker of /relations: the département holds its communes' interactions too.
  const picker = phone.getByRole('combobox', { name: /^Territoire/ });
  await picker.fill('Haute-Marne');
  await phone.getByRole('option', { name: /^Haute-Marne/ }).click();
  await phone.getByRole('button', { name: 'Voir l’historique' }).click();
  await phone.getByRole('heading', { name: 'Historique du territoire — Haute-Marne', level: 1 }).waitFor();
  const main = phone.locator('main');
  await phone.getByText(/Forum des métiers : douze adhérents/).waitFor();
  const text = (await main.textContent()) ?? '';
  expect(text).toContain('Rendez-vous en mairie : extension de la zone d’activités'); // placed in Langres
  expect(text).toContain('Courrier sur la desserte en transport'); // placed in Chaumont
  expect(text).not.toMatch(/com:|dep:\d/);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);

  // From the timeline to a contact of the département, then edit them.
  await phone.getByRole('link', { name: 'Claire Dumont (démo)' }).first().click();
  await phone.getByRole('heading', { name: 'Claire Dumont (démo)', level: 1 }).waitFor();
  await phone.getByRole('button', { name: 'Modifier le contact' }).click();
  await phone.getByRole('textbox', { name: 'Fonction' }).fill('Proviseure adjointe');
  await phone.getByRole('textbox', { name: 'Notes' }).fill('Joignable le mardi matin.');
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await phone.getByText('Contact modifié.').waitFor();
  await phone.getByText('Joignable le mardi matin.').waitFor();
  expect(await main.textContent()).toContain('Proviseure adjointe');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // An official of the register: the function and territory are shown, not editable, and the form says why.
  await phone.goto('/relations');
  const club = phone.getByRole('link', { name: /Sud Haute-Marne/ }).first();
  await club.click();
  await phone.getByRole('searchbox', { name: /Chercher un contact/ }).fill('aline registredemo');
  await phone.getByRole('button', { name: 'Chercher' }).click();
  await phone.getByRole('link', { name: 'Aline REGISTREDÉMO', exact: true }).click();
  await phone.getByRole('heading', { name: 'Aline REGISTREDÉMO', level: 1 }).waitFor();
  await phone.getByRole('button', { name: 'Modifier le contact' }).click();
  await phone.getByText(/vient du Répertoire national des élus/).waitFor();
  expect(await phone.getByRole('textbox', { name: 'Fonction' }).count()).toBe(0);
  await phone.getByRole('textbox', { name: 'Notes' }).fill('Rencontrée au forum.');
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await phone.getByText('Contact modifié.').waitFor();
  await phone.getByText('Rencontrée au forum.').waitFor();

  // Its territory link opens the commune's timeline with the meeting of the first test.
  await phone.getByRole('link', { name: 'Historique du territoire : Saint-Dizier' }).click();
  await phone.getByRole('heading', { name: 'Historique du territoire — Saint-Dizier', level: 1 }).waitFor();
  await phone.getByText('Rencontre en mairie : forum de l’emploi de mars.').waitFor();
  expect(await main.textContent()).not.toContain('Forum des métiers');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);
}, 240_000);
