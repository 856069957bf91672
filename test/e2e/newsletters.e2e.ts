import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import {
  newsletterLists,
  newsletterSubscriptions,
} from '../../src/server/modules/newsletters/newsletters.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The newsletter on a phone (390 px): someone subscribes to the club's letter from its public form, confirms from
// the link of the mail, opens the preferences link of the same mail and unsubscribes; axe on every page.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

const path = (text: string, re: RegExp) => {
  const m = re.exec(text);
  if (!m) throw new Error(`no link ${re} in ${text}`);
  return m[0];
};

it('subscribes on a phone, confirms from the mail, and unsubscribes from the preferences', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const [list] = await db.select().from(newsletterLists).where(eq(newsletterLists.networkId, club.id));
  const email = 'lectrice.telephone@example.org';

  const page = await e2e.newPage({ mobile: true });
  await page.goto(`/lettres/inscription/${list.id}`);
  await page.getByRole('heading', { name: 'S’inscrire : Lettre du club', level: 1 }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(email);
  await page.getByRole('textbox', { name: /Nom/ }).fill('Lectrice (démo)');
  // Without the box ticked, the refusal names the consent.
  await page.getByRole('button', { name: 'S’inscrire' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.textContent('main')).toContain('consentement');
  await page.getByRole('checkbox', { name: /J’accepte de recevoir la Lettre du club/ }).check();
  await page.getByRole('button', { name: 'S’inscrire' }).click();
  await page.getByText(/un courriel de confirmation vient de lui être envoyé/).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const [mail] = await listOutbox(db, { to: email });
  expect(mail.kind).toBe('newsletters.confirm-subscription');
  const [pending] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(and(eq(newsletterSubscriptions.listId, list.id), eq(newsletterSubscriptions.email, email)));
  expect(pending).toMatchObject({ status: 'pending', source: 'form', consentVersion: '1' });
  expect(pending.userAgent).toBeTruthy();

  await page.goto(path(mail.text, /\/lettres\/confirmer\/[A-Za-z0-9_-]+/));
  await page.getByText('C’est confirmé : vous recevrez « Lettre du club ».').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(path(mail.text, /\/lettres\/preferences\/[A-Za-z0-9_-]+/));
  await page.getByRole('heading', { name: /^Vos abonnements — /, level: 1 }).waitFor();
  await page.getByText('Confirmé', { exact: true }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Me désinscrire de « Lettre du club »' }).click();
  await page.getByText('C’est fait : vous ne recevrez plus « Lettre du club ».').waitFor();
  await page.getByRole('button', { name: 'Me réinscrire à « Lettre du club »' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const [left] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(and(eq(newsletterSubscriptions.listId, list.id), eq(newsletterSubscriptions.email, email)));
  expect(left).toMatchObject({ status: 'unsubscribed', unsubscribedHow: 'link' });
}, 120_000);
