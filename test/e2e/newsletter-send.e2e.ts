import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { startSmtpPeer } from '../../src/server/modules/mail/smtp-peer.testing.ts';
import { newsletterIssues } from '../../src/server/modules/newsletters/newsletters.issues.tables.ts';
import { newsletterSubscriptions } from '../../src/server/modules/newsletters/newsletters.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The chamber's coordinator opens the demo's draft of the Mois de l'ESS programme, sees it at phone width with the
// coming events inserted, counts the recipients and sends it; the mails reach a real SMTP peer, and one recipient
// unsubscribes from their mail client: the one-click POST of the List-Unsubscribe header (RFC 8058), no page.

let e2e: Awaited<ReturnType<typeof startE2e>>;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  smtp = await startSmtpPeer(4957);
  e2e = await startE2e({ SMTP_URL: smtp.url, NEWSLETTER_RATE: '200' });
}, 120_000);
afterAll(async () => {
  await e2e?.stop();
  await smtp?.close();
});

it('the coordinator sends the Mois de l’ESS letter to a list, and a recipient unsubscribes in one click from their mail client', async () => {
  const db = e2e.server.deps.db;
  const [chamber] = await db.select().from(networks).where(eq(networks.slug, 'cress-grand-est-demo'));
  const [draft] = await db
    .select()
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.networkId, chamber.id), eq(newsletterIssues.status, 'draft')));
  const confirmed = await db
    .select()
    .from(newsletterSubscriptions)
    .where(
      and(eq(newsletterSubscriptions.networkId, chamber.id), eq(newsletterSubscriptions.status, 'confirmed')),
    );

  const page = await e2e.newPage();
  await page.goto(`/connexion?retour=${encodeURIComponent(`/lettres/envois/numeros/${draft.id}`)}`);
  await page.fill('input[name=email]', demoAccounts.chamberCoordinator.email);
  await page.fill('input[name=password]', demoAccounts.chamberCoordinator.password);
  await page.press('input[name=password]', 'Enter');
  await page.getByRole('heading', { name: 'Le programme du Mois de l’ESS (démo)', level: 1 }).waitFor();
  expect(await page.getByRole('textbox', { name: /^Objet/ }).inputValue()).toBe(
    'Le programme du Mois de l’ESS (démo)',
  );

  // The preview is the phone's width, and the agenda block holds the chamber's coming events.
  const frame = page.frameLocator('iframe[title="Aperçu de la lettre"]');
  await frame.getByText('Le programme du Mois de l’ESS').first().waitFor();
  const width = await page
    .locator('iframe[title="Aperçu de la lettre"]')
    .evaluate((f) => (f as HTMLElement).offsetWidth);
  expect(width).toBe(390);
  expect(await frame.locator('body').textContent()).not.toContain('{{evenements}}');
  expect(await frame.locator('a[href*="/agenda/evenements/"]').count()).toBeGreaterThan(0);
  expect(await seriousViolations(page, { exclude: ['iframe.nl-preview'] })).toEqual([]);

  // The list's confirmed subscribers (the demo's pending and unsubscribed addresses are left out).
  await page.getByRole('button', { name: 'Compter les destinataires' }).click();
  await page
    .getByText(`${confirmed.length} destinataires une fois les désinscrits et adresses bloquées retirés`)
    .waitFor();

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Envoyer la lettre' }).click();
  await page.getByText(`Envoi lancé vers ${confirmed.length} destinataires.`).waitFor();
  // The progress follows the sending until every mail is out.
  await expect
    .poll(
      async () =>
        (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, draft.id)))[0].status,
      { timeout: 60_000, interval: 500 },
    )
    .toBe('sent');
  await page.reload();
  await page.getByRole('heading', { name: 'Envoi · envoyée' }).waitFor();
  expect(await page.locator('.nl-figures').textContent()).toContain(`Envoyés${confirmed.length}`);
  expect(await seriousViolations(page, { exclude: ['iframe.nl-preview'] })).toEqual([]);

  // A recipient's mail client reads the headers and POSTs to the https address: unsubscribed at once.
  const recipient = confirmed[0];
  const mail = await smtp.waitFor(recipient.email, /Le programme du Mois de l’ESS/);
  expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
  const header = /^List-Unsubscribe: (.+(?:\r?\n[ \t].+)*)/m.exec(mail.raw)?.[1].replace(/\r?\n[ \t]+/g, ' ');
  const https = /<(https?:\/\/[^>]+)>/.exec(header ?? '')?.[1];
  expect(https, header).toBeTruthy();
  expect(header).toMatch(/<mailto:/);
  const url = new URL(https!);
  const res = await fetch(`${e2e.baseUrl}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  expect(res.status).toBe(200);
  const [after] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.id, recipient.id));
  expect(after).toMatchObject({ status: 'unsubscribed', unsubscribedHow: 'one_click' });
}, 180_000);
