import { and, eq, notInArray } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networkOrganizations, networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { runAllRenewals } from '../../src/server/modules/memberships/memberships.renewals.ts';
import { members } from '../../src/server/modules/memberships/memberships.tables.ts';
import { organizations } from '../../src/server/modules/organizations/organizations.tables.ts';
import { buildAccount } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { parisToday } from '../../src/web/lib/dates.ts';
import { seriousViolations, startE2e } from './harness.ts';

// Joining the club in the browser: a company applies with the public "Adhérer" form (on a phone), the club's
// coordinator approves it, records its bank transfer, and the company downloads its numbered receipt; then the
// renewal run reminds it before the end of the year and its personal link tells it how to pay, until it has paid.

let e2e: Awaited<ReturnType<typeof startE2e>>;
/** The company that joined in the first test, renewed in the second. */
let joined: { id: string; name: string; email: string } | undefined;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function signIn(page: Page, who: { email: string; password: string }) {
  const res = await page.request.post('/api/auth/sign-in', {
    data: { email: who.email, password: who.password },
  });
  expect(res.status()).toBe(200);
}

it('takes a company from its application to its numbered receipt', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  // A company of the club's territory that is not a member yet, and its staff account.
  const memberOrgs = db
    .select({ id: members.organizationId })
    .from(members)
    .where(eq(members.networkId, club.id));
  const [company] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(networkOrganizations)
    .innerJoin(organizations, eq(organizations.id, networkOrganizations.organizationId))
    .where(and(eq(networkOrganizations.networkId, club.id), notInArray(organizations.id, memberOrgs)))
    .limit(1);
  expect(company).toBeDefined();
  const staff = await buildAccount(db, { editorOf: company.id });

  const applicant = await e2e.newPage({ mobile: true });
  await applicant
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: staff.cookies[SESSION_COOKIE], url: e2e.baseUrl }]);
  await applicant.goto('/adherents');
  await applicant.getByRole('link', { name: 'Adhérer' }).nth(1).waitFor();
  await applicant.goto(`/adherents/adherer/${club.id}`);
  await applicant
    .getByRole('heading', { name: /Adhérer à Club des entreprises du Sud Haute-Marne/ })
    .waitFor();
  await applicant.getByRole('searchbox', { name: /Votre organisation dans l’annuaire/ }).fill(company.name);
  await applicant
    .getByRole('button', { name: `Choisir ${company.name}` })
    .first()
    .click();
  await applicant.getByText(`Organisation choisie : ${company.name}`).waitFor();
  await applicant.getByRole('radio', { name: /PME et plus/ }).check();
  await applicant.getByRole('textbox', { name: /Nom du contact principal/ }).fill('Lucie Martin');
  // Prefilled from the signed-in account.
  expect(await applicant.getByRole('textbox', { name: /E-mail du contact principal/ }).inputValue()).toBe(
    staff.account.email,
  );
  await applicant.getByRole('checkbox', { name: /J’accepte les conditions d’adhésion/ }).check();
  expect(await applicant.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(applicant)).toEqual([]);
  await applicant.getByRole('button', { name: 'Envoyer la demande' }).click();
  await applicant.getByText('Demande envoyée.', { exact: false }).waitFor();

  const coordinator = await e2e.newPage();
  await signIn(coordinator, demoAccounts.clubCoordinator);
  await coordinator.goto('/adherents');
  await coordinator.getByRole('link', { name: club.name }).click();
  const card = coordinator
    .getByRole('listitem')
    .filter({ has: coordinator.getByRole('heading', { name: company.name }) });
  await card.getByText('Conditions acceptées (version 2026-01)', { exact: false }).waitFor();
  expect(await seriousViolations(coordinator)).toEqual([]);
  await card.getByRole('textbox', { name: 'Message au demandeur' }).fill('Bienvenue au club !');
  await card.getByRole('button', { name: 'Accepter' }).click();
  await coordinator.getByText(`Demande acceptée : ${company.name} est adhérent`, { exact: false }).waitFor();

  await coordinator.getByRole('searchbox', { name: /Chercher/ }).fill(company.name);
  await coordinator.getByRole('button', { name: 'Filtrer' }).click();
  await coordinator.getByRole('link', { name: company.name }).click();
  await coordinator.getByRole('heading', { name: company.name, level: 1 }).waitFor();
  await coordinator.getByText('En attente de cotisation').first().waitFor();
  await coordinator.getByRole('combobox', { name: 'Mode de paiement' }).selectOption('transfer');
  await coordinator.getByRole('textbox', { name: /Référence/ }).fill('VIR CLUB 2026');
  expect(await seriousViolations(coordinator)).toEqual([]);
  await coordinator.getByRole('button', { name: 'Enregistrer le paiement' }).click();
  const notice = coordinator.getByText(/Paiement enregistré\s:\sreçu n°\s\d{4}-\d{5}\./);
  await notice.waitFor();
  const receipt = /n°\s(\d{4}-\d{5})/.exec((await notice.textContent()) ?? '')?.[1];
  expect(receipt).toBeDefined();
  await coordinator.getByText('À jour').first().waitFor();

  // The company finds its membership and downloads the receipt (on the phone).
  await applicant.goto('/adherents');
  await applicant.getByRole('link', { name: company.name }).click();
  const link = applicant.getByRole('link', { name: `Télécharger Reçu de cotisation n° ${receipt} (PDF)` });
  await link.waitFor();
  expect(await applicant.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(applicant)).toEqual([]);
  const pdf = await applicant.request.get((await link.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  // Another network's coordinator cannot read it.
  const other = await e2e.newPage();
  await signIn(other, demoAccounts.chamberCoordinator);
  expect((await other.request.get((await link.getAttribute('href'))!)).status()).toBe(404);
  joined = { id: company.id, name: company.name, email: staff.account.email };
}, 240_000);

