import { and, asc, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { withLuhnDigit } from '../../src/server/modules/company-identity/siret.ts';
import { memberContacts, members } from '../../src/server/modules/memberships/memberships.tables.ts';
import { organizations } from '../../src/server/modules/organizations/organizations.tables.ts';
import { buildAccount } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The members' directory in the browser, as each role: a member company, on a phone, chooses what the others see of
// it and updates a contact; another member sees its e-mail, a visitor sees the company but no contact; the club's
// coordinator sees everything and merges a duplicate record of the company into its record.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function as(page: Page, cookies: Record<string, string>) {
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: cookies[SESSION_COOKIE], url: e2e.baseUrl }]);
  return page;
}

it('shows each role what the member chose, lets the member choose, and the coordinator merge a duplicate', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  // Two current members that kept the defaults (listed to members; e-mails for the staff), with a contact each.
  const current = await db
    .select({ memberId: members.id, orgId: organizations.id, name: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(
      and(
        eq(members.networkId, club.id),
        eq(members.status, 'active'),
        sql`${members.visibility} = '{}'::jsonb`,
        sql`exists (select 1 from ${memberContacts} c where c.member_id = ${members.id} and c.role = 'main')`,
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(2);
  expect(current).toHaveLength(2);
  const [a, b] = current;
  const [contact] = await db
    .select()
    .from(memberContacts)
    .where(and(eq(memberContacts.memberId, a.memberId), eq(memberContacts.role, 'main')));
  const staffA = await buildAccount(db, { editorOf: a.orgId });
  const staffB = await buildAccount(db, { editorOf: b.orgId });
  const directoryUrl = `/adherents/annuaire/${club.id}`;

  // Member A, on a phone: from "Adhérents" to its own record.
  const memberA = await as(await e2e.newPage({ mobile: true }), staffA.cookies);
  await memberA.goto('/adherents');
  await memberA.getByRole('link', { name: a.name }).click();
  await memberA.getByRole('heading', { name: 'Ce que voient les autres' }).waitFor();
  // The contact's phone, updated.
  await memberA.getByLabel('Téléphone').first().fill('03 25 87 00 00');
  await memberA.getByRole('button', { name: 'Enregistrer les contacts' }).click();
  await memberA.getByText('Les contacts sont enregistrés.').waitFor();
  // Listed for everyone, e-mails for the members; the phone stays with the staff.
  await memberA
    .getByRole('group', { name: 'La présence de l’organisation dans l’annuaire des adhérents' })
    .getByRole('radio', { name: 'Tout le monde' })
    .check();
  await memberA
    .getByRole('group', { name: 'L’adresse e-mail des contacts' })
    .getByRole('radio', { name: 'Les adhérents du réseau' })
    .check();
  await memberA.getByRole('button', { name: 'Enregistrer ces choix' }).click();
  await memberA.getByText(/Vos choix sont enregistrés/).waitFor();
  expect(await memberA.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await seriousViolations(memberA)).toEqual([]);
  await memberA.context().close();

  // Member B, signed in: sees A's e-mail, not its phone.
  const memberB = await as(await e2e.newPage(), staffB.cookies);
  await memberB.goto(directoryUrl);
  await memberB.getByText(/Vous êtes adhérent de ce réseau/).waitFor();
  await memberB.getByRole('searchbox', { name: /Chercher un adhérent/ }).fill(a.name);
  await memberB.getByRole('button', { name: 'Chercher', exact: true }).click();
  const cardB = memberB.locator('.member-card', { hasText: a.name });
  await cardB.getByRole('link', { name: contact.email ?? '' }).waitFor();
  expect(await cardB.textContent()).toContain(contact.name);
  expect(await cardB.textContent()).not.toContain('03 25 87 00 00');
  expect(await seriousViolations(memberB)).toEqual([]);
  await memberB.context().close();

  // A visitor: A is listed (the company alone), B is not listed at all.
  const visitor = await e2e.newPage({ mobile: true });
  await visitor.goto(`${directoryUrl}?q=${encodeURIComponent(a.name)}`);
  await visitor.getByText(/ce que les adhérents montrent au public/).waitFor();
  const cardV = visitor.locator('.member-card', { hasText: a.name });
  await cardV.waitFor();
  expect(await cardV.textContent()).not.toContain(contact.name);
  expect(await cardV.textContent()).not.toContain(contact.email ?? '@');
  await visitor.goto(`${directoryUrl}?q=${encodeURIComponent(b.name)}`);
  await visitor.getByText('Aucun adhérent à afficher.').waitFor();
  expect(await seriousViolations(visitor)).toEqual([]);
  await visitor.context().close();

  // The club's coordinator: A's phone is shown to the staff; a duplicate record of A (imported years under a second
  // directory entry) is merged into A's record.
  const coordinator = await e2e.newPage();
  const signedIn = await coordinator.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  expect(signedIn.status()).toBe(200);
  const twinName = `${a.name} (saisie en double)`;
  const twinSiret = withLuhnDigit(`${withLuhnDigit('83215476')}0001`);
  const imported = await coordinator.request.post(`/api/networks/${club.id}/memberships/history?dryRun=0`, {
    headers: { 'content-type': 'text/csv' },
    data: `siret;nom;année;montant\n${twinSiret};${twinName};2002;100\n${twinSiret};${twinName};2003;100\n`,
  });
  expect(imported.status(), await imported.text()).toBe(200);
  await coordinator.goto(`${directoryUrl}?q=${encodeURIComponent(a.name)}`);
  await coordinator.getByText(/Vous coordonnez ce réseau/).waitFor();
  const cardC = coordinator.locator('.member-card', { hasText: a.name }).first();
  await cardC.getByText('03 25 87 00 00').waitFor();
  await cardC.getByRole('link', { name: `Fiche d’adhérent de ${a.name}` }).click();
  await coordinator.getByRole('heading', { name: 'Fusionner un doublon' }).waitFor();
  await coordinator.getByRole('combobox', { name: /Fiche en double/ }).fill(twinName);
  await coordinator.getByRole('option', { name: new RegExp(escapeRegExp(twinName)) }).click();
  coordinator.once('dialog', (dialog) => void dialog.accept());
  await coordinator.getByRole('button', { name: 'Fusionner dans cette fiche' }).click();
  await coordinator
    .getByText(new RegExp(`«\\s${escapeRegExp(twinName)}\\s» est fusionnée dans cette fiche`))
    .waitFor();
  // The imported years now open A's history.
  await coordinator.getByRole('cell', { name: /2002/ }).first().waitFor();
  expect(await seriousViolations(coordinator)).toEqual([]);
});
