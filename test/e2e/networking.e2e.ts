import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { SESSION_COOKIE } from '../../src/server/modules/accounts/sessions.ts';
import { outbox } from '../../src/server/modules/mail/mail.tables.ts';
import { memberContacts, members } from '../../src/server/modules/memberships/memberships.tables.ts';
import { organizations } from '../../src/server/modules/organizations/organizations.tables.ts';
import { buildAccount } from '../../src/server/modules/registrations/registrations.fixtures.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The exchange of offers and needs in the browser: a club member posts a need, sees another member's offer among
// its suggestions, asks for an introduction; both accept through the links mailed to them (read from the outbox),
// on a desktop and on a phone, and only then see each other's contacts.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

async function pageAs(cookies: Record<string, string>, opts: { mobile?: boolean } = {}): Promise<Page> {
  const page = await e2e.newPage(opts);
  await page
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: cookies[SESSION_COOKIE], url: e2e.baseUrl }]);
  return page;
}

it('takes a need to an introduction both members accept, then shows their contacts', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  // Two active members of the club whose main contact has an e-mail address; their staff sign in.
  const rows = await db
    .select({
      memberId: members.id,
      orgId: organizations.id,
      name: organizations.name,
      contact: memberContacts.name,
      email: memberContacts.email,
    })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .innerJoin(memberContacts, eq(memberContacts.memberId, members.id))
    .where(
      and(
        eq(members.networkId, club.id),
        inArray(members.status, ['active']),
        eq(memberContacts.role, 'main'),
        isNotNull(memberContacts.email),
      ),
    )
    .orderBy(desc(organizations.name))
    .limit(2);
  const [a, b] = rows;
  expect(b).toBeDefined();
  const staffA = await buildAccount(db, { editorOf: a.orgId });
  const staffB = await buildAccount(db, { editorOf: b.orgId });

  // B offers timber framing (through the API, as its staff).
  const expiresOn = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const offer = await e2e.server.app.inject({
    method: 'POST',
    url: `/api/networks/${club.id}/exchange`,
    cookies: staffB.cookies,
    payload: {
      memberId: b.memberId,
      kind: 'offer',
      title: 'Hangars en bois et charpente',
      body: 'Charpentier : hangars, ossature bois.',
      category: 'service',
      expiresOn,
      visibility: 'members',
    },
  });
  expect(offer.statusCode).toBe(201);

  // A posts a need on a desktop.
  const desk = await pageAs(staffA.cookies);
  await desk.goto('/bourse');
  await desk.getByRole('link', { name: club.name }).click();
  await desk.getByRole('heading', { name: /Bourse d’échanges/, level: 1 }).waitFor();
  await desk.getByRole('heading', { name: 'Hangars en bois et charpente' }).waitFor();
  await desk.getByRole('combobox', { name: 'Type' }).last().selectOption('need');
  await desk.getByRole('textbox', { name: /Titre/ }).fill('Un charpentier pour notre hangar');
  await desk
    .getByRole('textbox', { name: /Texte/ })
    .fill('Nous cherchons une charpente bois pour un hangar de stockage.');
  await desk.getByRole('combobox', { name: 'Catégorie' }).last().selectOption('subcontracting');
  expect(await seriousViolations(desk)).toEqual([]);
  await desk.getByRole('button', { name: 'Publier' }).click();
  await desk.getByRole('link', { name: /Voir l’annonce et ses suggestions/ }).click();
  await desk.getByRole('heading', { name: 'Un charpentier pour notre hangar', level: 1 }).waitFor();
  const suggestion = desk
    .getByRole('listitem')
    .filter({ has: desk.getByRole('link', { name: 'Hangars en bois et charpente' }) });
  await suggestion.waitFor();
  expect(await suggestion.textContent()).toMatch(/mots en commun : .*charpent/);
  expect(await seriousViolations(desk)).toEqual([]);
  await suggestion.getByRole('button', { name: `Demander une mise en relation avec ${b.name}` }).click();
  await desk.getByText('Demande envoyée').first().waitFor();

  // Both are mailed their own link (read from the outbox).
  const mails = await db
    .select()
    .from(outbox)
    .where(eq(outbox.kind, 'networking.introduction-request'))
    .orderBy(asc(outbox.createdAt));
  const linkOf = (email: string) => {
    const mail = mails.find((m) => m.to === email.toLowerCase());
    expect(mail, email).toBeDefined();
    const m = mail!.text.match(/\/mises-en-relation\/reponse\/[A-Za-z0-9_-]+/);
    return m![0];
  };
  const linkA = linkOf(a.email!);
  const linkB = linkOf(b.email!);

  // A accepts on a phone: nothing of B's contact is shown yet.
  const phone = await e2e.newPage({ mobile: true });
  await phone.goto(linkA);
  await phone.getByText('Vos coordonnées ne sont transmises que si vous acceptez tous les deux.').waitFor();
  expect(await phone.content()).not.toContain(b.email!);
  expect(await seriousViolations(phone)).toEqual([]);
  await phone.getByRole('button', { name: 'Accepter' }).click();
  await phone.getByText(`En attente de la réponse de ${b.name}`).waitFor();
  expect(await phone.content()).not.toContain(b.email!);

  // B accepts on a desktop and sees A's main contact.
  const deskB = await e2e.newPage();
  await deskB.goto(linkB);
  await deskB.getByRole('button', { name: 'Accepter' }).click();
  await deskB.getByRole('link', { name: a.email! }).waitFor();
  expect(await deskB.textContent('body')).toContain(a.contact);
  expect(await seriousViolations(deskB)).toEqual([]);

  // A, back on the link, sees B's; and in "Mes mises en relation".
  await phone.reload();
  await phone.getByRole('link', { name: b.email! }).waitFor();
  expect(await seriousViolations(phone)).toEqual([]);
  await desk.goto('/mises-en-relation');
  await desk.getByRole('link', { name: b.email! }).waitFor();
  expect(await seriousViolations(desk)).toEqual([]);
}, 240_000);
