import type { TestContext } from '../../testing.ts';
import { signInAs } from '../accounts/accounts.factory.ts';
import { type buildClub, caller } from '../networking/networking.fixtures.ts';
import {
  newsletterLists,
  newsletterSubscriptions,
  newsletterSuppressions,
} from '../newsletters/newsletters.tables.ts';
import { buildEvent, buildOrganization } from '../registrations/registrations.fixtures.ts';

// The privacy tests' person (privacy.test.ts for the export, privacy.erasure.test.ts for the erasure).

export type Club = Awaited<ReturnType<typeof buildClub>>;

/** A person present in every module: an account, a member's contact, a payment, a registration, a relations contact,
 * a subscription and a suppression (the mails and audit entries follow). */
export async function seedPrivacyPerson(ctx: TestContext, email: string, name: string, club: Club) {
  const call = caller(ctx);
  const cookie = await signInAs(ctx.app, ctx.deps, { email, name });
  const cookies = { maillage_session: cookie.split('=')[1] };
  // The named contact of a member organisation, signing in with her account.
  const org = await buildOrganization(ctx.db, { name: `Atelier de ${name}`, email, departmentCode: '52' });
  const me = (await ctx.app.inject({ url: '/api/me', headers: { cookie } })).json();
  const member = await call(
    'POST',
    `/api/networks/${club.network.id}/memberships`,
    club.coordinator.cookies,
    {
      organizationId: org.id,
      planId: club.small.id,
      contacts: [{ name, role: 'main', email, phone: '03 25 00 00 99', accountId: me.account.id }],
    },
  );
  if (member.statusCode !== 201) throw new Error(member.body);
  await call('POST', `/api/members/${member.json().id}/payments`, club.coordinator.cookies, {
    amountCents: 12_000,
    method: 'transfer',
    paidOn: '2026-04-01',
  });
  // A registration (its confirmation mail lands in the outbox).
  const event = await buildEvent(ctx.db, club.network.id, {
    title: `Atelier où vient ${name}`,
    contactEmail: email,
  });
  const reg = await call('POST', `/api/events/${event.id}/registrations`, undefined, {
    name,
    email,
    consent: true,
    accessibilityNeeds: `Besoins de ${name}`,
    organization: '=1+2',
  });
  if (reg.statusCode !== 201) throw new Error(reg.body);
  // The relations log of the network names her.
  const contact = await call(
    'POST',
    `/api/networks/${club.network.id}/relation-contacts`,
    club.coordinator.cookies,
    {
      kind: 'partner',
      name,
      email,
      notes: `Notes sur ${name}`,
    },
  );
  if (contact.statusCode !== 201) throw new Error(contact.body);
  // Newsletters: no service yet on this branch, so its rows are written as its module will write them.
  const [list] = await ctx.db
    .insert(newsletterLists)
    .values({
      networkId: club.network.id,
      name: `Lettre ${name}`,
      consentText: 'J’accepte',
      consentVersion: '1',
    })
    .returning();
  await ctx.db.insert(newsletterSubscriptions).values({
    listId: list.id,
    networkId: club.network.id,
    email,
    status: 'confirmed',
    legalBasis: 'consent',
    source: 'form',
    consentText: 'J’accepte',
    consentVersion: '1',
    ip: '203.0.113.7',
  });
  await ctx.db.insert(newsletterSuppressions).values({ email, reason: 'complaint' });
  return { cookies, memberId: member.json().id as string, orgId: org.id };
}
