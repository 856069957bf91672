import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { systemActor } from '../../src/server/context.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { members } from '../../src/server/modules/memberships/memberships.tables.ts';
import { sendSchoolLink } from '../../src/server/modules/networking/networking.youth.schools.ts';
import { youthOffers } from '../../src/server/modules/networking/networking.youth.tables.ts';
import { buildAccount } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { updateContact } from '../../src/server/modules/relations/relations.contacts.ts';
import { relationContacts } from '../../src/server/modules/relations/relations.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// Schools and young people in the browser: a demo lycée of the relations log, sent its personal link, opens it on a
// 390 px phone, sees the club's internship offer and answers it; the member's contact is mailed; and the public
// page shows the public offers without their private contacts. Then the member edits its offer on a phone: a ROME
// job title picked, shown on the public page, and closes it.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('a lycée contact opens its link on a phone, sees an internship offer and answers it', async () => {
  const deps = e2e.server.deps;
  const [club] = await deps.db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const [lycee] = await deps.db
    .select()
    .from(relationContacts)
    .where(and(eq(relationContacts.networkId, club.id), eq(relationContacts.kind, 'school')))
    .orderBy(relationContacts.name);
  await updateContact(deps, systemActor, lycee.id, { email: 'lycee-e2e@example.org' });
  const { link } = await sendSchoolLink(deps, systemActor, club.id, lycee.id);

  const phone = await e2e.newPage({ mobile: true });
  await phone.goto(new URL(link).pathname);
  await phone.getByRole('heading', { name: /^Offres pour vos élèves/, level: 1 }).waitFor();
  await phone.getByRole('heading', { name: 'Menuisier agenceur' }).waitFor();
  expect(await phone.textContent('main')).toContain('tuteur-1@example.org');
  expect(await seriousViolations(phone)).toEqual([]);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  const card = phone.locator('li', { has: phone.getByRole('heading', { name: 'Menuisier agenceur' }) });
  await card.getByText('Répondre à cette offre').click();
  await card.getByRole('spinbutton', { name: 'Nombre de jeunes intéressés' }).fill('1');
  await card
    .getByRole('textbox', { name: 'Message à l’entreprise' })
    .fill('Une élève de terminale, disponible.');
  await card.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await card.getByText('Réponse envoyée : l’entreprise a reçu votre message.').waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  const [mail] = await listOutbox(deps.db, { to: 'tuteur-1@example.org' });
  expect(mail.text).toContain('Une élève de terminale');

  // The public page: the public offers, the contact only where the member chose so.
  const visitor = await e2e.newPage({ mobile: true });
  await visitor.goto(`/jeunes/reseau/${club.id}`);
  await visitor.getByRole('heading', { name: /^Stages et alternances/, level: 1 }).waitFor();
  await visitor.getByRole('heading', { name: 'Métiers de la boulangerie' }).waitFor();
  const text = await visitor.textContent('main');
  expect(text).not.toContain('Logistique et préparation de commandes');
  expect(text).not.toContain('tuteur-2@example.org');
  expect(text).not.toContain('tuteur-3@example.org');
  expect(await seriousViolations(visitor)).toEqual([]);

  // The coordinator's page: last year's counts, the school's link, which they revoke; the link then says so.
  const desk = await e2e.newPage();
  await desk.goto(`/connexion?retour=${encodeURIComponent(`/jeunes/reseau/${club.id}`)}`);
  await desk.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await desk.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await desk.press('input[name=password]', 'Enter');
  await desk.getByRole('heading', { name: 'Jeunes accueillis par année', level: 2 }).waitFor();
  await desk.getByText(`${new Date().getFullYear() - 1} : 7 jeunes accueillis`).waitFor();
  await desk.getByRole('combobox', { name: 'Établissement' }).waitFor();
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('button', { name: `Retirer le lien de ${lycee.name}` }).click();
  await desk.getByText('retiré', { exact: false }).first().waitFor();
  await phone.reload();
  await phone.getByText(/Ce lien a été retiré par le réseau/).waitFor();
}, 180_000);

async function pageAs(cookies: Record<string, string>): Promise<Page> {
  const page = await e2e.newPage({ mobile: true });
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: cookies[SESSION_COOKIE], url: e2e.baseUrl }]);
  return page;
}

it('the member edits its offer on a phone with a ROME job title, shown on the public page, then closes it', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const [offer] = await db
    .select({ id: youthOffers.id, organizationId: members.organizationId })
    .from(youthOffers)
    .innerJoin(members, eq(members.id, youthOffers.memberId))
    .where(and(eq(youthOffers.networkId, club.id), eq(youthOffers.occupation, 'Menuisier agenceur')));
  const staff = await buildAccount(db, { editorOf: offer.organizationId });
  const phone = await pageAs(staff.cookies);
  await phone.goto(`/jeunes/reseau/${club.id}`);
  await phone.getByRole('heading', { name: /^Stages et alternances/, level: 1 }).waitFor();
  const card = phone.locator('li', { has: phone.getByRole('heading', { name: 'Menuisier agenceur' }) });
  await card.getByText('Modifier l’offre « Menuisier agenceur »').click();
  const picker = card.getByRole('combobox', { name: /^Métier/ });
  await picker.fill('menuisier agencement');
  await phone.getByRole('option', { name: /^Menuisier \/ Menuisière d’agencement/ }).click();
  await card.getByRole('textbox', { name: 'Nombre de places' }).fill('3');
  expect(await seriousViolations(phone)).toEqual([]);
  await card.getByRole('button', { name: 'Enregistrer l’offre' }).click();
  const edited = phone.locator('li', {
    has: phone.getByRole('heading', { name: 'Menuisier / Menuisière d’agencement' }),
  });
  await edited.getByText('3 places').waitFor();
  await edited.getByText(/^Fiche ROME H2206\s: /).waitFor();
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(phone)).toEqual([]);

  // The public page shows the title and its ROME code.
  const visitor = await e2e.newPage({ mobile: true });
  await visitor.goto(`/jeunes/reseau/${club.id}`);
  const shown = visitor.locator('li', {
    has: visitor.getByRole('heading', { name: 'Menuisier / Menuisière d’agencement' }),
  });
  await shown.getByText(/^Fiche ROME H2206\s: /).waitFor();
  expect(await shown.getByRole('button').count()).toBe(0);

  // Closed by its member: off the public page.
  await edited.getByRole('button', { name: 'Clore l’offre « Menuisier / Menuisière d’agencement »' }).click();
  await phone.getByText('Offre close : elle n’est plus proposée aux jeunes ni aux établissements.').waitFor();
  await edited.getByText('close', { exact: true }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  await visitor.reload();
  await visitor.getByRole('heading', { name: /^Stages et alternances/, level: 1 }).waitFor();
  await visitor.getByRole('heading', { name: 'Métiers de la boulangerie' }).waitFor();
  expect(await visitor.textContent('main')).not.toContain('Menuisier / Menuisière d’agencement');
}, 180_000);
