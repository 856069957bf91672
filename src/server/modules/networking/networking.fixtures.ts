import type { TestContext } from '../../testing.ts';
import {
  buildAccount,
  buildClub,
  buildOrganization,
  type Cookies,
  caller,
} from '../memberships/memberships.fixtures.ts';

// Test helpers of the networking tests: a club whose members are paid up (active), each with a main contact who
// signs in with their own account.

export type Club = Awaited<ReturnType<typeof buildClub>>;

let n = 0;

/** An organisation made a member of the club (paid, so active), its main contact signed in. */
export async function buildMember(
  ctx: TestContext,
  club: Club,
  org: { name: string; communeCode?: string; nafSection?: string; description?: string },
  opts: { paid?: boolean; paidOn?: string } = {},
) {
  const call = caller(ctx);
  n += 1;
  const organization = await buildOrganization(ctx.db, { departmentCode: '52', ...org });
  const person = await buildAccount(ctx.db);
  const contact = {
    name: `Contact ${org.name}`,
    email: `contact${n}-${organization.id.slice(0, 6)}@example.org`,
    phone: `03 25 00 00 ${String(n).padStart(2, '0')}`,
  };
  const res = await call('POST', `/api/networks/${club.network.id}/memberships`, club.coordinator.cookies, {
    organizationId: organization.id,
    planId: club.small.id,
    contacts: [{ ...contact, role: 'main', accountId: person.account.id }],
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const member = res.json();
  if (opts.paid !== false) {
    const paid = await call('POST', `/api/members/${member.id}/payments`, club.coordinator.cookies, {
      amountCents: 12_000,
      method: 'transfer',
      paidOn: opts.paidOn ?? '2026-04-01',
    });
    if (paid.statusCode !== 201) throw new Error(paid.body);
  }
  return { member: { id: member.id as string }, organization, cookies: person.cookies as Cookies, contact };
}

export const postBody = (memberId: string, extra: Record<string, unknown> = {}) => ({
  memberId,
  kind: 'offer',
  title: 'Annonce',
  body: 'Texte de l’annonce',
  category: 'service',
  expiresOn: '2026-06-30',
  visibility: 'members',
  ...extra,
});

export { buildAccount, buildClub, caller };
