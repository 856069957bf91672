import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { observatoryDemoDone } from '../../src/server/modules/observatory/observatory.demo.ts';
import { seriousViolations, startE2e } from './harness.ts';

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
  // The page opens on the snapshot's whole scope; typing while it loads is the next-but-one test's case.
  await page.getByRole('heading', { level: 1, name: /Grand Est/ }).waitFor();
  const picker = page.getByRole('combobox', { name: 'Territoire (commune, EPCI, département, région)' });
  await picker.fill('Meurthe');
  await page.getByRole('option', { name: /Meurthe-et-Moselle \(54\)/ }).click();
  await page.waitForURL(/territoire=dep%3A54/);
  await page.getByRole('heading', { level: 1, name: /Meurthe-et-Moselle/ }).waitFor();

  const key = page.locator('.obs-key');
  await expect
    .poll(async () => plain(await key.textContent()))
    .toMatch(/\d[\d ]* emplois dans l’ESS — 1 emploi privé sur 7/);
  const keyText = plain(await key.textContent());
  expect(keyText).toMatch(/entre [\d ]+ et [\d ]+ emplois/);
  expect(keyText).toMatch(/[\d ]+ établissements employeurs/);
  // Months in words, never "2026-10": the snapshot in the source line and the evolution chart's labels.
  const main = plain(await page.locator('main').textContent());
  expect(main).toMatch(
    /instantané (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}/,
  );
  // …and territories by name, never "region:44" (the embed snippet's URL is code, not text: left out).
  const prose = main.replace(/<img [^>]*>/g, '');
  expect(prose).not.toMatch(/\b\d{4}-\d{2}\b/);
  expect(prose).toContain('Périmètre : Grand Est');
  expect(prose).not.toMatch(/(region|dep|epci):\d/);

  const official = page.getByRole('region', { name: 'Chiffres publiés' });
  await expect.poll(async () => plain(await official.textContent())).toContain('30 500 emplois');
  expect(plain(await official.textContent())).toContain('780 M€');
  expect(plain(await official.textContent())).toMatch(/Source : Presse régionale/);
  // The demo's earlier press figure does not say its reference year.
  expect(plain(await official.textContent())).toMatch(/30 200 emplois .*année non précisée\)/);

  const families = page.getByRole('region', { name: 'Par famille', exact: true });
  expect(await families.getByRole('rowheader', { name: 'Association' }).count()).toBe(1);
  expect(
    await page.getByRole('region', { name: 'Par sous-territoire', exact: true }).getByRole('row').count(),
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

it('prints the report with every table whole: no clipped column, no control, no hover hint', async () => {
  const page = await e2e.newPage();
  await page.goto('/observatoire?territoire=dep%3A54');
  await page
    .getByRole('region', { name: 'Par sous-territoire', exact: true })
    .getByRole('row')
    .nth(3)
    .waitFor();
  // Narrower than an A4 page's printable width (718 CSS pixels at Chromium's default margins), so that a table too
  // wide for paper shows: on screen it would scroll in its box, on paper it would be cut.
  await page.setViewportSize({ width: 560, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('.obs-scroll')]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.getAttribute('aria-label')),
  );
  expect(clipped).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(560);
  for (const hidden of ['.obs-controls', '.obs-actions', '.dmap__caption', '.header'])
    expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
  expect(await page.locator('.obs-key').isVisible()).toBe(true);
  await page.context().close();
});

it('keeps what a visitor types in the picker when the page loads its territory meanwhile', async () => {
  const page = await e2e.newPage();
  // The snapshots (hence the default territory) arrive late, after the visitor has started typing.
  let release = () => {};
  const late = new Promise<void>((r) => {
    release = r;
  });
  await page.route('**/api/observatory/snapshots', async (route) => {
    await late;
    await route.continue();
  });
  await page.goto('/observatoire');
  const picker = page.getByRole('combobox', { name: 'Territoire (commune, EPCI, département, région)' });
  await picker.fill('Meurthe');
  await page.getByRole('option', { name: /Meurthe-et-Moselle \(54\)/ }).waitFor();
  release();
  await page.getByRole('heading', { level: 1, name: /Grand Est/ }).waitFor();
  expect(await picker.inputValue()).toBe('Meurthe');
  await page.getByRole('option', { name: /Meurthe-et-Moselle \(54\)/ }).click();
  await page.waitForURL(/territoire=dep%3A54/);
  await page.context().close();
});

