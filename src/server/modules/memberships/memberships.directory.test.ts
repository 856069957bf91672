import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { normalizeName } from '../territories/territories.data.ts';
import { defaultVisibility, sees, visibilityOf } from './memberships.directory.ts';
import { buildAccount, buildClub, buildOrganization, type Cookies, caller } from './memberships.fixtures.ts';
import { members, membershipDocuments, membershipPayments, membershipPeriods } from './memberships.tables.ts';

// The members' directory: each member chooses, field by field, who sees it (the public, the network's members, its
// staff); members keep their own record; a coordinator merges two records of one member, keeping both histories.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-03-10T09:00:00Z') });
});
afterAll(() => ctx?.close());

describe('visibility rules', () => {
  it('never shows a field wider than the listing itself', () => {
    const v = visibilityOf({ listed: 'members', contactEmails: 'public', contactPhones: 'nonsense' });
    expect(v.contactPhones).toBe(defaultVisibility.contactPhones);
    expect(sees(v, 'contactEmails', 'public')).toBe(false);
    expect(sees(v, 'contactEmails', 'members')).toBe(true);
    expect(sees(v, 'contactPhones', 'members')).toBe(false);
    expect(sees(v, 'contactPhones', 'staff')).toBe(true);
  });
});

/** A club with a paid-up member (editor account, two contacts) and a second member, and another club. */
async function club() {
  const call = caller(ctx);
  const c = await buildClub(ctx);
  const join = async (name: string, contacts: Record<string, unknown>[]) => {
    // With the search key the directory's service keeps.
    const org = await buildOrganization(ctx.db, { name, searchText: normalizeName(name) });
    const added = await call('POST', `/api/networks/${c.network.id}/memberships`, c.coordinator.cookies, {
      organizationId: org.id,
      planId: c.small.id,
      startsOn: '2026-01-01',
      contacts,
    });
    expect(added.statusCode, added.body).toBe(201);
    const member = added.json();
    const paid = await call('POST', `/api/members/${member.id}/payments`, c.coordinator.cookies, {
      periodId: member.periods[0].id,
      amountCents: member.periods[0].amountCents,
      method: 'transfer',
      paidOn: '2026-01-15',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const editor = await buildAccount(ctx.db, { editorOf: org.id });
    return { org, member, editor };
  };
  const a = await join('Atelier Arnould', [
    { name: 'Anne Arnould', role: 'main', email: 'anne@arnould.example', phone: '03 25 00 00 01' },
    { name: 'Bruno Facturier', role: 'billing', email: 'compta@arnould.example' },
  ]);
  const b = await join('Boulangerie Bastien', [
    { name: 'Bernard Bastien', role: 'main', email: 'b@bastien.example' },
  ]);
  const other = await buildClub(ctx);
  return { ...c, a, b, other };
}

const directory = async (networkId: string, cookies?: Cookies, q = '') =>
  caller(ctx)(
    'GET',
    `/api/networks/${networkId}/member-directory${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    cookies,
  );

describe('the members’ directory', () => {
  it('shows each viewer what the member chose for them', async () => {
    const call = caller(ctx);
    const c = await club();
    const stranger = await buildAccount(ctx.db);

    // By default: listed to members, with names; e-mails and phones for the staff only.
    const asMember = (await directory(c.network.id, c.b.editor.cookies)).json();
    expect(asMember.viewer).toBe('members');
    const arnould = asMember.items.find((i: { name: string }) => i.name === 'Atelier Arnould');
    expect(arnould.memberId).toBeNull();
    expect(arnould.memberSince).toBe('2026-01-01');
    expect(arnould.contacts).toEqual([
      { name: 'Anne Arnould', role: 'main', email: null, phone: null },
      { name: 'Bruno Facturier', role: 'billing', email: null, phone: null },
    ]);
    const publicView = (await directory(c.network.id)).json();
    expect(publicView).toMatchObject({ viewer: 'public', total: 0, items: [] });
    expect((await directory(c.network.id, stranger.cookies)).json().viewer).toBe('public');
    // Another network's coordinator is the public here.
    const foreign = (await directory(c.network.id, c.other.coordinator.cookies)).json();
    expect(foreign).toMatchObject({ viewer: 'public', total: 0 });
    const staff = (await directory(c.network.id, c.coordinator.cookies)).json();
    expect(staff.viewer).toBe('staff');
    expect(staff.items.find((i: { name: string }) => i.name === 'Atelier Arnould')).toMatchObject({
      memberId: c.a.member.id,
      contacts: [
        { name: 'Anne Arnould', email: 'anne@arnould.example', phone: '03 25 00 00 01' },
        { name: 'Bruno Facturier', email: 'compta@arnould.example', phone: null },
      ],
    });

    // The member opens its listing to the public and its e-mails to the members; its phone stays with the staff.
    const set = await call('PUT', `/api/members/${c.a.member.id}/visibility`, c.a.editor.cookies, {
      listed: 'public',
      contactEmails: 'members',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().visibility).toEqual({
      ...defaultVisibility,
      listed: 'public',
      contactEmails: 'members',
    });
    const nowPublic = (await directory(c.network.id)).json();
    expect(nowPublic.items.map((i: { name: string }) => i.name)).toEqual(['Atelier Arnould']);
    // Names and seniority were for members: the public sees the company alone.
    expect(nowPublic.items[0]).toMatchObject({ memberSince: null, contacts: [] });
    const nowMember = (await directory(c.network.id, c.b.editor.cookies, 'arnould')).json();
    expect(nowMember.items).toHaveLength(1);
    expect(nowMember.items[0].contacts[0]).toEqual({
      name: 'Anne Arnould',
      role: 'main',
      email: 'anne@arnould.example',
      phone: null,
    });
    // Nothing of it in the public JSON, whatever the query.
    expect(JSON.stringify((await directory(c.network.id, undefined, 'Arnould')).json())).not.toMatch(
      /anne@|03 25|Anne Arnould/,
    );
  });

  it('lets only the member itself and its coordinators choose, with errors in words', async () => {
    const call = caller(ctx);
    const c = await club();
    const url = `/api/members/${c.a.member.id}/visibility`;
    expect((await call('PUT', url, c.b.editor.cookies, { listed: 'public' })).statusCode).toBe(404);
    expect((await call('PUT', url, c.other.coordinator.cookies, { listed: 'public' })).statusCode).toBe(404);
    expect((await call('PUT', url, undefined, { listed: 'public' })).statusCode).toBe(401);
    const bad = await call('PUT', url, c.a.editor.cookies, { contactEmails: 'everyone' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toMatch(/public, adhérents du réseau ou équipe du réseau/);
    expect((await call('PUT', url, c.a.editor.cookies, { colour: 'public' })).statusCode).toBe(400);
    const byStaff = await call('PUT', url, c.coordinator.cookies, { listed: 'staff' });
    expect(byStaff.statusCode).toBe(200);
    // Listed for the staff only: the other members no longer see it.
    const names = (await directory(c.network.id, c.b.editor.cookies))
      .json()
      .items.map((i: { name: string }) => i.name);
    expect(names).toEqual(['Boulangerie Bastien']);
    const [entry] = await ctx.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'membership.visibility-update'));
    expect(entry.n).toBeGreaterThanOrEqual(1);
  });

  it('lets a member keep its own contacts, not another’s', async () => {
    const call = caller(ctx);
    const c = await club();
    const res = await call('PUT', `/api/members/${c.a.member.id}/contacts`, c.a.editor.cookies, {
      contacts: [{ name: 'Anne Arnould', role: 'main', email: 'anne.nouvelle@arnould.example' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contacts.map((x: { email: string }) => x.email)).toEqual([
      'anne.nouvelle@arnould.example',
    ]);
    expect(
      (
        await call('PUT', `/api/members/${c.a.member.id}/contacts`, c.b.editor.cookies, {
          contacts: [],
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('merging two records of one member', () => {
  it('moves the duplicate’s history, payments and documents, keeps one of a year known twice, and removes it', async () => {
    const call = caller(ctx);
    const c = await club();
    // The same bakery entered a second time under another directory entry, with its 2024 year imported twice.
    const twin = await buildOrganization(ctx.db, { name: 'Boulangerie Bastien SARL' });
    const csv = [
      'Nom;Année;Montant;Payé',
      'Boulangerie Bastien;2024;120;oui',
      'Boulangerie Bastien SARL;2024;120;oui',
      'Boulangerie Bastien SARL;2023;120;oui',
    ].join('\n');
    const imported = await ctx.app.inject({
      method: 'POST',
      url: `/api/networks/${c.network.id}/memberships/history?dryRun=0`,
      headers: { 'content-type': 'text/csv' },
      cookies: c.coordinator.cookies,
      payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const [duplicate] = await ctx.db.select().from(members).where(eq(members.organizationId, twin.id));
    const before = {
      payments: (
        await ctx.db.select().from(membershipPayments).where(eq(membershipPayments.memberId, c.b.member.id))
      ).length,
      documents: (
        await ctx.db.select().from(membershipDocuments).where(eq(membershipDocuments.memberId, c.b.member.id))
      ).length,
    };

    const url = `/api/members/${c.b.member.id}/merge`;
    expect((await call('POST', url, c.b.editor.cookies, { duplicateId: duplicate.id })).statusCode).toBe(403);
    expect(
      (await call('POST', url, c.other.coordinator.cookies, { duplicateId: duplicate.id })).statusCode,
    ).toBe(404);
    const self = await call('POST', url, c.coordinator.cookies, { duplicateId: c.b.member.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.fields.duplicateId).toMatch(/une autre fiche/);
    // A member of another network is not a duplicate of this one.
    const foreignOrg = await buildOrganization(ctx.db, { name: 'Ailleurs' });
    const foreign = (
      await call('POST', `/api/networks/${c.other.network.id}/memberships`, c.other.coordinator.cookies, {
        organizationId: foreignOrg.id,
        planId: c.other.small.id,
      })
    ).json();
    const cross = await call('POST', url, c.coordinator.cookies, { duplicateId: foreign.id });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.fields.duplicateId).toMatch(/aucun adhérent de ce réseau/);

    const merged = await call('POST', url, c.coordinator.cookies, { duplicateId: duplicate.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({
      repeatedYearsDropped: 1,
      periods: 1,
      duplicateName: 'Boulangerie Bastien SARL',
    });
    expect(await ctx.db.select().from(members).where(eq(members.id, duplicate.id))).toEqual([]);
    const detail = (await call('GET', `/api/members/${c.b.member.id}`, c.coordinator.cookies)).json();
    expect(
      detail.periods.map((p: { startsOn: string; kind: string }) => [p.startsOn, p.kind]).reverse(),
    ).toEqual([
      ['2023-01-01', 'join'],
      ['2024-01-01', 'renewal'],
      ['2026-01-01', 'rejoin'],
    ]);
    expect(detail.memberSince).toBe('2023-01-01');
    expect(detail.payments).toHaveLength(before.payments);
    expect(detail.documents).toHaveLength(before.documents);
    expect(
      (await ctx.db.select().from(membershipPeriods).where(eq(membershipPeriods.memberId, duplicate.id)))
        .length,
    ).toBe(0);
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'membership.merge'));
    expect(audit.entityId).toBe(c.b.member.id);
  });

  it('refuses two years that each have their own papers, in words', async () => {
    const call = caller(ctx);
    const c = await club();
    // Atelier Arnould entered twice, both with a 2026 call for dues.
    const twin = await buildOrganization(ctx.db, { name: 'Atelier Arnould (doublon)' });
    const dup = (
      await call('POST', `/api/networks/${c.network.id}/memberships`, c.coordinator.cookies, {
        organizationId: twin.id,
        planId: c.small.id,
        startsOn: '2026-01-01',
      })
    ).json();
    const res = await call('POST', `/api/members/${c.a.member.id}/merge`, c.coordinator.cookies, {
      duplicateId: dup.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.duplicateId).toMatch(/1 janvier 2026 au 31 décembre 2026.*avoir/);
    expect((await ctx.db.select().from(members).where(eq(members.id, dup.id))).length).toBe(1);
  });
});
