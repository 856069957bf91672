import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The club's coordinator reads the members' dashboard (about 30 members in 2001, about 100 this year), on a desktop
// and on a phone, and imports a small history file through the form (dry run with its bad line, then confirm).

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signIn(page: Page) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  expect(res.status()).toBe(200);
}

const cell = (page: Page, year: number, column: number) =>
  page
    .getByRole('table', { name: 'Adhérents, arrivées et départs par année' })
    .getByRole('row', { name: new RegExp(`^${year} `) })
    .getByRole('cell')
    .nth(column);

it('shows the club growing from about 30 to about 100 members and imports a history file', async () => {
  const [club] = await e2e.server.deps.db.select().from(networks).where(eq(networks.kind, 'club'));
  const thisYear = new Date().getUTCFullYear();
  for (const mobile of [false, true]) {
    const page = await e2e.newPage({ mobile });
    await signIn(page);
    await page.goto(`/adherents/reseau/${club.id}`);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    const first = Number(await cell(page, 2001, 0).textContent());
    const last = Number(await cell(page, thisYear, 0).textContent());
    expect(first).toBeGreaterThanOrEqual(27);
    expect(first).toBeLessThanOrEqual(33);
    expect(last).toBeGreaterThanOrEqual(90);
    expect(last).toBeLessThanOrEqual(110);
    // The chart is an image summing itself up; the table beside it carries the figures.
    const chart = page.getByRole('img', { name: /Graphique : \d+ adhérents en 2001/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${last} en ${thisYear}`);
    await page.getByRole('table', { name: /Par intercommunalité/ }).waitFor();
    if (mobile)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    if (!mobile) {
      const csv = await page.request.get(
        (await page.getByRole('link', { name: 'Exporter (CSV)' }).getAttribute('href'))!,
      );
      expect(csv.status()).toBe(200);
      expect((await csv.text()).startsWith('\uFEFFAnnée;Adhérents;')).toBe(true);
    }
    await page.context().close();
  }

  // Importing two years before the club's founding for an organisation of the directory, and one bad line.
  const page = await e2e.newPage();
  await signIn(page);
  await page.goto(`/adherents/reseau/${club.id}`);
  await page.getByRole('heading', { name: 'Importer l’historique' }).waitFor();
  const members = await page.request.get(`/api/networks/${club.id}/memberships?pageSize=1`);
  const { items } = await members.json();
  const file = join(tmpdir(), `historique-${Date.now()}.csv`);
  writeFileSync(
    file,
    `\uFEFFsiret;nom;année;payé\r\n${items[0].siret ?? ''};${items[0].name};1999;oui\r\n${items[0].siret ?? ''};${items[0].name};2000;oui\r\n;Entreprise inconnue;2000;oui\r\n`,
  );
  await page.getByLabel(/Fichier CSV/).setInputFiles(file);
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await page.getByText('2 années à ajouter', { exact: false }).waitFor();
  await page.getByText(/Ligne 4\s?:\s+organisation « Entreprise inconnue » inconnue/).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Confirmer l’import (2 années)' }).click();
  await page.getByText('Import terminé : 2 années ajoutées', { exact: false }).waitFor();
  // The dashboard now starts in 1999 with that one member.
  await cell(page, 1999, 0).filter({ hasText: /^1$/ }).waitFor();
}, 240_000);
