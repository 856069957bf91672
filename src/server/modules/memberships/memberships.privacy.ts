import { eq, or, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import type { PersonalDataPart, PrivacyCtx } from '../privacy/privacy.types.ts';
import { helloAssoOrders } from './memberships.helloasso.tables.ts';
import { memberContacts, members, membershipApplications } from './memberships.tables.ts';

// A person in the memberships: the named contacts of member organisations with their address (or their account),
// the applications to join they made or are named in, and the HelloAsso orders they paid.

/** The member contacts of an address (by e-mail, or by the account it signs in with). */
async function contactsOf(ctx: PrivacyCtx, email: string) {
  const accountId = await accountIdOfEmail(ctx, email);
  return ctx.db
    .select({
      id: memberContacts.id,
      memberId: memberContacts.memberId,
      networkId: members.networkId,
      organizationId: members.organizationId,
      memberStatus: members.status,
      name: memberContacts.name,
      role: memberContacts.role,
      email: memberContacts.email,
      phone: memberContacts.phone,
      createdAt: memberContacts.createdAt,
    })
    .from(memberContacts)
    .innerJoin(members, eq(members.id, memberContacts.memberId))
    .where(
      or(
        sql`lower(${memberContacts.email}) = ${email}`,
        accountId ? eq(memberContacts.accountId, accountId) : undefined,
      ),
    );
}

/** The members (organisations) an address is a named contact of: the networking part reads them. */
export async function memberIdsOfContact(ctx: PrivacyCtx, email: string): Promise<string[]> {
  return [...new Set((await contactsOf(ctx, email)).map((c) => c.memberId))];
}

export async function exportPersonalData(ctx: PrivacyCtx, email: string): Promise<PersonalDataPart> {
  const [contacts, applications, orders] = await Promise.all([
    contactsOf(ctx, email),
    ctx.db
      .select({
        id: membershipApplications.id,
        networkId: membershipApplications.networkId,
        applicantEmail: membershipApplications.applicantEmail,
        contacts: membershipApplications.contacts,
        newOrganization: membershipApplications.newOrganization,
        message: membershipApplications.message,
        termsVersion: membershipApplications.termsVersion,
        termsText: membershipApplications.termsText,
        consentedAt: membershipApplications.consentedAt,
        status: membershipApplications.status,
        decisionMessage: membershipApplications.decisionMessage,
        decidedAt: membershipApplications.decidedAt,
        createdAt: membershipApplications.createdAt,
      })
      .from(membershipApplications)
      .where(
        or(
          sql`lower(${membershipApplications.applicantEmail}) = ${email}`,
          sql`exists (select 1 from jsonb_array_elements(${membershipApplications.contacts}) c where lower(c->>'email') = ${email})`,
        ),
      ),
    ctx.db
      .select({
        networkId: helloAssoOrders.networkId,
        orderId: helloAssoOrders.orderId,
        state: helloAssoOrders.state,
        amountCents: helloAssoOrders.amountCents,
        paidOn: helloAssoOrders.paidOn,
        payerName: helloAssoOrders.payerName,
        payerEmail: helloAssoOrders.payerEmail,
      })
      .from(helloAssoOrders)
      .where(sql`lower(${helloAssoOrders.payerEmail}) = ${email}`),
  ]);
  const networkIds = [...contacts, ...applications, ...orders].map((r) => r.networkId);
  const [nets, orgs] = await Promise.all([
    networkNames(ctx.db, [...new Set(networkIds)]),
    organizationNames(ctx.db, [...new Set(contacts.map((c) => c.organizationId))]),
  ]);
  const named = <T extends { networkId: string }>(r: T) => ({ network: nets.get(r.networkId) ?? null, ...r });
  return {
    module: 'memberships',
    tables: [
      {
        name: 'contacts',
        rows: contacts.map((c) => ({ ...named(c), organization: orgs.get(c.organizationId) ?? null })),
      },
      { name: 'applications', rows: applications.map(named) },
      { name: 'helloasso-orders', rows: orders.map(named) },
    ],
  };
}
