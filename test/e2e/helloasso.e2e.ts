import { and, asc, eq, gte } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoAccounts } from '../../src/cli/demo/directory.ts';
import { networks } from '../../src/server/modules/accounts/accounts.tables.ts';
import { helloAssoOrders } from '../../src/server/modules/memberships/memberships.helloasso.tables.ts';
import { members, membershipPeriods } from '../../src/server/modules/memberships/memberships.tables.ts';
import { organizations } from '../../src/server/modules/organizations/organizations.tables.ts';
import { seriousViolations, startE2e } from './harness.ts';

// The club's coordinator, on a phone, opens the HelloAsso panel of the demo: the import says the demo is connected
// to no HelloAsso account, one waiting order is attached to the member who paid (its dues are then paid, its
// payment referenced "HelloAsso <order>") and the other is dismissed; then real settings are saved (the secret
// never shown again) and a new notification key made.

let e2e: Awaited<ReturnType<typeof startE2e>>;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.stop());

const noHorizontalScroll = async (page: import('playwright-core').Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

it('attaches a waiting HelloAsso order to a member and dismisses another', async () => {
  const db = e2e.server.deps.db;
  const [club] = await db.select().from(networks).where(eq(networks.kind, 'club'));
  const waiting = await db
    .select()
    .from(helloAssoOrders)
    .where(and(eq(helloAssoOrders.networkId, club.id), eq(helloAssoOrders.state, 'unmatched')));
  const unknown = waiting.find((o) => o.reason?.startsWith('aucun adhérent'));
  const twice = waiting.find((o) => o.reason?.endsWith('aucune cotisation en attente de paiement'));
  expect(unknown && twice).toBeTruthy();
  // A member whose dues of this year wait for exactly that amount: the one the order pays for.
  const year = new Date().getUTCFullYear();
  const [payer] = await db
    .select({ memberId: members.id, name: organizations.name })
    .from(membershipPeriods)
    .innerJoin(members, eq(members.id, membershipPeriods.memberId))
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(
      and(
        eq(members.networkId, club.id),
        eq(membershipPeriods.state, 'called'),
        eq(membershipPeriods.amountCents, unknown!.amountCents),
        gte(membershipPeriods.startsOn, `${year}-01-01`),
      ),
    )
    .orderBy(asc(organizations.name))
    .limit(1);
  expect(payer).toBeDefined();

  const page = await e2e.newPage({ mobile: true });
  const signIn = await page.request.post('/api/auth/sign-in', {
    data: { email: demoAccounts.clubCoordinator.email, password: demoAccounts.clubCoordinator.password },
  });
  expect(signIn.status()).toBe(200);
  await page.goto(`/adherents/reseau/${club.id}`);
  const panel = page.getByRole('region', { name: 'HelloAsso', exact: true });
  await panel.getByText('ces réglages ne sont reliés à aucun compte HelloAsso', { exact: false }).waitFor();
  await panel.getByText('Aucun secret enregistré.', { exact: false }).waitFor();
  const card = (orderId: number) =>
    panel.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: new RegExp(`^Commande n°\\s${orderId} — `) }),
    });
  await card(unknown!.orderId).getByText(`Pourquoi\u00a0: ${unknown!.reason}`).waitFor();
  await card(twice!.orderId).getByText(`Pourquoi\u00a0: ${twice!.reason}`).waitFor();
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);

  // The demo cannot import: a sentence, not a success.
  await panel.getByRole('button', { name: 'Importer les commandes HelloAsso' }).click();
  await panel.getByText('Ces réglages HelloAsso sont ceux de la démonstration', { exact: false }).waitFor();
  // Saving without a secret: the field is named in the summary, which takes the focus.
  await panel.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  const summary = panel.getByRole('alert').filter({ hasText: 'Secret du client API' });
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

  // Attaching without choosing a member says so beside the field; then the member, searched by name.
  const first = card(unknown!.orderId);
  await first.getByRole('button', { name: `Rattacher la commande n° ${unknown!.orderId}` }).click();
  await first.getByText('choisissez l’adhérent qui a payé').first().waitFor();
  await first.getByRole('combobox', { name: /Adhérent qui a payé/ }).fill(payer.name);
  await first.getByRole('option', { name: payer.name, exact: true }).click();
  await first.getByRole('button', { name: `Rattacher la commande n° ${unknown!.orderId}` }).click();
  const attached = panel.getByText(
    new RegExp(`^Commande n°\\s${unknown!.orderId} rattachée à .+\\s: paiement de .+ enregistré\\.$`),
  );
  await attached.waitFor();
  expect(await card(unknown!.orderId).count()).toBe(0);
  await noHorizontalScroll(page);
  expect(await seriousViolations(page)).toEqual([]);

  // Dismissed: no payment, no longer listed.
  await card(twice!.orderId)
    .getByRole('button', { name: `Écarter la commande n° ${twice!.orderId}` })
    .click();
  await panel
    .getByText(new RegExp(`^Commande n° ${twice!.orderId} écartée\\s: aucun paiement enregistré\\.$`))
    .waitFor();
  await panel.getByText('Aucune commande en attente.').waitFor();
  const [dismissed] = await db
    .select({ state: helloAssoOrders.state, paymentId: helloAssoOrders.paymentId })
    .from(helloAssoOrders)
    .where(eq(helloAssoOrders.id, twice!.id));
  expect(dismissed).toEqual({ state: 'dismissed', paymentId: null });

  // Real settings: the secret is saved, never shown again; a new key changes the notification URL.
  const renew = panel.getByRole('button', { name: 'Générer une nouvelle clé' });
  expect(await renew.isDisabled()).toBe(true);
  const secret = 'secret-saisi-dans-le-navigateur';
  await panel.getByLabel(/Secret du client API/).fill(secret);
  await panel.getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await panel.getByText('Réglages HelloAsso enregistrés.').waitFor();
  await panel.getByText('Secret enregistré.', { exact: false }).waitFor();
  expect(await panel.getByText('ces réglages ne sont reliés à aucun compte HelloAsso').count()).toBe(0);
  expect(await panel.getByLabel(/Secret du client API/).inputValue()).toBe('');
  expect(await page.content()).not.toContain(secret);
  const url = panel.getByRole('textbox', { name: 'Adresse de notification' });
  const before = await url.inputValue();
  await renew.click();
  await panel.getByText('Nouvelle clé générée', { exact: false }).waitFor();
  expect(await url.inputValue()).not.toBe(before);
  expect(await url.inputValue()).toMatch(/[?&]key=[\w-]{20,}/);

  // The payment is on the member: this year's dues paid, a receipt, referenced as the import does.
  const member = (await (await page.request.get(`/api/members/${payer.memberId}`)).json()) as {
    payments: { reference: string | null; amountCents: number; method: string }[];
  };
  expect(member.payments).toContainEqual(
    expect.objectContaining({
      reference: `HelloAsso ${unknown!.orderId}`,
      amountCents: unknown!.amountCents,
      method: 'card',
    }),
  );
  await page.goto(`/adherents/fiche/${payer.memberId}`);
  await page.getByRole('heading', { name: payer.name, level: 1 }).waitFor();
  await page
    .getByRole('link', { name: /^Télécharger Reçu de cotisation n°/ })
    .first()
    .waitFor();
  await noHorizontalScroll(page);
}, 240_000);
