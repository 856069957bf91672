import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { buildEvent } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { startE2e } from './harness.ts';

// The exhibitor workflow in the browser: a coordinator opens a fair, an organisation's editor applies, the
// coordinator accepts (the applicant is mailed) and assigns a stand, the public list shows it linked to the directory.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

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
});
