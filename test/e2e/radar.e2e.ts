import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The isolation radar as the club's coordinator, on a phone: the demo's quiet members, the quietest with the
// staff's next step; a new step recorded; a sponsor chosen on a member's record. A member of the public is refused.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('shows the quiet members with their next step, records a new one, and pairs a sponsor', async () => {
  const [club] = await e2e.server.deps.db.select().from(networks).where(eq(networks.kind, 'club'));
  const page = await e2e.newPage({ mobile: true });
  const signedIn = await page.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  expect(signedIn.status()).toBe(200);

  await page.goto(`/adherents/reseau/${club.id}`);
  await page.getByRole('link', { name: 'Radar de l’isolement' }).click();
  await page.getByRole('heading', { name: 'Radar de l’isolement' }).waitFor();
  await page.getByText(/adhérents? sans signe de vie depuis 6 mois/).waitFor();
  const first = page.locator('.member-card').first();
  await first.getByText(/Dernière étape, le/).waitFor();
  const name = (await first.getByRole('heading').textContent()) ?? '';
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);

  // A new step for the quietest member.
  await first.getByRole('button', { name: `Noter une étape pour ${name}` }).click();
  await first
    .getByRole('textbox', { name: `Prochaine étape pour ${name}` })
    .fill('Rappelé ce jour, rendez-vous pris.');
  await first.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await page
    .locator('.member-card')
    .first()
    .getByText(/Rappelé ce jour, rendez-vous pris\./)
    .waitFor();

  // Its record: a sponsor among the current members.
  await page.locator('.member-card').first().getByRole('link', { name }).click();
  await page.getByRole('heading', { name: 'Parrain' }).waitFor();
  const combobox = page.getByRole('combobox', { name: /Choisir un parrain/ });
  await combobox.fill('a');
  await combobox.fill('an');
  const list = page.locator(`[id="${await combobox.getAttribute('aria-controls')}"]`);
  const option = list.getByRole('option').first();
  await option.waitFor();
  const sponsor = ((await option.textContent()) ?? '').trim();
  await option.click();
  await page.getByRole('button', { name: 'Enregistrer le parrain' }).click();
  await page.getByText('Le parrain est enregistré.').waitFor();
  await page.getByText(`Parrain : ${sponsor}.`).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();

  // The public is told the page is the coordinators'.
  const visitor = await e2e.newPage();
  await visitor.goto(`/adherents/reseau/${club.id}/radar`);
  await visitor.getByText('Cette page est réservée aux coordinateurs du réseau.').waitFor();
  await visitor.context().close();
});
