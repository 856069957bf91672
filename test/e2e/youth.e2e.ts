import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { systemActor } from '../../src/server/context.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { sendSchoolLink } from '../../src/server/modules/networking/networking.youth.schools.ts';
import { updateContact } from '../../src/server/modules/relations/relations.contacts.ts';
import { relationContacts } from '../../src/server/modules/relations/relations.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// Schools and young people in the browser: a demo lycée of the relations log, sent its personal link, opens it on a
// 390 px phone, sees the club's internship offer and answers it; the member's contact is mailed; and the public
// page shows the public offers without their private contacts.

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
