import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { observatoryDemoDone } from '../../src/server/modules/observatory/observatory.demo.ts';
import { startE2e } from './harness.ts';

// The observatory journey of issue 4: the demo Sirene snapshots are imported in the background at start; a visitor
// opens /observatoire, picks Meurthe-et-Moselle, reads the key figures with their bounds, the published figures with
// their sources beside them, the charts, and exports a table as CSV.

/** French number formatting uses narrow no-break spaces: compare with plain ones. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
  await observatoryDemoDone;
}, 240_000);
afterAll(() => e2e?.stop());

it('picks Meurthe-et-Moselle, reads key figures with bounds and published figures with sources, exports a table', async () => {
  const page = await e2e.newPage();
  await page.goto('/observatoire');
  const picker = page.getByRole('combobox', { name: 'Territoire (commune, EPCI, département, région)' });
  await picker.fill('Meurthe');
  await page.getByRole('option', { name: /Meurthe-et-Moselle \(54\)/ }).click();
  await page.waitForURL(/territoire=dep%3A54/);
  await page.getByRole('heading', { level: 1, name: /Meurthe-et-Moselle/ }).waitFor();

  const key = page.locator('.obs-key');
  await expect
    .poll(async () => plain(await key.textContent()))
    .toMatch(/\d[\d ]* emplois dans l'ESS — 1 emploi privé sur 7/);
  const keyText = plain(await key.textContent());
  expect(keyText).toMatch(/entre [\d ]+ et [\d ]+ emplois/);
  expect(keyText).toMatch(/[\d ]+ établissements employeurs/);

  const official = page.getByRole('region', { name: 'Chiffres publiés' });
  await expect.poll(async () => plain(await official.textContent())).toContain('30 500 emplois');
  expect(plain(await official.textContent())).toContain('780 M€');
  expect(plain(await official.textContent())).toMatch(/Source : Presse régionale/);

  const families = page.getByRole('region', { name: 'Par famille' });
  expect(await families.getByRole('rowheader', { name: 'Association' }).count()).toBe(1);
  expect(
    await page
      .getByRole('region', { name: /Par sous-territoire/ })
      .getByRole('row')
      .count(),
  ).toBeGreaterThan(3);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    families.getByRole('link', { name: 'Exporter en CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toMatch(/^\uFEFFcode;famille;établissements employeurs/);
  expect(csv).toMatch(/association;Association;\d+;/);

  await page.getByRole('link', { name: 'Méthodologie' }).first().click();
  await page.getByRole('heading', { name: 'Le secret statistique' }).waitFor();
  await page.context().close();
});