/** A point inside the department's outline (its box centre may fall on a neighbour), in page coordinates. */
async function pointInside(link: Locator) {
  await link.scrollIntoViewIfNeeded();
  return link.locator('path').evaluate((path: SVGPathElement) => {
    const box = path.getBBox();
    const ctm = path.getScreenCTM()!;
    for (let i = 1; i < 20; i++)
      for (let j = 1; j < 20; j++) {
        const p = new DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20);
        if (!path.isPointInFill(p)) continue;
        const s = p.matrixTransform(ctm);
        if (document.elementFromPoint(s.x, s.y) === path) return { x: s.x, y: s.y };
      }
    throw new Error('no visible point inside the outline');
  });
}

async function openRegionMap(page: Page) {
  await page.goto('/observatoire?territoire=region%3A44');
  const map = page.getByRole('region', { name: 'Carte par département' });
  const meurthe = map.getByRole('link', {
    name: /^Meurthe-et-Moselle\s:\s\d[\d\s]* emplois, \d+(,\d)?\s%\sde l’emploi privé$/,
  });
  await meurthe.waitFor();
  return { map, meurthe };
}

it('shows the Grand Est departments on a map whose links open their dashboards, by mouse and keyboard', async () => {
  const page = await e2e.newPage();
  const { map, meurthe } = await openRegionMap(page);
  expect(await map.getByRole('link').count()).toBe(10);
  expect(plain(await map.textContent())).toContain('Fond de carte : svg-maps (Victor Cazanave), CC BY 4.0');

  // The demo departments differ: the map is not a single colour.
  const shares = await map
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? a.textContent ?? ''));
  const distinct = new Set(
    shares.map((name) => /(\d+(,\d)?)\s%/.exec(name.replace(/\u00a0|\u202f/g, ' '))?.[1]),
  );
  expect(distinct.size).toBeGreaterThanOrEqual(6);

  const { x, y } = await pointInside(meurthe);
  await page.mouse.move(x, y);
  await expect
    .poll(async () => plain(await map.locator('figcaption').textContent()))
    .toMatch(/^Meurthe-et-Moselle : [\d ]+ emplois/);
  await page.mouse.click(x, y);
  await page.waitForURL(/territoire=dep%3A54/);
  await page.getByRole('heading', { level: 1, name: /Meurthe-et-Moselle/ }).waitFor();
  // On a department's dashboard, the map shows its region with the department outlined.
  const depMap = page.getByRole('region', { name: 'Carte par département' });
  await depMap.getByText('département affiché').waitFor();
  expect(await depMap.getByRole('link').count()).toBe(10);

  const again = await openRegionMap(page);
  await again.meurthe.focus();
  await expect
    .poll(async () => plain(await again.map.locator('figcaption').textContent()))
    .toMatch(/^Meurthe-et-Moselle : /);
  await page.keyboard.press('Enter');
  await page.waitForURL(/territoire=dep%3A54/);
  await page.getByRole('heading', { level: 1, name: /Meurthe-et-Moselle/ }).waitFor();
  await page.context().close();
});

it('has no serious accessibility violation with the map, and the map fits a 390 px wide phone', async () => {
  const page = await e2e.newPage();
  await openRegionMap(page);
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await page.context().close();

  const phone = await e2e.newPage({ mobile: true });
  const { map } = await openRegionMap(phone);
  const box = (await map.locator('svg').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.width).toBeGreaterThan(250);
  // Nothing of the map reaches past the screen's right edge (the wide tables further down are another matter).
  const overflowing = await map.evaluate((section) =>
    [section, ...section.querySelectorAll('*')]
      // Outlines past the zoomed box are clipped by the <svg> itself, so its descendants are not measured.
      .filter((e) => !(e instanceof SVGElement) || e.tagName === 'svg')
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth)
      .map((e) => e.tagName),
  );
  expect(overflowing).toEqual([]);
  expect(await map.locator('svg').evaluate((svg) => getComputedStyle(svg).overflow)).toBe('hidden');
  await phone.context().close();
});

