import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { events } from '../../src/server/modules/events/events.tables.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { seriousViolations, startE2e } from './harness.ts';

// A recurring event takes registrations per date: a visitor registers for one Thursday of the demo club's monthly
// afterwork (on a desktop screen, then another visitor on a 390 px phone), gets the ticket of that date, and the
// organiser's list of that date shows them while the other dates' lists do not.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(async () => {
  await e2e?.stop();
});

async function expectAccessible(page: Page) {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
}

/** "jeudi 5 février 2027" as the pages write it (the first of a month is "1er"). */
const frDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  })
    .format(new Date(iso))
    .replace(/ 1 /, ' 1er ');

it('registers a visitor for one date of the afterwork; the organiser sees them on that date only', async () => {
  const db = e2e.server.deps.db;
  const [afterwork] = await db
    .select()
    .from(events)
    .where(eq(events.title, 'Afterwork du club Sud Haute-Marne'));
  const summary = await (
    await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}/registrations/summary`)
  ).json();
  const [first, second, third] = summary.occurrences.map((o: { startsAt: string }) => o.startsAt);

  const visitors = [
    { mobile: false, name: 'Dominique Bureau', email: 'dominique.bureau@example.org', date: second },
    { mobile: true, name: 'Sacha Téléphone', email: 'sacha.telephone@example.org', date: third },
  ];
  for (const v of visitors) {
    const page = await e2e.newPage({ mobile: v.mobile });
    await page.goto(`/agenda/evenements/${afterwork.id}`);
    const date = page.getByRole('combobox', { name: /^Date/ });
    // Each date says its seats: "jeudi 5 février 2027 — 30 places".
    await page.getByRole('option', { name: `${frDay(first)} — 30 places` }).waitFor({ state: 'attached' });
    await expectAccessible(page);
    await date.selectOption(v.date);
    await page.getByRole('textbox', { name: /Nom et prénom/ }).fill(v.name);
    await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(v.email);
    await page.getByLabel(/J’accepte que mes nom/).check();
    await page.getByRole('button', { name: /M’inscrire/ }).click();
    await page.waitForURL(/\/billet\/[\w-]+\?nouveau=1/);
    await page.getByRole('heading', { name: 'Inscription confirmée' }).waitFor();
    // The ticket is that Thursday's, not the series' first date.
    await page.getByText(new RegExp(frDay(v.date))).waitFor();
    await expectAccessible(page);
  }
  // Dominique's date now has one seat fewer.
  const after = await (await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}/registrations/summary`)).json();
  expect(after.occurrences[1]).toMatchObject({ startsAt: second, confirmed: 1, seatsLeft: 29 });

  const organiser = await e2e.newPage();
  const res = await organiser.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  expect(res.status()).toBe(200);
  await organiser.goto(`/inscriptions/evenement/${afterwork.id}`);
  const picker = organiser.getByRole('combobox', { name: /^Date/ });
  // By default, the next date: nobody registered there.
  await expect.poll(() => picker.inputValue()).toBe(first);
  await organiser.getByText('Aucune inscription pour le moment.').waitFor();
  expect(await organiser.getByRole('cell', { name: 'Dominique Bureau' }).count()).toBe(0);
  await expectAccessible(organiser);
  await picker.selectOption(second);
  await organiser.getByRole('cell', { name: 'Dominique Bureau' }).waitFor();
  expect(await organiser.getByRole('cell', { name: 'Sacha Téléphone' }).count()).toBe(0);
  await picker.selectOption(third);
  await organiser.getByRole('cell', { name: 'Sacha Téléphone' }).waitFor();
  expect(await organiser.getByRole('cell', { name: 'Dominique Bureau' }).count()).toBe(0);

  // On a phone too, with the date's export named by its day.
  const phone = await e2e.newPage({ mobile: true });
  await phone.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  await phone.goto(`/inscriptions/evenement/${afterwork.id}`);
  await phone.getByRole('combobox', { name: /^Date/ }).selectOption(second);
  await phone.getByRole('cell', { name: 'Dominique Bureau' }).waitFor();
  await expectAccessible(phone);
  const href = await phone.getByRole('link', { name: /Exporter les inscrits/ }).getAttribute('href');
  expect(href).toContain(`occurrence=${encodeURIComponent(second)}`);
  // Two visitors, two organiser screens: about a minute on a loaded 2-core machine.
}, 180_000);

it('asks the organiser to confirm an edit that removes a date with registrations, then tells the registrant', async () => {
  const db = e2e.server.deps.db;
  const [afterwork] = await db
    .select()
    .from(events)
    .where(eq(events.title, 'Afterwork du club Sud Haute-Marne'));
  const summary = await (
    await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}/registrations/summary`)
  ).json();
  const fourth: string = summary.occurrences[3].startsAt;
  const signUp = await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Camille Quatrième',
      email: 'camille.quatrieme@example.org',
      consent: true,
      occurrence: fourth,
    }),
  });
  expect(signUp.status).toBe(201);

  const organiser = await e2e.newPage();
  await organiser.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  await organiser.goto(`/agenda/evenements/${afterwork.id}/modifier`);
  const except = organiser.getByLabel('Sauf le');
  await except.waitFor();
  await except.fill(new Date(fourth).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }));
  await organiser.getByRole('button', { name: 'Exclure cette date' }).click();
  await organiser.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  // Before saving: what the edit would do, in words ("1 inscription au jeudi 5 février sera annulée …").
  const day = frDay(fourth).replace(/ \d{4}$/, '');
  await organiser
    .getByText(`1 inscription au ${day} sera annulée et la personne prévenue.`, { exact: true })
    .waitFor();
  await expectAccessible(organiser);
  const still = await (await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}`)).json();
  expect(still.recurrenceExceptions).toEqual(afterwork.recurrenceExceptions ?? []);

  await organiser.getByRole('button', { name: 'Oui, enregistrer' }).click();
  await organiser.waitForURL(new RegExp(`/agenda/evenements/${afterwork.id}$`));
  const after = await (await fetch(`${e2e.baseUrl}/api/events/${afterwork.id}/registrations/summary`)).json();
  expect(after.occurrences.map((o: { startsAt: string }) => o.startsAt)).not.toContain(fourth);
  const mails = await listOutbox(db, { to: 'camille.quatrieme@example.org' });
  expect(mails.map((m) => m.kind).sort()).toEqual([
    'events.registration-confirmed',
    'events.registration-date-cancelled',
  ]);
}, 180_000);
