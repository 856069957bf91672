import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import { networkNames } from '../accounts/accounts.names.ts';
import { accountIdOfEmail } from '../accounts/accounts.privacy.ts';
import { organizationNames } from '../organizations/organizations.names.ts';
import {
  type ErasurePart,
  type ErasureSubject,
  erased,
  type PersonalDataPart,
  type PrivacyCtx,
  type ProcessingActivity,
  personPattern,
  plural,
} from '../privacy/privacy.types.ts';
import { helloAssoOrders } from './memberships.helloasso.tables.ts';
import {
  memberContacts,
  members,
  membershipApplications,
  membershipDocuments,
} from './memberships.tables.ts';

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

/**
 * Erasure: the person's contact cards and pending or declined applications go; an approved application stays (the
 * proof the organisation accepted the terms) with the person replaced by the pseudonym; accounting records are
 * kept ten years (Code de commerce, art. L123-22): HelloAsso orders lose the payer's name and address, and an
 * issued document (call, receipt, credit note) has the person replaced where a field is exactly their name or
 * address (a sole trader billed in their own name); an organisation's legal name stays.
 */
export async function erasePersonalData(ctx: PrivacyCtx, who: ErasureSubject): Promise<ErasurePart> {
  const contacts = await contactsOf(ctx, who.email);
  const memberIds = [...new Set(contacts.map((c) => c.memberId))];
  if (contacts.length)
    await ctx.db.delete(memberContacts).where(
      inArray(
        memberContacts.id,
        contacts.map((c) => c.id),
      ),
    );
  const apps = await ctx.db
    .select({
      id: membershipApplications.id,
      status: membershipApplications.status,
      contacts: membershipApplications.contacts,
    })
    .from(membershipApplications)
    .where(
      or(
        sql`lower(${membershipApplications.applicantEmail}) = ${who.email}`,
        sql`exists (select 1 from jsonb_array_elements(${membershipApplications.contacts}) c where lower(c->>'email') = ${who.email})`,
      ),
    );
  const gone = apps.filter((a) => a.status !== 'approved').map((a) => a.id);
  if (gone.length)
    await ctx.db.delete(membershipApplications).where(inArray(membershipApplications.id, gone));
  const kept = apps.filter((a) => a.status === 'approved');
  for (const a of kept)
    await ctx.db
      .update(membershipApplications)
      .set({
        applicantEmail: sql`case when lower(${membershipApplications.applicantEmail}) = ${who.email} then ${who.pseudonym} else ${membershipApplications.applicantEmail} end`,
        contacts: a.contacts.map((c) =>
          (c.email ?? '').toLowerCase() === who.email
            ? { name: who.pseudonym, role: c.role, email: null, phone: null }
            : c,
        ),
      })
      .where(eq(membershipApplications.id, a.id));
  const orders = await ctx.db
    .update(helloAssoOrders)
    .set({ payerName: who.pseudonym, payerEmail: null })
    .where(sql`lower(${helloAssoOrders.payerEmail}) = ${who.email}`)
    .returning({ id: helloAssoOrders.id });
  // A JSON string value that is exactly one of the person's names or their address.
  const exact = `"(${personPattern(who)})"`;
  const docs = memberIds.length
    ? await ctx.db
        .update(membershipDocuments)
        .set({
          content: sql`regexp_replace(${membershipDocuments.content}::text, ${exact}, ${JSON.stringify(who.pseudonym)}, 'gi')::jsonb`,
        })
        .where(
          and(
            inArray(membershipDocuments.memberId, memberIds),
            sql`${membershipDocuments.content}::text ~* ${exact}`,
          ),
        )
        .returning({ id: membershipDocuments.id })
    : [];
  const docsOfMembers = memberIds.length
    ? (
        await ctx.db
          .select({ n: count() })
          .from(membershipDocuments)
          .where(inArray(membershipDocuments.memberId, memberIds))
      )[0].n - docs.length
    : 0;
  const d = docs.length;
  return {
    module: 'memberships',
    tables: [
      ...erased(
        'member_contacts',
        contacts.length,
        0,
        `${plural(contacts.length, 'fiche')} de contact d’adhérent supprimée${contacts.length > 1 ? 's' : ''}`,
      ),
      ...erased(
        'membership_applications',
        gone.length,
        kept.length,
        `${plural(apps.length, 'demande')} d’adhésion : ${gone.length} supprimée${gone.length > 1 ? 's' : ''}, ${kept.length} acceptée${kept.length > 1 ? 's' : ''} conservée${kept.length > 1 ? 's' : ''} (preuve de l’accord), nom remplacé`,
      ),
      ...erased(
        'helloasso_orders',
        0,
        orders.length,
        `${plural(orders.length, 'paiement')} HelloAsso conservé${orders.length > 1 ? 's' : ''} (obligation comptable, 10 ans), nom et adresse du payeur remplacés`,
      ),
      ...erased(
        'membership_documents',
        0,
        d,
        `${plural(d, 'document')} comptable${d > 1 ? 's' : ''} (appels, reçus, avoirs) conservé${d > 1 ? 's' : ''} (obligation comptable, 10 ans), nom remplacé`,
      ),
      ...erased(
        'membership_documents',
        0,
        0,
        `${plural(docsOfMembers, 'document')} comptable${docsOfMembers > 1 ? 's' : ''} de l’organisation conservé${docsOfMembers > 1 ? 's' : ''} tel${docsOfMembers > 1 ? 's' : ''} quel${docsOfMembers > 1 ? 's' : ''} (obligation comptable, 10 ans ; la raison sociale de l’organisation reste)`,
        docsOfMembers,
      ),
    ],
  };
}

export const processing: ProcessingActivity[] = [
  {
    id: 'memberships',
    name: {
      fr: 'Adhésions, cotisations et pièces comptables',
      en: 'Memberships, dues and accounting records',
    },
    data: {
      fr: 'Contacts nommés des adhérents, demandes d’adhésion, paiements, reçus et appels de cotisation',
      en: 'Members’ named contacts, applications, payments, receipts and calls for dues',
    },
    purpose: { fr: 'Gérer les adhésions et leur facturation', en: 'Manage memberships and their invoicing' },
    legalBasis: {
      fr: 'Contrat d’adhésion ; obligation légale pour les pièces comptables',
      en: 'Membership contract; legal obligation for accounting records',
    },
    retention: () => ({
      fr: 'Contacts : tant que l’organisation est adhérente ; pièces comptables et paiements : 10 ans (Code de commerce, art. L123-22), sans le nom de la personne après effacement',
      en: 'Contacts: while the organisation is a member; accounting records and payments: 10 years (French commercial code, art. L123-22), without the person’s name after erasure',
    }),
    audience: {
      fr: 'Les coordinateurs du réseau ; les autres adhérents selon le choix de chaque adhérent',
      en: 'The network’s coordinators; other members as each member chooses',
    },
  },
];
