import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildAccount, buildClub, buildOrganization, caller } from './memberships.fixtures.ts';

// Plans, members with one record per period, contacts, payments, numbered documents, credit notes and the ledger,
// through the HTTP layer into a real database; and who may see what.

let ctx: TestContext;
let today = new Date('2026-03-10T09:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => today });
});
afterAll(() => ctx?.close());

it('keeps members with their periods and contacts, private to the network and the member itself', async () => {
  const call = caller(ctx);
  const { network, coordinator, small, large } = await buildClub(ctx);
  const other = await buildClub(ctx);
  const org = await buildOrganization(ctx.db, { name: 'Menuiserie Vautrin', siret: '00000000100018' });
  const editor = await buildAccount(ctx.db, { editorOf: org.id });
  const stranger = await buildAccount(ctx.db);

  // Plans: public list, coordinator-only writes, fields named on bad input.
  const plans = (await call('GET', `/api/networks/${network.id}/membership-plans`)).json().items;
  expect(plans.map((p: { name: string }) => p.name)).toEqual(['TPE (moins de 10 salariés)', 'PME et plus']);
  const badPlan = await call('POST', `/api/networks/${network.id}/membership-plans`, coordinator.cookies, {
    name: 'Saison',
    priceCents: 100,
    vatRateBp: null,
    periodKind: 'season',
  });
  expect(badPlan.statusCode).toBe(400);
  expect(badPlan.json().error.fields).toHaveProperty('seasonStart');
  expect(
    (
      await call('POST', `/api/networks/${network.id}/membership-plans`, other.coordinator.cookies, {
        name: 'X',
        priceCents: 1,
        vatRateBp: null,
      })
    ).statusCode,
  ).toBe(403);

  // Adding a member: unknown plan → 400 naming the field; then the first period with its call for dues.
  const add = (body: Record<string, unknown>, who = coordinator) =>
    call('POST', `/api/networks/${network.id}/memberships`, who.cookies, body);
  const unknownPlan = await add({ organizationId: org.id, planId: other.small.id });
  expect(unknownPlan.statusCode).toBe(400);
  expect(unknownPlan.json().error.fields).toHaveProperty('planId');
  expect((await add({ organizationId: org.id, planId: large.id }, other.coordinator)).statusCode).toBe(403);
  const tooMany = await add({
    organizationId: org.id,
    planId: small.id,
    contacts: [
      { name: 'A', role: 'main' },
      { name: 'B', role: 'billing' },
      { name: 'C', role: 'other' },
    ],
  });
  expect(tooMany.statusCode).toBe(400);
  expect(tooMany.json().error.fields).toHaveProperty('contacts');
  const created = await add({
    organizationId: org.id,
    planId: large.id,
    startsOn: '2026-03-10',
    contacts: [
      { name: 'Claire Vautrin', role: 'main', email: 'claire@example.org', phone: '03 25 00 00 00' },
      { name: 'Paul Compta', role: 'billing', email: 'compta@example.org' },
    ],
  });
  expect(created.statusCode).toBe(201);
  const member = created.json();
  expect(member).toMatchObject({
    status: 'pending',
    organization: { name: 'Menuiserie Vautrin' },
    periods: [
      {
        startsOn: '2026-03-10',
        endsOn: '2026-12-31',
        kind: 'join',
        amountHtCents: 30_000,
        amountCents: 36_000,
        dueCents: 36_000,
      },
    ],
    documents: [{ kind: 'call', amountCents: 36_000 }],
  });
  expect(member.documents[0].number).toMatch(/^2026-00001$/);
  expect((await add({ organizationId: org.id, planId: large.id })).statusCode).toBe(409);

  // Who sees it: the coordinator, the organisation's editor (itself); not another network, not a stranger.
  expect((await call('GET', `/api/members/${member.id}`, coordinator.cookies)).json().canManage).toBe(true);
  const own = await call('GET', `/api/members/${member.id}`, editor.cookies);
  expect(own.statusCode).toBe(200);
  expect(own.json()).toMatchObject({
    canManage: false,
    contacts: [{ name: 'Claire Vautrin' }, { name: 'Paul Compta' }],
  });
  for (const who of [other.coordinator, stranger]) {
    const res = await call('GET', `/api/members/${member.id}`, who.cookies);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Vautrin');
    expect((await call('GET', `/api/networks/${network.id}/memberships`, who.cookies)).statusCode).toBe(403);
    expect(
      (await call('PUT', `/api/members/${member.id}/contacts`, who.cookies, { contacts: [] })).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/api/members/${member.id}/documents/2026-00001.pdf`, who.cookies)).statusCode,
    ).toBe(404);
  }
  expect((await call('GET', `/api/members/${member.id}`)).statusCode).toBe(401);

  // The member keeps its own contacts; it cannot record payments.
  const contacts = await call('PUT', `/api/members/${member.id}/contacts`, editor.cookies, {
    contacts: [{ name: 'Claire Vautrin', role: 'main', email: 'claire@example.org' }],
  });
  expect(contacts.statusCode).toBe(200);
  expect(contacts.json().contacts).toHaveLength(1);
  const pay = (body: Record<string, unknown>, who = coordinator) =>
    call('POST', `/api/members/${member.id}/payments`, who.cookies, body);
  expect((await pay({ amountCents: 100, method: 'cash', paidOn: '2026-03-11' }, editor)).statusCode).toBe(
    403,
  );

  // Bad payments: 400 naming the field.
  const negative = await pay({ amountCents: -5, method: 'cash', paidOn: '2026-03-11' });
  expect(negative.statusCode).toBe(400);
  expect(negative.json().error.fields).toHaveProperty('amountCents');
  const tooMuch = await pay({ amountCents: 36_001, method: 'transfer', paidOn: '2026-03-11' });
  expect(tooMuch.statusCode).toBe(400);
  expect(tooMuch.json().error.fields.amountCents).toContain('360,00');
  const badMethod = await pay({ amountCents: 100, method: 'bitcoin', paidOn: '2026-03-11' });
  expect(badMethod.json().error.fields).toHaveProperty('method');
  const badDay = await pay({ amountCents: 100, method: 'cash', paidOn: '1890-01-01' });
  expect(badDay.json().error.fields).toHaveProperty('paidOn');

  // A partial payment, then the balance: two receipts, the member becomes active.
  const first = await pay({
    amountCents: 10_000,
    method: 'cheque',
    paidOn: '2026-03-11',
    reference: 'Chq 123',
  });
  expect(first.statusCode).toBe(201);
  expect(first.json()).toMatchObject({ receiptNumber: '2026-00002', dueCents: 26_000 });
  const second = await pay({ amountCents: 26_000, method: 'transfer', paidOn: '2026-03-12' });
  expect(second.json()).toMatchObject({ receiptNumber: '2026-00003', dueCents: 0 });
  const paid = (await call('GET', `/api/members/${member.id}`, coordinator.cookies)).json();
  expect(paid.status).toBe('active');
  expect(paid.periods[0]).toMatchObject({ state: 'paid', paidOn: '2026-03-12', dueCents: 0 });
  expect(paid.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual(['pending', 'active']);
  expect(
    (await pay({ amountCents: 1, method: 'cash', paidOn: '2026-03-12' })).json().error.fields,
  ).toHaveProperty('periodId');

  // The member downloads its receipt; the PDF is the same bytes every time, even after the settings change.
  const pdf = await call('GET', `/api/members/${member.id}/documents/2026-00003.pdf`, editor.cookies);
  expect(pdf.statusCode).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  await call('PUT', `/api/networks/${network.id}/membership-settings`, coordinator.cookies, {
    legalName: 'Autre nom',
  });
  const again = await call('GET', `/api/members/${member.id}/documents/2026-00003.pdf`, editor.cookies);
  expect(Buffer.compare(again.rawPayload, pdf.rawPayload)).toBe(0);

  // A mistake is cancelled by a credit note: the receipt stays, the period is due again, the number is new.
  const credit = await call(
    'POST',
    `/api/members/${member.id}/documents/2026-00003/credit-note`,
    coordinator.cookies,
    {
      reason: 'Virement rejeté par la banque',
    },
  );
  expect(credit.statusCode).toBe(201);
  expect(credit.json().number).toBe('2026-00004');
  expect(
    (
      await call('POST', `/api/members/${member.id}/documents/2026-00003/credit-note`, coordinator.cookies, {
        reason: 'bis',
      })
    ).statusCode,
  ).toBe(409);
  const credited = (await call('GET', `/api/members/${member.id}`, coordinator.cookies)).json();
  expect(credited.periods[0]).toMatchObject({ state: 'called', dueCents: 26_000 });
  expect(credited.status).toBe('pending');
  expect(
    credited.documents.map((d: { number: string; cancelledBy: string | null }) => [d.number, d.cancelledBy]),
  ).toEqual([
    ['2026-00001', null],
    ['2026-00002', null],
    ['2026-00003', '2026-00004'],
    ['2026-00004', null],
  ]);

  // Overlapping period → 400 naming startsOn; the next year is fine and is a renewal.
  const overlap = await call('POST', `/api/members/${member.id}/periods`, coordinator.cookies, {
    planId: large.id,
    startsOn: '2026-12-01',
  });
  expect(overlap.statusCode).toBe(400);
  expect(overlap.json().error.fields).toHaveProperty('startsOn');
  const next = await call('POST', `/api/members/${member.id}/periods`, coordinator.cookies, {
    planId: small.id,
  });
  expect(next.statusCode).toBe(201);
  expect(next.json().periods[0]).toMatchObject({
    startsOn: '2027-01-01',
    endsOn: '2027-12-31',
    kind: 'renewal',
    amountCents: 12_000,
  });

  // The list, with filters and search; the ledger in number order for French Excel.
  const org2 = await buildOrganization(ctx.db, { name: 'Boulangerie Aubry' });
  await add({ organizationId: org2.id, planId: small.id });
  const list = (q: string) =>
    call('GET', `/api/networks/${network.id}/memberships${q}`, coordinator.cookies).then((r) => r.json());
  expect((await list('')).total).toBe(2);
  expect((await list('?q=vautrin')).items.map((m: { name: string }) => m.name)).toEqual([
    'Menuiserie Vautrin',
  ]);
  expect((await list('?q=00000000100018')).total).toBe(1);
  expect((await list(`?plan=${small.id}`)).items.map((m: { name: string }) => m.name).sort()).toEqual([
    'Boulangerie Aubry',
    'Menuiserie Vautrin',
  ]);
  expect((await list('?status=active')).total).toBe(0);
  expect((await list('?page=2&pageSize=1')).items).toHaveLength(1);
  expect(
    (await call('GET', `/api/networks/${network.id}/memberships?status=zombie`, coordinator.cookies))
      .statusCode,
  ).toBe(400);
  const csv = await call('GET', `/api/networks/${network.id}/dues-ledger.csv`, coordinator.cookies);
  expect(csv.body.startsWith('\uFEFFNuméro;Date;Type')).toBe(true);
  const lines = csv.body.trim().split('\r\n');
  expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual([
    '2026-00001',
    '2026-00002',
    '2026-00003',
    '2026-00004',
    '2026-00005',
    '2026-00006',
  ]);
  expect(lines[4]).toContain('2026-00003');
  expect(lines[1]).toContain(';300,00;60,00;360,00;');
  expect(
    (await call('GET', `/api/networks/${network.id}/dues-ledger.csv`, other.coordinator.cookies)).statusCode,
  ).toBe(403);
  // The same ledger as a workbook: the amounts are numbers (euros) a spreadsheet sums, not text.
  const xlsx = await call('GET', `/api/networks/${network.id}/dues-ledger.xlsx`, coordinator.cookies);
  expect(xlsx.statusCode).toBe(200);
  expect(xlsx.headers['content-disposition']).toMatch(/filename="cotisations-.*\.xlsx"/);
  const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.rawPayload))['xl/worksheets/sheet1.xml']);
  expect(sheet).toContain('<t xml:space="preserve">2026-00001</t>');
  expect(sheet).toMatch(/<v>300<\/v><\/c><c r="H2"><v>60<\/v><\/c><c r="I2"><v>360<\/v>/);
  expect(
    (await call('GET', `/api/networks/${network.id}/dues-ledger.xlsx`, other.coordinator.cookies)).statusCode,
  ).toBe(403);
  // The other network's series starts at its own 1.
  const orgB = await buildOrganization(ctx.db);
  const b = (
    await call('POST', `/api/networks/${other.network.id}/memberships`, other.coordinator.cookies, {
      organizationId: orgB.id,
      planId: other.small.id,
    })
  ).json();
  expect(b.documents[0].number).toBe('2026-00001');
  today = new Date('2026-03-10T09:00:00Z');
});
