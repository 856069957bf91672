import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// Coordinators create events from "Proposer un événement", on the demo, at desktop size and on a 390 px phone:
// the CRESS coordinator adds an event organised by one of the CRESS's organisations to the running Mois de l'ESS;
// the business club's coordinator creates its monthly afterwork ("le premier jeudi de chaque mois", one date
// skipped) outside any campaign, organised by the club itself, its place found through the address geocoder (a
// local HTTP peer standing in for api-adresse.data.gouv.fr), published at once, then seen on the public agenda on
// the expected dates. Each form passes an axe check. When the geocoder finds nothing, the place is pinned on the
// map by keyboard alone (arrows, Enter), the pin said in words under the map.

let e2e: Awaited<ReturnType<typeof startE2e>>;
let geocoder: Server;
const geocoderQueries: string[] = [];

beforeAll(async () => {
  geocoder = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://peer');
    const q = url.searchParams.get('q') ?? '';
    geocoderQueries.push(q);
    const features = /diderot/i.test(q)
      ? [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [5.3345, 47.8611] },
            properties: {
              label: '12 Rue Diderot 52200 Langres',
              name: '12 Rue Diderot',
              postcode: '52200',
              citycode: '52269',
            },
          },
        ]
      : /stanislas/i.test(q)
        ? [
            {
              type: 'Feature',
              geometry: { type: 'Point', coordinates: [6.1834, 48.6936] },
              properties: {
                label: 'Place Stanislas 54000 Nancy',
                name: 'Place Stanislas',
                postcode: '54000',
                citycode: '54395',
              },
            },
          ]
        : [];
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ type: 'FeatureCollection', features }));
  });
  await new Promise<void>((resolve) => geocoder.listen(0, '127.0.0.1', resolve));
  e2e = await startE2e({ GEOCODER_URL: `http://127.0.0.1:${(geocoder.address() as AddressInfo).port}` });
}, 120_000);
afterAll(async () => {
  await e2e?.stop();
  geocoder?.closeAllConnections();
  await new Promise((resolve) => geocoder?.close(resolve));
});

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto('/connexion');
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

/** Polls long enough for a page loaded on a busy machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const iso = (d: Date) => d.toISOString().slice(0, 10);
/** The first Thursday of the month `months` after the current one. */
function firstThursday(months: number): Date {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  d.setUTCDate(1 + ((4 - d.getUTCDay() + 7) % 7));
  return d;
}
/** "1er avril" / "7 janvier 2027", as the form and the agenda write them. */
const inWords = (d: Date, year: boolean, weekday = false) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
    ...(weekday ? { weekday: 'long' } : {}),
  })
    .format(d)
    .replace(/(^|\s)1(?= )/, '$11er');

/** Picks a commune in the territory combobox. */
async function chooseCommune(page: Page, name: string) {
  await page.getByRole('combobox', { name: /^Commune/ }).fill(name);
  await page
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .click();
}

async function formViolations(page: Page) {
  const found = await seriousViolations(page);
  return found;
}

