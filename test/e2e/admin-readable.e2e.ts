import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The admin speaks the staff's language: the audit log as sentences in local time with filters by person and day,
// no internal codes (action names, ids, territory codes); no black frame around the page after a redirect into
// /admin; the outbox tells a coordinator once that it is not theirs; a visitor of a campaign is offered to sign in
// instead of a "Tableau de bord" link that leads nowhere. At desktop size and at 390 px, with axe.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

/** Signs in from /connexion?retour=…, submitting with the keyboard (Enter) as many people do. */
async function signIn(account: { email: string; password: string }, mobile: boolean, back = '/') {
  const page = await e2e.newPage({ mobile });
  await page.goto(`/connexion?retour=${encodeURIComponent(back)}`);
  await page.fill('input[name=email]', account.email);
  await page.fill('input[name=password]', account.password);
  await page.press('input[name=password]', 'Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  return page;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const codes = /\b(network|organization|event|campaign|fair|account|observatory)\.[a-z-]+|\b(region|dep):\d/;

describe.each([
  ['desktop', false],
  ['390 px', true],
])('readable admin (%s)', (_size, mobile) => {
  it('the CRESS coordinator reads the audit log as sentences and filters it by person and day', async () => {
    const coordinator = demoAccounts.chamberCoordinator;
    const page = await signIn(coordinator, mobile, '/admin');
    await page.waitForURL(/\/admin\/reseaux/);
    // Focus went to <main> after the redirect: no frame drawn around the whole page.
    const frame = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { id: el.id, shadow: style.boxShadow, outline: style.outlineStyle };
    });
    expect(frame).toEqual({ id: 'main', shadow: 'none', outline: 'none' });

    const chamber = (await (await fetch(`${e2e.baseUrl}/api/networks/cress-grand-est-demo`)).json()) as {
      id: string;
      name: string;
    };
    await page.goto(`/admin/reseaux/${chamber.id}/fiche`);
    const description = page.getByLabel('Présentation');
    await expect.poll(() => description.inputValue()).not.toBe('');
    await description.fill(
      `La chambre régionale de l’ESS du Grand Est (démo), ${mobile ? 'mobile' : 'bureau'}.`,
    );
    await page.getByRole('button', { name: 'Enregistrer la fiche' }).click();
    await page.getByText('La fiche du réseau est enregistrée.').waitFor();

    await page.goto('/admin/journal');
    const sentence = `${coordinator.name} a modifié la fiche du réseau «\u00a0${chamber.name}\u00a0»`;
    const entry = page.locator('li.audit-entry', { hasText: sentence }).first();
    await entry.waitFor();
    await entry.getByRole('row', { name: /^Description/ }).waitFor();
    const text = (await page.locator('.audit-list').textContent()) ?? '';
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(codes);
    expect(await seriousViolations(page)).toEqual([]);

    // By person: only that person's sentences; by day: nothing before the demo existed.
    await page.getByLabel(/^Personne/).fill('Camille');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/personne=Camille/);
    const sentences = () => page.locator('.audit-entry__sentence').allTextContents();
    const onlyTheirs = async () => {
      const all = await sentences();
      return all.length > 0 && all.every((s) => s.startsWith(coordinator.name));
    };
    await expect.poll(onlyTheirs, { timeout: 20_000 }).toBe(true);
    await entry.waitFor();
    await page.getByLabel('Au', { exact: true }).fill('2001-01-01');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByText('Aucune écriture enregistrée pour ces critères.').waitFor();
    await page.context().close();
  });

  it('the moderation queue dates each proposal, filters by kind, shows the decision fields only when used', async () => {
    const page = await signIn(demoAccounts.chamberCoordinator, mobile, '/agenda/moderation');
    await page.waitForURL(/\/agenda\/moderation/);
    const items = page.locator('.event-item');
    await items.first().waitFor();
    const dates = await page.getByText(/^Proposé le /).allTextContents();
    expect(dates.length).toBe(await items.count());
    expect(await page.getByLabel('Message à l’organisateur').count()).toBe(0);
    expect(await page.getByLabel('Motif du refus').count()).toBe(0);
    await items.first().getByRole('button', { name: 'Demander des modifications' }).click();
    await page.getByLabel('Message à l’organisateur').waitFor();
    expect(await page.getByLabel('Motif du refus').count()).toBe(0);
    await page.getByLabel('Propositions').selectOption({ label: 'Modifications d’événements publiés' });
    await expect.poll(() => items.count()).toBeLessThan(dates.length);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the outbox tells the club coordinator once that it is not theirs', async () => {
    const page = await signIn(demoAccounts.clubCoordinator, mobile);
    await page.goto('/admin/envois');
    await page.getByText('cette page ne concerne pas votre compte').waitFor();
    expect(await page.getByText('Vous n’avez pas accès').count()).toBe(0);
    expect(await page.getByText('Aucun e-mail').count()).toBe(0);
    expect(await page.locator('.alert').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("a visitor of the campaign's page is offered to sign in, not a dashboard link", async () => {
    const { items } = (await (await fetch(`${e2e.baseUrl}/api/campaigns`)).json()) as {
      items: { slug: string }[];
    };
    const page = await e2e.newPage({ mobile });
    await page.goto(`/agenda/campagnes/${items[0].slug}`);
    const prompt = page.getByRole('link', { name: /Connectez-vous pour voir son tableau de bord/ });
    await prompt.waitFor();
    expect(await page.getByRole('link', { name: 'Tableau de bord', exact: true }).count()).toBe(0);
    expect(await prompt.getAttribute('href')).toContain('/connexion?retour=');
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
