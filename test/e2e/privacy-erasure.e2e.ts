import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { registrations } from '../../src/server/modules/registrations/registrations.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// A demo registrant asks for the erasure of their data from « Mes données personnelles », opens the link mailed
// to them (read from the outbox), erases in one click and reads the report; the platform admin reads the register
// of processing. Accessibility checked on both pages, on a desktop and on a 390 px phone.

let e2e: Awaited<ReturnType<typeof startE2e>>;
let people: string[] = [];
beforeAll(async () => {
  e2e = await startE2e();
  const rows = await e2e.server.deps.db
    .selectDistinct({ email: registrations.email })
    .from(registrations)
    .limit(2);
  people = rows.map((r) => r.email);
}, 120_000);
afterAll(() => e2e?.stop());

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/connexion');
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

describe.each([
  { label: 'desktop', mobile: false, who: 0 },
  { label: 'phone', mobile: true, who: 1 },
])('erasure through the emailed link ($label)', ({ mobile, who }) => {
  it('asks, opens the link, erases in one click and reads the report', async () => {
    const email = people[who];
    const page = await e2e.newPage({ mobile });
    await page.goto('/donnees-personnelles');
    await page.getByRole('heading', { level: 2, name: 'Faire effacer mes données' }).waitFor();
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'Faire effacer mes données' }),
    });
    await form.getByLabel('Votre adresse e-mail').fill(email);
    await form.getByRole('button', { name: 'Recevoir le lien d’effacement' }).click();
    await page.getByText('Si cette adresse est connue de la plateforme, un lien pour confirmer').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const [mail] = (await listOutbox(e2e.server.deps.db, { to: email })).filter(
      (m) => m.kind === 'privacy.erasure-link',
    );
    const path = mail.text.match(/\/donnees-personnelles\/effacement\/[A-Za-z0-9_-]+/)?.[0];
    expect(path).toBeTruthy();
    await page.goto(path as string);
    await page.getByRole('heading', { level: 1, name: 'Effacer mes données personnelles' }).waitFor();
    await page
      .getByText(`@${email.split('@')[1]}`, { exact: false })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Effacer mes données' }).click();
    await page.getByRole('heading', { level: 2, name: 'Ce qui a été fait' }).waitFor();
    const report = await page.locator('main').textContent();
    expect(report).toMatch(/inscriptions? (passées?|à venir)/);
    expect(report).toContain('personne effacée #');
    expect(await seriousViolations(page)).toEqual([]);
    if (mobile)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The link is spent.
    await page.goto(path as string);
    await page.getByText('déjà utilisé ou a expiré').waitFor();
  }, 60_000);

  it('shows the register of processing to the platform admin, durations from the settings', async () => {
    const page = await e2e.newPage({ mobile });
    await signIn(page, demoAccounts.admin);
    await page.goto('/donnees-personnelles/registre');
    await page.getByRole('heading', { level: 1, name: 'Registre des traitements' }).waitFor();
    const card = page.locator('article', {
      has: page.getByRole('heading', { name: 'Inscriptions aux événements' }),
    });
    await card.getByText('2 ans après l’événement', { exact: false }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(14);
    expect(await seriousViolations(page)).toEqual([]);
    if (mobile)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto('/donnees-personnelles/conservation');
    await page.getByRole('heading', { level: 1, name: 'Durées de conservation' }).waitFor();
    await page.getByLabel('Inscrits aux événements : mois après l’événement').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);
});
