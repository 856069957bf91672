import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations, startE2e } from './harness.ts';

// axe-core (WCAG 2.1 A and AA rules) on the main pages, on a desktop and on a phone, signed out and signed in as
// the demo platform admin: no serious or critical violation. One test per page, so that a failure names it.

let e2e: Awaited<ReturnType<typeof startE2e>>;
let orgId: string;
let networkId: string;
beforeAll(async () => {
  e2e = await startE2e();
  const res = await fetch(`${e2e.baseUrl}/api/organizations?sort=name&pageSize=1`);
  orgId = (await res.json()).items[0].id;
  networkId = (await (await fetch(`${e2e.baseUrl}/api/networks`)).json()).items[0].id;
});
const resolve = (path: string) => path.replace(':org', orgId).replace(':network', networkId);
afterAll(() => e2e?.stop());

async function violationsAt(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.locator('h1').first().waitFor();
  return (await seriousViolations(page)).map((v) => `${path} ${v}`);
}

async function signIn(page: Page) {
  await page.goto('/connexion');
  await page.fill('input[name=email]', 'admin@maillage.example');
  await page.fill('input[name=password]', 'demo-admin-maillage');
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
}

const publicPages = [
  '/',
  '/annuaire',
  '/annuaire?territory=dep%3A52&family=association',
  '/annuaire/:org',
  '/connexion',
  '/inscription',
  '/mot-de-passe-oublie',
  '/gtec',
];
const signedInPages = [
  '/annuaire/:org/modifier',
  '/admin/reseaux',
  '/admin/reseaux/:network',
  '/admin/journal',
  '/admin/envois',
  '/admin/import',
  '/admin/chiffres-publies',
  '/admin/organisations/nouvelle',
];

describe.each([
  { label: 'desktop', mobile: false },
  { label: 'phone', mobile: true },
])('axe on the main pages ($label)', ({ mobile }) => {
  let visitor: Page;
  let admin: Page;
  beforeAll(async () => {
    visitor = await e2e.newPage({ mobile });
    admin = await e2e.newPage({ mobile });
    await signIn(admin);
  });

  it.each(publicPages)('%s (signed out)', async (path) => {
    expect(await violationsAt(visitor, resolve(path))).toEqual([]);
  });

  it.each(signedInPages)('%s (platform admin)', async (path) => {
    expect(await violationsAt(admin, resolve(path))).toEqual([]);
  });
});

it('keeps the navigation usable on a phone: the menu button opens it', async () => {
  const page = await e2e.newPage({ mobile: true });
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });
  expect(await nav.isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Annuaire' }).click();
  await page.waitForURL(/\/annuaire$/);
  // The router changes the address before React has rendered the new page (navigations run in a transition): wait
  // for the directory's heading instead of reading whichever heading is on screen at that instant.
  await page.getByRole('heading', { level: 1, name: /Annuaire/ }).waitFor();
});
