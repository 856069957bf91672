import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { outbox } from '../../src/server/modules/mail/mail.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The GTEC in the browser: the club's coordinator opens a wave to one member company, which answers on a 390 px
// phone through the link it was mailed (occupation found by its job title, saved as typed, submitted) and sees its
// own figures; the coordinator then sees that it answered, and when, never what.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('opens a wave, and a company answers it on a phone through its link', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));

  const desk = await e2e.newPage();
  await desk.goto(`/connexion?retour=${encodeURIComponent('/gtec')}`);
  await desk.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await desk.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await desk.press('input[name=password]', 'Enter');
  await desk.getByRole('heading', { name: 'GTEC et enquêtes', level: 1 }).waitFor();
  await desk.getByRole('link', { name: club.name }).click();
  await desk.getByRole('heading', { name: /^Enquêtes — /, level: 1 }).waitFor();
  await desk
    .getByRole('link', { name: /^GTEC \d{4} \(démo\)$/ })
    .first()
    .waitFor();
  expect(await seriousViolations(desk)).toEqual([]);

  await desk.getByRole('textbox', { name: /^Titre/ }).fill('GTEC e2e');
  await desk.getByRole('radio', { name: 'Les adhérents choisis' }).check();
  const first = desk.locator('.gtec-choices li').filter({ hasNotText: 'sans adresse' }).first();
  const company = (await first.textContent())?.trim() ?? '';
  await first.getByRole('checkbox').check();
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('button', { name: 'Ouvrir la vague et envoyer les liens' }).click();
  await desk.getByText('Vague ouverte. Entreprises interrogées : 1 ; liens envoyés : 1.').waitFor();

  const [mail] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, 'gtec.wave-invitation')))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const link = /https?:\/\/\S+(\/gtec\/vagues\/([0-9a-f-]{36})\/repondre\?jeton=\S+)/.exec(mail.text);
  expect(link).toBeTruthy();
  const [, path, waveId] = link!;

  const phone = await e2e.newPage({ mobile: true });
  await phone.goto(path);
  await phone.getByRole('heading', { name: 'GTEC e2e', level: 1 }).waitFor();
  await phone.getByText(`Réponse de ${company}`).waitFor();
  await phone
    .getByText('Les chiffres du territoire seront publiés à la clôture de la vague, sous secret statistique.')
    .waitFor();
  await phone.getByRole('button', { name: 'Ajouter une ligne' }).first().click();
  await phone.getByRole('combobox', { name: /^Métier/ }).fill('soudeur');
  await phone.getByRole('option', { name: /^Soudeur \/ Soudeuse \(H2913/ }).click();
  await phone.getByRole('combobox', { name: 'Tranche d’âge' }).selectOption('55-59');
  await phone.getByRole('spinbutton', { name: 'Nombre de personnes' }).fill('3');
  await phone.getByText(/^Enregistré à/).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Resumed after a reload: the line is there, named by its occupation.
  await phone.reload();
  await phone.getByRole('heading', { name: 'GTEC e2e', level: 1 }).waitFor();
  expect(await phone.getByRole('combobox', { name: /^Métier/ }).inputValue()).toBe('Soudage manuel (H2913)');
  expect(await phone.getByRole('spinbutton', { name: 'Nombre de personnes' }).inputValue()).toBe('3');
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await phone.getByText(/^Réponses envoyées le/).waitFor();
  await phone.getByRole('link', { name: 'Télécharger mes réponses (CSV)' }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await desk.goto(`/gtec/vagues/${waveId}`);
  await desk.getByText('Réponses reçues : 1 sur 1.').waitFor();
  const row = desk.getByRole('row').filter({ hasText: company });
  expect(await row.textContent()).toMatch(/répondu le/);
  expect(await desk.textContent('main')).not.toContain('H2913');
  expect(await seriousViolations(desk)).toEqual([]);
}, 240_000);
