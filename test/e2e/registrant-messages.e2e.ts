import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { buildEvent } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The business club's coordinator writes to the registrants of one of the club's events, on a desktop and on
// a 390 px phone: recipients with their counts, preview, send; the message is listed under the form, and the
// platform admin finds the mails in the outbox.

let e2e: Awaited<ReturnType<typeof startE2e>>;
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

/** A club event (built here: the demo's club events may have no registrants) with three people registered. */
async function clubEventWithRegistrants() {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  const event = await buildEvent(db, club.id, { title: 'Afterwork des entrepreneurs', capacity: 2 });
  const visitor = await e2e.newPage();
  for (const [i, name] of ['Anne Lefort', 'Bruno Caron', 'Chloé Petit'].entries()) {
    const res = await visitor.request.post(`/api/events/${event.id}/registrations`, {
      data: { name, email: `messages-${i}@example.org`, consent: true },
    });
    expect(res.status()).toBe(201);
  }
  return { id: event.id, title: event.title, n: 2, email: 'messages-0@example.org' };
}

async function writeAndSend(page: Page, eventId: string, confirmed: number, subject: string) {
  await page.goto(`/inscriptions/evenement/${eventId}`);
  await page.getByRole('heading', { name: 'Écrire aux inscrits' }).waitFor();
  // Each choice says how many people it reaches; confirmed registrants are chosen at first.
  const toConfirmed = page.getByRole('checkbox', {
    name: new RegExp(`^Inscrits confirmés \\(${confirmed} personnes?\\)`),
  });
  await toConfirmed.waitFor();
  expect(await toConfirmed.isChecked()).toBe(true);
  await page.getByRole('checkbox', { name: /^Liste d’attente \(\d+ personnes?\)/ }).waitFor();

  // Nothing written: the form says which fields, in French.
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByRole('alert').filter({ hasText: 'Objet' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('textbox', { name: /^Objet/ }).fill(subject);
  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('Le parking de la salle est fermé : garez-vous place de la mairie.');
  await page.getByRole('button', { name: 'Aperçu' }).click();
  const preview = page.getByRole('region', { name: 'Aperçu du message' });
  await preview.getByText(new RegExp(`Sera envoyé à ${confirmed} personnes?`)).waitFor();
  await preview.getByText(/Bonjour Prénom Nom,/).waitFor();
  await preview.getByText(/Ce message vous est envoyé par .*pour l’organisation de/).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Message envoyé à ${confirmed}` })
    .waitFor();
  const row = page.getByRole('row', { name: new RegExp(subject) });
  await row.waitFor();
  const cells = await row.getByRole('cell').allTextContents();
  expect(cells.slice(1)).toEqual([subject, String(confirmed), 'Claude Club (démo)']);
  expect(await seriousViolations(page)).toEqual([]);
}

it('the club coordinator writes to the registrants; the message is listed and in the outbox', async () => {
  const event = await clubEventWithRegistrants();
  const desktop = await e2e.newPage();
  await signIn(desktop, demoAccounts.clubCoordinator);
  await writeAndSend(desktop, event.id, event.n, 'Accès à la salle');

  const phone = await e2e.newPage({ mobile: true });
  await signIn(phone, demoAccounts.clubCoordinator);
  await writeAndSend(phone, event.id, event.n, 'Rappel horaires');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Both messages listed, newest first.
  const subjects = await phone
    .getByRole('region', { name: 'Messages envoyés' })
    .getByRole('row')
    .allTextContents();
  expect(subjects.slice(1).map((s) => /Rappel horaires|Accès à la salle/.exec(s)?.[0])).toEqual([
    'Rappel horaires',
    'Accès à la salle',
  ]);

  const admin = await e2e.newPage({ mobile: true });
  await signIn(admin, demoAccounts.admin);
  await admin.goto(`/admin/envois?a=${encodeURIComponent(event.email)}`);
  await admin.getByRole('row', { name: new RegExp(`Accès à la salle · ${event.title}`) }).waitFor();
  await admin.getByRole('row', { name: new RegExp(`Rappel horaires · ${event.title}`) }).waitFor();
  expect(await seriousViolations(admin)).toEqual([]);
}, 180_000);
