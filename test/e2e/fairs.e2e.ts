import AxeBuilder from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { buildEvent } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { startE2e } from './harness.ts';

// The exhibitor workflow in the browser: a coordinator opens a fair, an organisation's editor applies, the
// coordinator accepts (the applicant is mailed) and assigns a stand, the public list shows it linked to the directory;
// then the exhibitor withdraws (stand freed, coordinators mailed).

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

/** axe-core (WCAG 2.1 A/AA) on the page as it is now: no serious or critical violation. */
async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  expect(bad).toEqual([]);
}

async function signIn(page: Page, who: { email: string; password: string }) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { email: who.email, password: who.password },
  });
  expect(res.status()).toBe(200);
}

it('opens a fair, takes an application, accepts it, assigns a stand and lists the exhibitor', async () => {
  const db = e2e.server.deps.db;
  const [chamber] = await db.select().from(networks).where(eq(networks.kind, 'cress'));
  await buildEvent(db, chamber.id, {
    title: 'Salon Zéphyrin des possibles',
    searchText: 'salon zephyrin des possibles',
    format: 'fair',
    capacity: null,
  });

  const coordinator = await e2e.newPage();
  await signIn(coordinator, demoAccounts.chamberCoordinator);
  await coordinator.goto('/salons');
  await coordinator.getByText('Ouvrir un salon aux exposants').click();
  await coordinator.getByRole('textbox', { name: /Zones des stands/ }).fill('A, B');
  await coordinator.getByRole('searchbox', { name: /Chercher l’événement/ }).fill('zephyrin');
  await coordinator.getByRole('button', { name: 'Ouvrir les candidatures' }).click();
  await coordinator.waitForURL(/\/salons\/[\w-]+\/gestion/);
  const fairPath = new URL(coordinator.url()).pathname.replace(/\/gestion$/, '');

  const editor = await e2e.newPage({ mobile: true });
  await signIn(editor, demoAccounts.editor);
  await editor.goto(`${fairPath}/candidater`);
  const orgName = (await editor
    .getByRole('combobox', { name: 'Organisation' })
    .locator('option')
    .first()
    .textContent())!;
  await editor
    .getByRole('textbox', { name: /Présentation de votre stand/ })
    .fill('Atelier de réparation de vélos en libre accès.');
  await editor.getByRole('checkbox', { name: 'Une prise électrique' }).check();
  await editor.getByRole('button', { name: 'Envoyer la candidature' }).click();
  await editor.getByText('Candidature envoyée.', { exact: false }).waitFor();
  await editor.getByText(`${orgName} : En attente`).waitFor();

  await coordinator.reload();
  const row = coordinator.getByRole('row', { name: new RegExp(orgName) });
  await row.getByRole('textbox').fill('Bienvenue au salon !');
  await row.getByRole('button', { name: 'Accepter' }).click();
  await coordinator.getByText(/Décision envoyée à editrice@maillage.example/).waitFor();
  await coordinator
    .getByRole('row', { name: new RegExp(orgName) })
    .getByRole('spinbutton')
    .fill('1');
  await coordinator
    .getByRole('row', { name: new RegExp(orgName) })
    .getByRole('button', { name: 'Attribuer' })
    .click();
  await coordinator.getByText(`Stand A-1 attribué à ${orgName}.`).waitFor();

  const visitor = await e2e.newPage();
  await visitor.goto(fairPath);
  await visitor.getByText('Stand A-1').waitFor();
  const link = visitor.getByRole('link', { name: orgName });
  expect(await link.getAttribute('href')).toMatch(/^\/annuaire\/[\w-]+$/);

  const admin = await e2e.newPage();
  await signIn(admin, demoAccounts.admin);
  const mails = (await (await admin.request.get('/api/admin/outbox?to=editrice@maillage.example')).json())
    .items;
  expect(mails[0]).toMatchObject({ kind: 'fairs.application-accepted' });
  expect(mails[0].text).toContain('Bienvenue au salon !');

  // The exhibitor withdraws, on a phone: a dialog says what will happen, Escape keeps the application and gives
  // focus back, confirming frees the stand and tells the coordinators.
  await editor.reload();
  const withdraw = editor.getByRole('button', { name: 'Retirer ma candidature' });
  await withdraw.click();
  const dialog = editor.getByRole('dialog', { name: `Retirer la candidature de ${orgName} ?` });
  await dialog.waitFor();
  await dialog.getByText('le stand A-1 sera libéré et pourra être attribué à un autre exposant').waitFor();
  await dialog.getByText('les coordinateurs du salon seront prévenus par e-mail').waitFor();
  const message = dialog.getByRole('textbox', { name: /Message aux coordinateurs/ });
  expect(await message.evaluate((e) => e === document.activeElement)).toBe(true);
  expect(await editor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectAccessible(editor);
  await editor.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await withdraw.evaluate((e) => e === document.activeElement)).toBe(true);
  await editor.getByText(`${orgName} : Acceptée`).waitFor();

  await withdraw.click();
  await message.fill('Notre atelier mobile est en réparation.');
  await dialog.getByRole('button', { name: 'Confirmer le retrait' }).click();
  const done = editor.getByRole('status').filter({ hasText: `Candidature de ${orgName} retirée.` });
  await done.waitFor();
  expect(await done.evaluate((e) => e === document.activeElement)).toBe(true);
  await editor.getByText(`${orgName} : Retirée`).waitFor();
  expect(await editor.getByRole('button', { name: 'Retirer ma candidature' }).count()).toBe(0);
  // …and it may apply again: the form is back.
  await editor.getByRole('button', { name: 'Envoyer la candidature' }).waitFor();

  await visitor.reload();
  await visitor.getByRole('heading', { name: /Exposants \(0\)/ }).waitFor();
  expect(await visitor.getByRole('link', { name: orgName }).count()).toBe(0);

  // The coordinators see it withdrawn (filter), with its message and its stand free, and were mailed.
  await coordinator.reload();
  await coordinator.getByRole('combobox', { name: 'Statut' }).selectOption('withdrawn');
  const withdrawnRow = coordinator.getByRole('row', { name: new RegExp(orgName) });
  await withdrawnRow.getByText('Candidature retirée : son stand est libre.').waitFor();
  await withdrawnRow.getByText('Notre atelier mobile est en réparation.').waitFor();
  await withdrawnRow.getByText(/^le \d{1,2} /).waitFor();
  const told = (await (await admin.request.get('/api/admin/outbox?to=cress@maillage.example')).json()).items;
  expect(told[0]).toMatchObject({ kind: 'fairs.application-withdrawn' });
  expect(told[0].text).toContain(`${orgName} retire sa candidature`);
  expect(told[0].text).toContain('Le stand A-1 est libéré');
  expect(told[0].text).toContain('Notre atelier mobile est en réparation.');
});
