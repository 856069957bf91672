import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { answerToken } from '../../src/server/modules/gtec/gtec.access.ts';
import { gtecAnswers, gtecRecipients, gtecWaves } from '../../src/server/modules/gtec/gtec.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The GTEC report in the browser: the club's coordinator opens the report of last year's closed demo wave, sees the
// age pyramid with its table and a figure marked secret (explained), prints it without the buttons, at desktop
// size and on a 390 px phone; a company opens its link to that wave and sees its figures beside the network's.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

const fitsPhone = (page: Awaited<ReturnType<typeof e2e.newPage>>) =>
  page.evaluate(() => document.documentElement.scrollWidth);

it('shows the coordinator the protected report, and a company its figures beside the network’s', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.slug, 'club-sud-haute-marne-demo'));
  const year = new Date().getFullYear() - 1;
  const title = `GTEC ${year} (démo)`;

  const desk = await e2e.newPage();
  await desk.goto(`/connexion?retour=${encodeURIComponent(`/gtec/reseau/${club.id}`)}`);
  await desk.fill('input[name=email]', demoAccounts.clubCoordinator.email);
  await desk.fill('input[name=password]', demoAccounts.clubCoordinator.password);
  await desk.press('input[name=password]', 'Enter');
  await desk.getByRole('link', { name: title }).click();
  await desk.getByRole('heading', { name: title, level: 1 }).waitFor();
  await desk.getByRole('link', { name: 'Voir le rapport', exact: true }).click();
  await desk.getByRole('heading', { name: `Rapport — ${title}`, level: 1 }).waitFor();
  await desk.getByText('55 entreprises ont répondu.').waitFor();
  await desk.getByRole('heading', { name: 'Pyramide des âges', level: 2 }).waitFor();
  const pyramid = desk.getByRole('table', { name: 'Effectifs par tranche d’âge et par sexe' });
  await pyramid.waitFor();
  expect(await pyramid.getByRole('row').count()).toBe(12);
  await desk.locator('.gtec-pyramid__row').first().waitFor();
  // A secret figure, and the sentence saying what it means.
  expect(await desk.locator('main .gtec-secret', { hasText: 'secret' }).count()).toBeGreaterThan(0);
  await desk.getByText(/^Un chiffre marqué «.secret.» n’est pas publié \(secret statistique\)/).waitFor();
  await desk.getByRole('heading', { name: 'Départs à la retraite prévus', level: 2 }).waitFor();
  await desk.getByRole('heading', { name: 'Besoins de recrutement à 12 mois', level: 2 }).waitFor();
  expect(await desk.textContent('main')).not.toContain('Soudure TIG');
  expect(await seriousViolations(desk)).toEqual([]);

  // Printed: the report without its buttons.
  await desk.emulateMedia({ media: 'print' });
  expect(await desk.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
  expect(await pyramid.isVisible()).toBe(true);
  await desk.emulateMedia({ media: 'screen' });
  await desk.getByRole('button', { name: 'Imprimer' }).waitFor();

  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.reload();
  await desk.getByRole('heading', { name: 'Pyramide des âges', level: 2 }).waitFor();
  await pyramid.waitFor();
  expect(await seriousViolations(desk)).toEqual([]);
  expect(await fitsPhone(desk)).toBeLessThanOrEqual(390);

  // A company of that wave, through its personal link (as mailed), on a phone.
  const [wave] = await db
    .select()
    .from(gtecWaves)
    .where(and(eq(gtecWaves.networkId, club.id), eq(gtecWaves.title, title)));
  const [answered] = await db
    .select({ id: gtecRecipients.id })
    .from(gtecRecipients)
    .innerJoin(gtecAnswers, eq(gtecAnswers.recipientId, gtecRecipients.id))
    .where(and(eq(gtecRecipients.waveId, wave.id), eq(gtecAnswers.status, 'submitted')))
    .limit(1);
  const token = answerToken(e2e.server.deps.config.sessionSecret, answered.id);
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto(`/gtec/vagues/${wave.id}/repondre?jeton=${encodeURIComponent(token)}`);
  await phone.getByRole('heading', { name: title, level: 1 }).waitFor();
  await phone.getByRole('heading', { name: 'Vos chiffres et ceux du réseau', level: 2 }).waitFor();
  const ages = phone.getByRole('table', { name: 'Âges de vos salariés et de ceux du réseau' });
  await ages.waitFor();
  await ages.getByRole('columnheader', { name: 'Votre entreprise' }).waitFor();
  await ages.getByRole('columnheader', { name: 'Ensemble du réseau' }).waitFor();
  const headcount = await ages.getByRole('row', { name: /^Effectif/ }).textContent();
  expect(headcount).toMatch(/Effectif\s*\d+\s*1\s?\d{3}/);
  await phone.getByRole('table', { name: 'Pyramide des âges (femmes / hommes)' }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  expect(await fitsPhone(phone)).toBeLessThanOrEqual(390);
}, 300_000);