async function cressCreatesCampaignEvent(mobile: boolean) {
  const page = await e2e.newPage({ mobile });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await signIn(page, demoAccounts.chamberCoordinator);
  await page.goto('/agenda/proposer');
  await poll(() => page.getByLabel('Campagne').locator('option:checked').textContent()).toMatch(/Mois de l/);
  await poll(() => page.getByText('Vous ne gérez aucune organisation').count()).toBe(0);

  // An organisation of the CRESS, found by name (the network has hundreds: a search, not a list).
  const networks = (await (await page.request.get('/api/events/publishing')).json()).networks as {
    id: string;
    name: string;
  }[];
  const cress = networks.find((n) => n.name.includes('CRESS'))!;
  const orgs = await (await page.request.get(`/api/organizations?network=${cress.id}&pageSize=1`)).json();
  const org = orgs.items[0] as { id: string; name: string };
  await page.getByRole('radio', { name: 'Une ou plusieurs organisations du réseau' }).check();
  await page.getByRole('combobox', { name: /Ajouter une organisation organisatrice/ }).fill(org.name);
  await page
    .getByRole('option', { name: new RegExp(`^${org.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first()
    .click();
  await poll(() => page.locator('.event-form__chosen').textContent()).toContain(org.name);

  const title = `Atelier coopératif ${mobile ? 'mobile' : 'bureau'} ${Date.now() % 100000}`;
  const day = new Date(Date.now() + 5 * 86_400_000);
  await page.getByRole('textbox', { name: /^Titre/ }).fill(title);
  await page.getByLabel(/^Début/).fill(`${iso(day)}T14:00`);
  await page.getByLabel(/^Fin/).fill(`${iso(day)}T17:00`);
  await chooseCommune(page, 'Nancy');
  await page.getByRole('combobox', { name: /^Adresse/ }).fill('place Stanislas');
  await page.getByRole('option', { name: 'Place Stanislas 54000 Nancy' }).click();
  await poll(() => page.getByLabel('Code postal').inputValue()).toBe('54000');
  expect(await formViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Enregistrer et publier' }).click();
  await page.waitForURL(/\/agenda\/evenements\/[0-9a-f-]{36}$/);
  await poll(() => page.locator('h1').first().textContent()).toBe(title);
  expect(await page.locator('.alert--error, .field__error').count()).toBe(0);
  await poll(() => page.locator('main').textContent()).toContain(org.name);
  const id = page.url().split('/').at(-1);
  const detail = await (await page.request.get(`/api/events/${id}`)).json();
  expect(detail).toMatchObject({
    status: 'published',
    campaign: { name: expect.stringMatching(/Mois de l/) },
  });
  expect(detail.organizers).toEqual([{ id: org.id, name: org.name }]);
  expect(errors).toEqual([]);
  await page.context().close();
}

async function clubCreatesAfterwork(mobile: boolean) {
  const page = await e2e.newPage({ mobile });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await signIn(page, demoAccounts.clubCoordinator);
  await page.goto('/agenda/proposer');
  // Outside any campaign (the club has none), in the club's network, organised by the club itself.
  await poll(() => page.getByLabel('Réseau').locator('option:checked').textContent()).toMatch(
    /Club des entreprises/,
  );
  await page.getByLabel('Campagne').selectOption('');
  const byNetwork = page.getByRole('radio', { name: /^Le réseau : Club des entreprises/ });
  await poll(() => byNetwork.isChecked()).toBe(true);

  const first = firstThursday(1);
  const skipped = firstThursday(3);
  const until = firstThursday(7);
  const title = `Afterwork du club ${mobile ? 'mobile' : 'bureau'} ${Date.now() % 100000}`;
  await page.getByRole('textbox', { name: /^Titre/ }).fill(title);
  await page.getByLabel('Format').selectOption('afterwork');
  await page.getByLabel(/^Début/).fill(`${iso(first)}T18:30`);
  await page.getByLabel(/^Fin/).fill(`${iso(first)}T20:30`);

  await page.getByLabel('Se répète').selectOption('monthlyNth');
  await poll(() => page.getByLabel('Le', { exact: true }).locator('option:checked').textContent()).toBe(
    'premier',
  );
  await poll(() => page.getByLabel('Jour', { exact: true }).locator('option:checked').textContent()).toBe(
    'jeudi',
  );
  await page.getByLabel('Jusqu’à quand').selectOption('until');
  await page.getByLabel('Dernier jour').fill(iso(until));
  await page.getByLabel('Sauf le').fill(iso(skipped));
  await page.getByRole('button', { name: 'Exclure cette date' }).click();
  const sentence = `Le premier jeudi de chaque mois jusqu’au ${inWords(until, true)}, sauf le ${inWords(skipped, false)}`;
  await poll(() => page.getByTestId('recurrence-sentence').textContent()).toBe(sentence);
  const expected = [1, 2, 4, 5, 6].map((m) => firstThursday(m));
  await poll(() => page.locator('.event-form__dates li').allTextContents()).toEqual(
    expected.map((d) => inWords(d, true, true)),
  );

  await page.getByRole('textbox', { name: /^Lieu/ }).fill('Brasserie de la Citadelle');
  await chooseCommune(page, 'Langres');
  await page.getByRole('combobox', { name: /^Adresse/ }).fill('12 rue Diderot');
  await page.getByRole('option', { name: '12 Rue Diderot 52200 Langres' }).click();
  await poll(() => page.getByLabel('Code postal').inputValue()).toBe('52200');
  await poll(() => page.getByText('Lieu placé sur la carte d’après l’adresse.').count()).toBe(1);
  expect(geocoderQueries.some((q) => /diderot/i.test(q))).toBe(true);
  expect(await formViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Enregistrer et publier' }).click();
  await page.waitForURL(/\/agenda\/evenements\/[0-9a-f-]{36}$/);
  await poll(() => page.locator('h1').first().textContent()).toBe(title);
  await poll(() => page.locator('main dd').allTextContents()).toContainEqual(
    expect.stringMatching(/^Club des entreprises du Sud Haute-Marne/),
  );
  const id = page.url().split('/').at(-1)!;
  const detail = await (await page.request.get(`/api/events/${id}`)).json();
  expect(detail).toMatchObject({
    status: 'published',
    campaign: null,
    organizers: [],
    recurrenceRule: expect.stringMatching(/^FREQ=MONTHLY;BYDAY=\+1TH;UNTIL=/),
    recurrenceExceptions: [iso(skipped)],
    latitude: 47.8611,
    longitude: 5.3345,
    communeName: 'Langres',
  });
  expect(errors).toEqual([]);
  await page.context().close();

  // The public agenda, anonymously: one line per date, the skipped one missing.
  const visitor = await e2e.newPage({ mobile });
  await visitor.goto(`/agenda?q=${encodeURIComponent(title)}`);
  const items = visitor.locator('.event-item', { hasText: title });
  await poll(() => items.count()).toBe(6);
  const when = await items.locator('.event-item__when').allTextContents();
  const dates = [1, 2, 4, 5, 6, 7].map((m) => firstThursday(m));
  expect(when).toEqual(dates.map((d) => expect.stringContaining(`${inWords(d, false)}, 18:30`)));
  expect(when.join(' ')).not.toContain(`${inWords(skipped, false)},`);
  await visitor.context().close();
}

it('desktop: the CRESS coordinator adds an event to the running campaign, organised by a CRESS organisation', async () => {
  await cressCreatesCampaignEvent(false);
}, 120_000);

it('390 px phone: the CRESS coordinator does the same', async () => {
  await cressCreatesCampaignEvent(true);
}, 120_000);

it('desktop: the club coordinator creates the monthly afterwork outside any campaign, organised by the club', async () => {
  await clubCreatesAfterwork(false);
}, 120_000);

it('390 px phone: the club coordinator does the same', async () => {
  await clubCreatesAfterwork(true);
}, 120_000);

/** Presses Tab until `target` has the focus (a keyboard user's way there), at most `max` times. */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached by Tab: ${target}`);
}

it('desktop: the club coordinator pins an address the geocoder does not know, by keyboard alone', async () => {
  const page = await e2e.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.route('https://tile.openstreetmap.org/**', (route) => route.abort());
  await signIn(page, demoAccounts.clubCoordinator);
  await page.goto('/agenda/proposer');
  await poll(() => page.getByRole('radio', { name: /^Le réseau : Club des entreprises/ }).isChecked()).toBe(
    true,
  );
  const title = `Visite d’atelier au clavier ${Date.now() % 100000}`;
  const day = iso(new Date(Date.now() + 9 * 86_400_000));
  await page.getByRole('textbox', { name: /^Titre/ }).fill(title);
  await page.getByLabel(/^Début/).fill(`${day}T10:00`);
  await page.getByLabel(/^Fin/).fill(`${day}T12:00`);
  await page.getByRole('textbox', { name: /^Lieu/ }).fill('Atelier du Lieu-dit');
  const commune = page.getByRole('combobox', { name: /^Commune/ });
  await commune.fill('Langres');
  await page
    .getByRole('option', { name: /^Langres/ })
    .first()
    .waitFor();
  await commune.press('ArrowDown');
  await commune.press('Enter');
  await page.getByRole('combobox', { name: /^Adresse/ }).fill('chemin du lieu-dit introuvable');
  await page.getByText('Adresse introuvable', { exact: false }).waitFor();

  const open = page.getByRole('button', { name: 'Placer le lieu sur la carte' });
  await tabTo(page, open);
  await page.keyboard.press('Enter');
  const map = page.getByRole('application', { name: /Carte du lieu/ });
  await map.waitFor();
  const words = page.getByTestId('pin-words');
  await poll(() => words.textContent()).toMatch(/^Pas encore d’épingle/);
  await tabTo(page, map);
  await page.keyboard.press('Enter');
  await poll(() => words.textContent()).toBe('Épingle au centre de Langres.');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowRight');
  }
  await poll(() => words.textContent()).toMatch(
    /^Épingle à \d+(,\d)? (k?m) au nord-est du centre de Langres\.$/,
  );
  await page.getByText('Lieu placé sur la carte par vous.').waitFor();
  await page.getByRole('button', { name: 'Placer l’épingle au centre de la carte' }).waitFor();
  expect(await formViolations(page)).toEqual([]);

  const save = page.getByRole('button', { name: 'Enregistrer et publier' });
  await tabTo(page, save, 80);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/agenda\/evenements\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').at(-1)!;
  const detail = await (await page.request.get(`/api/events/${id}`)).json();
  expect(detail).toMatchObject({
    title,
    communeName: 'Langres',
    venueAddress: 'chemin du lieu-dit introuvable',
  });
  // North-east of Langres' centre (47.8625, 5.3331), within a couple of kilometres.
  expect(detail.latitude).toBeGreaterThan(47.8625);
  expect(detail.latitude).toBeLessThan(47.88);
  expect(detail.longitude).toBeGreaterThan(5.3331);
  expect(detail.longitude).toBeLessThan(5.36);
  expect(errors).toEqual([]);
  await page.context().close();
}, 120_000);