it('reminds the member before the end of its period, and the personal link tells how to pay until it is paid', async () => {
  expect(joined).toBeDefined();
  const company = joined!;
  const deps = e2e.server.deps;
  const db = deps.db;
  // The scheduled run, on 5 December of this year (26 days before the calendar year's end): next year's call and
  // the first reminder, with the personal link.
  const year = Number(parisToday().slice(0, 4));
  await runAllRenewals({ ...deps, clock: () => new Date(`${year}-12-05T08:00:00Z`) });
  const [member] = await db.select().from(members).where(eq(members.organizationId, company.id));
  const mails = await listOutbox(db, { to: company.email });
  const reminder = mails.find((m) => m.kind === 'memberships.renewal-reminder');
  expect(reminder?.text).toContain(`Cotisation ${year + 1}`);
  const path = /\/adherents\/renouveler\/\S+/.exec(reminder?.text ?? '')?.[0];
  expect(path).toBeDefined();

  // The member opens it on a phone, without signing in.
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto(path!);
  await phone
    .getByRole('heading', {
      level: 1,
      name: `Renouvellement : ${company.name}, adhérent de Club des entreprises du Sud Haute-Marne`,
    })
    .waitFor();
  const text = () =>
    phone
      .locator('main')
      .textContent()
      .then((t) => (t ?? '').replace(/[\u00a0\u202f]/g, ' '));
  expect(await text()).toContain(`du 1er janvier ${year + 1} au 31 décembre ${year + 1}`);
  expect(await text()).toMatch(/Reste à régler\s*\d[\d ]*,\d\d €/);
  await phone.getByRole('heading', { name: 'Comment régler' }).waitFor();
  expect(await text()).toMatch(/IBANFR76/);
  const callLink = phone.getByRole('link', {
    name: /Télécharger Appel de cotisation n° \d{4}-\d{5} \(PDF\)/,
  });
  const callNumber = /n° (\d{4}-\d{5})/.exec((await callLink.textContent()) ?? '')?.[1];
  expect(await text()).toContain(`Appel de cotisation n° ${callNumber}`);
  const pdf = await phone.request.get((await callLink.getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);

  // It pays by transfer with that reference; the coordinator records it; the link then says it is paid.
  const coordinator = await e2e.newPage();
  await signIn(coordinator, demoAccounts.clubCoordinator);
  await coordinator.goto(`/adherents/fiche/${member.id}`);
  await coordinator.getByRole('heading', { name: company.name, level: 1 }).waitFor();
  await coordinator.getByRole('combobox', { name: 'Mode de paiement' }).selectOption('transfer');
  await coordinator.getByRole('textbox', { name: /Référence/ }).fill(`Appel n° ${callNumber}`);
  await coordinator.getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await coordinator.getByText(/Paiement enregistré\s:\sreçu n°\s\d{4}-\d{5}\./).waitFor();
  await phone.reload();
  await phone.getByText('Votre cotisation pour cette période est réglée. Merci !').waitFor();
  await phone.getByRole('link', { name: /Télécharger Reçu de cotisation n° \d{4}-\d{5} \(PDF\)/ }).waitFor();
  expect(await phone.getByRole('heading', { name: 'Comment régler' }).count()).toBe(0);

  // A link altered by one character opens nothing.
  await phone.goto(`${path!.slice(0, -1)}${path!.endsWith('A') ? 'B' : 'A'}`);
  await phone.getByText('Ce lien de renouvellement n’est pas valide.', { exact: false }).waitFor();
}, 240_000);