it('fits a 390 px wide phone: dashboards and methodology without sideways page scrolling, wide tables scroll in their own box', async () => {
  const phone = await e2e.newPage({ mobile: true });
  const pageWidth = () => phone.evaluate(() => document.documentElement.scrollWidth);

  for (const [territory, name] of [
    ['region%3A44', /Grand Est/],
    ['dep%3A54', /Meurthe-et-Moselle/],
  ] as const) {
    await phone.goto(`/observatoire?territoire=${territory}`);
    await phone.getByRole('heading', { level: 1, name }).waitFor();
    await phone.getByRole('region', { name: 'Carte par département' }).getByRole('link').first().waitFor();
    await phone.waitForLoadState('networkidle');
    await expect.poll(async () => plain(await phone.locator('.obs-key').textContent())).toMatch(/emplois/);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    expect(await seriousViolations(phone)).toEqual([]);

    // Each breakdown table sits in a labelled, focusable region; the widest scrolls inside it, by keyboard too.
    const tables = phone.getByRole('region', { name: /^Tableau « .* » \(défile horizontalement/ });
    expect(await tables.count()).toBeGreaterThanOrEqual(4);
    for (const box of await tables.all()) expect(await box.getAttribute('tabindex')).toBe('0');
    const sub = phone.getByRole('region', { name: /^Tableau « Par (département|sous-territoire) »/ });
    expect(await sub.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    await sub.focus();
    await phone.keyboard.press('ArrowRight');
    await expect.poll(() => sub.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    // The key figure stays readable: its main line is not shrunk below 20 px.
    const size = await phone
      .locator('.obs-key__main')
      .evaluate((e) => Number.parseFloat(getComputedStyle(e).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
  }

  await phone.goto('/observatoire/methodologie');
  await phone.getByRole('heading', { name: 'Le secret statistique' }).waitFor();
  expect(await pageWidth()).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.context().close();
});

it('lets the CRESS coordinator check a CSV of published figures, import it, see it on the dashboard and remove it', async () => {
  const page = await e2e.newPage();
  await page.goto('/connexion');
  await page.fill('input[name=email]', 'cress@maillage.example');
  await page.fill('input[name=password]', 'demo-cress-grand-est');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  await page.goto('/admin');
  await page
    .getByRole('navigation', { name: 'Rubriques de l’administration' })
    .getByRole('link', { name: 'Chiffres publiés' })
    .click();
  await page.getByRole('heading', { level: 2, name: 'Chiffres publiés' }).waitFor();
  // The demo's figures were imported for the chamber: its coordinator may remove them.
  const list = page.getByRole('region', { name: 'Chiffres publiés enregistrés' });
  await list.getByRole('row').nth(1).waitFor();
  expect(await list.getByRole('button', { name: /^Retirer le chiffre publié/ }).count()).toBeGreaterThan(0);

  const csv = [
    'territoire;année;famille;emplois;etp;masse_salariale;établissements;source;url_source',
    'dep:57;2024;;41 000;;1 050 000 000;2 900;Note test de l’observatoire régional (e2e);https://example.org/note',
    'dep:57;2024;;;;;;Sans aucun chiffre;',
    'dep:57;;;38 000;;;;Note sans année (e2e);',
  ].join('\n');
  await page
    .getByLabel('Fichier CSV')
    .setInputFiles({ name: 'chiffres.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const preview = page.getByRole('region', { name: 'Aperçu : rien n’est encore enregistré' });
  await preview.waitFor();
  expect(plain(await preview.textContent())).toContain('3 lignes lues, 2 valides, 1 en erreur');
  expect(await preview.getByRole('row', { name: /3 Emplois aucun chiffre/ }).count()).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await preview.getByRole('button', { name: 'Importer les 2 lignes valides' }).click();
  await page.getByRole('status').filter({ hasText: '2 chiffres publiés enregistrés.' }).waitFor();
  const row = list.getByRole('row', { name: /Moselle 2024/ });
  await row.waitFor();
  expect(plain(await row.textContent())).toContain('1 050 M€');
  // A figure whose source gives no year says so, in the list and on the dashboard.
  const undated = list.getByRole('row', { name: /^Moselle année non précisée/ });
  expect(plain(await undated.textContent())).toContain('Note sans année (e2e)');

  await row.getByRole('link', { name: 'Moselle' }).click();
  await page.getByRole('heading', { level: 1, name: /Moselle/ }).waitFor();
  const official = page.getByRole('region', { name: 'Chiffres publiés' });
  await expect.poll(async () => plain(await official.textContent())).toContain('41 000 emplois');
  expect(plain(await official.textContent())).toContain('Note test de l’observatoire régional (e2e)');
  expect(plain(await official.textContent())).toMatch(/38 000 emplois .*année non précisée\)/);

  await page.goBack();
  page.once('dialog', (d) => d.accept());
  await list.getByRole('button', { name: /^Retirer le chiffre publié\s:\sMoselle, 2024$/ }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Chiffre publié retiré\s:\sMoselle, 2024/ })
    .waitFor();
  // The notice is said at once; the list follows when it has reloaded.
  await expect.poll(() => list.getByRole('row', { name: /Moselle 2024/ }).count()).toBe(0);
  page.once('dialog', (d) => d.accept());
  await list
    .getByRole('button', { name: /^Retirer le chiffre publié\s:\sMoselle, année non précisée$/ })
    .click();
  await expect.poll(() => list.getByRole('row', { name: /^Moselle année non précisée/ }).count()).toBe(0);
  await page.context().close();
});
