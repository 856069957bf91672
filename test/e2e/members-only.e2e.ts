import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { events } from '../../src/server/modules/events/events.tables.ts';
import { listOutbox } from '../../src/server/modules/mail/mail.service.ts';
import { memberContacts, members } from '../../src/server/modules/memberships/memberships.tables.ts';
import { buildAccount } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The club's general assembly is for its members only. A member's contact, not signed in, registers on a phone
// with the address the club knows: the page says a link was mailed, the link confirms and opens the ticket. A
// stranger gets the same sentence and no mail. A member signed in registers at once.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

it('lets members register (by their known address or signed in) and tells everyone the same', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  const [assembly] = await db
    .select()
    .from(events)
    .where(and(eq(events.networkId, club.id), eq(events.membersOnly, true)));
  expect(assembly).toBeDefined();
  const [contact] = await db
    .select({ email: memberContacts.email, name: memberContacts.name, orgId: members.organizationId })
    .from(memberContacts)
    .innerJoin(members, eq(members.id, memberContacts.memberId))
    .where(
      and(
        eq(members.networkId, club.id),
        eq(members.status, 'active'),
        sql`${memberContacts.email} is not null`,
      ),
    )
    .limit(1);
  const email = contact.email ?? '';

  // A member's contact, not signed in, on a phone.
  const page = await e2e.newPage({ mobile: true });
  await page.goto(`/agenda/evenements/${assembly.id}`);
  await page.getByText(/Réservé aux adhérents du réseau\s:\sconnectez-vous/).waitFor();
  await page.getByRole('textbox', { name: /Nom et prénom/ }).fill('Contact de l’adhérent');
  await page.getByRole('textbox', { name: /Adresse e-mail/ }).fill(email);
  await page.getByLabel(/J’accepte que mes nom/).check();
  await page.getByRole('button', { name: /M’inscrire/ }).click();
  await page.getByText(/Si cette adresse est celle d’un adhérent du réseau/).waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(page)).toEqual([]);
  const mails = await listOutbox(db, { to: email });
  const mail = mails.find((m) => m.kind === 'events.registration-member-confirm');
  expect(mail).toBeDefined();
  const link = /https?:\/\/\S+\/inscription\/confirmer\/\S+/.exec(mail?.text ?? '')?.[0] ?? '';
  await page.goto(new URL(link).pathname);
  await page.getByRole('heading', { name: 'Confirmer votre inscription' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Confirmer mon inscription' }).click();
  await page.waitForURL(/\/billet\//);
  await page.getByText(assembly.title).first().waitFor();
  await page.context().close();

  // A stranger: the same sentence, and no mail.
  const stranger = await e2e.newPage();
  await stranger.goto(`/agenda/evenements/${assembly.id}`);
  await stranger.getByRole('textbox', { name: /Nom et prénom/ }).fill('Curieux');
  await stranger.getByRole('textbox', { name: /Adresse e-mail/ }).fill('curieux@example.org');
  await stranger.getByLabel(/J’accepte que mes nom/).check();
  await stranger.getByRole('button', { name: /M’inscrire/ }).click();
  await stranger.getByText(/Si cette adresse est celle d’un adhérent du réseau/).waitFor();
  expect(await listOutbox(db, { to: 'curieux@example.org' })).toEqual([]);
  await stranger.context().close();

  // A member's staff, signed in: registered at once, straight to the ticket.
  const staff = await buildAccount(db, { editorOf: contact.orgId });
  const signed = await e2e.newPage();
  await signed
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: staff.cookies[SESSION_COOKIE], url: e2e.baseUrl }]);
  await signed.goto(`/agenda/evenements/${assembly.id}`);
  await signed.getByRole('textbox', { name: /Nom et prénom/ }).fill('Dirigeante adhérente');
  await signed.getByRole('textbox', { name: /Adresse e-mail/ }).fill(staff.account.email);
  await signed.getByLabel(/J’accepte que mes nom/).check();
  await signed.getByRole('button', { name: /M’inscrire/ }).click();
  await signed.waitForURL(/\/billet\//);
});
