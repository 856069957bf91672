import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import {
  newsletterLists,
  newsletterSubscriptions,
} from '../../src/server/modules/newsletters/newsletters.tables.ts';
import { buildEvent } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The newsletter on a phone (390 px): someone subscribes to the club's letter from its public form, confirms from
// the link of the mail, opens the preferences link of the same mail and unsubscribes; axe on every page. Someone
// registering for an event ticks the club's letter on the registration form and confirms it from the mail.

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
  await page.getByText(/C’est confirmé\s: vous recevrez «\sLettre du club\s»\./).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(path(mail.text, /\/lettres\/preferences\/[A-Za-z0-9_-]+/));
  await page.getByRole('heading', { name: /^Vos abonnements — /, level: 1 }).waitFor();
  await page.getByText('Confirmé', { exact: true }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Me désinscrire de « Lettre du club »' }).click();
  await page.getByText(/C’est fait\s: vous ne recevrez plus «\sLettre du club\s»\./).waitFor();
  await page.getByRole('button', { name: 'Me réinscrire à « Lettre du club »' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const [left] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(and(eq(newsletterSubscriptions.listId, list.id), eq(newsletterSubscriptions.email, email)));
  expect(left).toMatchObject({ status: 'unsubscribed', unsubscribedHow: 'link' });
}, 120_000);

it('shows the coordinator the club’s list, its subscribers’ proof, the import report and the blocked addresses', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const page = await e2e.newPage({ mobile: true });
  await page.goto(`/connexion?retour=${encodeURIComponent('/lettres')}`);
  await page.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await page.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await page.press('input[name=password]', 'Enter');
  await page.getByRole('heading', { name: 'Lettres d’information', level: 1 }).waitFor();
  await page.getByRole('main').getByRole('link', { name: club.name }).click();
  await page.getByRole('link', { name: 'Lettre du club' }).click();
  await page.getByRole('heading', { name: 'Lettre du club', level: 1 }).waitFor();
  await page
    .getByText(/Consentement le .* \(consentement\), par formulaire · texte version 1 · IP 192\.0\.2\./)
    .first()
    .waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  const csv =
    'email;nom;base;date_consentement\nnouvelle.demo@example.org;Nouvelle (démo);consentement;12/01/2025\npas-une-adresse;;consentement;12/01/2025\n';
  await page.setInputFiles('#newsletters-file', {
    name: 'abonnes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await page.getByText(/Vérification\s: 2 lignes lues, 1 abonnés à importer, 0 déjà inscrits\./).waitFor();
  await page.getByText(/Ligne 3\s: adresse e-mail invalide/).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Importer 1 abonné' }).click();
  await page.getByText(/Import terminé\s: 1 abonnés ajoutés, 0 déjà inscrits\./).waitFor();
  await page.getByText('nouvelle.demo@example.org').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await page.getByRole('link', { name: 'Retour aux listes' }).click();
  await page.getByRole('link', { name: 'Adresses bloquées' }).click();
  await page.getByText('désinscrite de toutes les lettres').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
}, 120_000);

it('subscribes from the box of an event’s registration form on a phone, confirmed from the mail', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const event = await buildEvent(db, club.id, { title: 'Visite d’une fonderie (démo)', capacity: 20 });
  const email = 'inscrite.lettre@example.org';

  const page = await e2e.newPage({ mobile: true });
  await page.goto(`/inscription/${event.id}`);
  await page.getByRole('textbox', { name: /Nom et prénom/ }).fill('Inscrite (démo)');
  await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(email);
  await page.getByLabel(/J’accepte que mes nom/).check();
  // The club's letter, with its own consent text, offered beside the registration's.
  const box = page.getByRole('checkbox', { name: /J’accepte de recevoir la Lettre du club/ });
  await box.waitFor();
  await page.getByText(/Facultatif\s: «\sLettre du club\s»/).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await box.check();
  await page.getByRole('button', { name: /M’inscrire/ }).click();
  await page.waitForURL(/\/billet\/[\w-]+\?nouveau=1/);

  const mail = (await listOutbox(db, { to: email })).find(
    (m) => m.kind === 'newsletters.confirm-subscription',
  );
  expect(mail).toBeTruthy();
  const [pending] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(and(eq(newsletterSubscriptions.networkId, club.id), eq(newsletterSubscriptions.email, email)));
  expect(pending).toMatchObject({ status: 'pending', source: 'registration', legalBasis: 'consent' });
  await page.goto(path(mail!.text, /\/lettres\/confirmer\/[A-Za-z0-9_-]+/));
  await page.getByText(/C’est confirmé\s: vous recevrez «\sLettre du club\s»\./).waitFor();
  const [confirmed] = await db
    .select()
    .from(newsletterSubscriptions)
    .where(eq(newsletterSubscriptions.id, pending.id));
  expect(confirmed.status).toBe('confirmed');
}, 120_000);
