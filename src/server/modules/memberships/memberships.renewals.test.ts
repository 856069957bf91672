import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { recordPayment } from './memberships.dues.ts';
import { buildClub, buildOrganization, caller } from './memberships.fixtures.ts';
import { addPeriod, getMember } from './memberships.members.ts';
import { runAllRenewals, runRenewals } from './memberships.renewals.ts';
import { membershipPeriods } from './memberships.tables.ts';

// The renewal run: next year's call, reminders on the plan's days each sent once (repeated and concurrent runs),
// the personal renewal link, grace then lapse (the unpaid call cancelled by a credit note), and a re-join with the
// gap visible.

let ctx: TestContext;
let now = new Date('2026-02-01T08:00:00Z');
beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
});
afterAll(() => ctx?.close());

it('renews, reminds once per day of the list, lapses after the grace and re-joins with the gap', async () => {
  const call = caller(ctx);
  const { network, coordinator, large } = await buildClub(ctx);
  const org = await buildOrganization(ctx.db, { name: 'Scierie Ravier' });
  const member = (
    await call('POST', `/api/networks/${network.id}/memberships`, coordinator.cookies, {
      organizationId: org.id,
      planId: large.id,
      startsOn: '2026-01-01',
      contacts: [
        { name: 'Anne Ravier', role: 'main', email: 'anne@scierie.example' },
        { name: 'Compta', role: 'billing', email: 'compta@scierie.example' },
      ],
    })
  ).json();
  await call('POST', `/api/members/${member.id}/payments`, coordinator.cookies, {
    amountCents: 36_000,
    method: 'transfer',
    paidOn: '2026-01-20',
  });
  // Months go by on the test's clock, past the sessions' lifetime: the later steps call the services as the
  // coordinator (the route itself is called at the start).
  const actor = {
    accountId: coordinator.account.id,
    email: coordinator.account.email,
    name: 'Coord',
    isPlatformAdmin: false,
  };
  const run = () => runRenewals(ctx.deps, actor, network.id);
  const get = () => getMember(ctx.db, actor, member.id);
  const reminders = () =>
    listOutbox(ctx.db, { to: 'compta@scierie.example' }).then((m) =>
      m.filter((x) => x.kind === 'memberships.renewal-reminder'),
    );

  expect(
    (await call('POST', `/api/networks/${network.id}/renewals/run`, coordinator.cookies)).json(),
  ).toEqual({ callsIssued: 0, remindersSent: 0, lapsed: 0 });
  expect((await call('POST', `/api/networks/${network.id}/renewals/run`)).statusCode).toBe(401);

  // 30 days before the end: the 2027 call and the first reminder, to the billing contact, with the personal link.
  now = new Date('2026-12-01T08:00:00Z');
  expect(await run()).toEqual({ callsIssued: 1, remindersSent: 1, lapsed: 0 });
  const [first] = await reminders();
  expect(first.text).toContain('arrive à échéance le 31/12/2026');
  const link = /\/adherents\/renouveler\/(\S+)/.exec(first.text)?.[1] ?? '';
  const page = await call('GET', `/api/membership-renewal/${link}`);
  expect(page.statusCode).toBe(200);
  expect(page.json()).toMatchObject({
    organizationName: 'Scierie Ravier',
    startsOn: '2027-01-01',
    dueCents: 36_000,
    iban: expect.stringContaining('FR76'),
  });
  expect((await call('GET', `/api/membership-renewal/${link.slice(0, -2)}xx`)).statusCode).toBe(404);

  // Run again, and twice at once: nothing more.
  expect(await run()).toEqual({ callsIssued: 0, remindersSent: 0, lapsed: 0 });
  const both = await Promise.all([run(), run()]);
  expect(both.reduce((n, r) => n + r.remindersSent + r.callsIssued, 0)).toBe(0);
  expect(await reminders()).toHaveLength(1);

  // 7 days before, the day itself skipped when the run comes later, 15 days after: one mail each time.
  now = new Date('2026-12-24T08:00:00Z');
  const [a, b] = await Promise.all([run(), run()]);
  expect(a.remindersSent + b.remindersSent).toBe(1);
  now = new Date('2027-01-16T08:00:00Z');
  expect((await run()).remindersSent).toBe(1);
  const sent = await reminders();
  expect(sent).toHaveLength(3);
  expect(sent[0].text).toContain('est échue depuis le 31/12/2026');
  const detail = await get();
  expect(detail.status).toBe('grace');

  // Past the 30 days of grace: lapsed, the unpaid call cancelled by a credit note.
  now = new Date('2027-02-05T08:00:00Z');
  expect(await run()).toMatchObject({ lapsed: 1, remindersSent: 0 });
  const lapsed = await get();
  expect(lapsed.status).toBe('lapsed');
  expect(lapsed.periods[0]).toMatchObject({ startsOn: '2027-01-01', state: 'cancelled' });
  expect(lapsed.documents.at(-1)).toMatchObject({ kind: 'credit_note' });
  expect((await run()).lapsed).toBe(0);

  // It pays again in March: a re-join, starting then, the gap visible.
  now = new Date('2027-03-10T08:00:00Z');
  await addPeriod(ctx.deps, actor, member.id, { planId: large.id });
  const rejoin = await get();
  expect(rejoin.periods[0]).toMatchObject({ startsOn: '2027-03-10', endsOn: '2027-12-31', kind: 'rejoin' });
  await recordPayment(ctx.deps, actor, member.id, {
    amountCents: 36_000,
    method: 'card',
    paidOn: '2027-03-10',
  });
  const back = await get();
  expect(back.status).toBe('active');
  expect(back.statusHistory.map((h: { toStatus: string }) => h.toStatus)).toEqual([
    'pending',
    'active',
    'grace',
    'lapsed',
    'active',
  ]);
});

it('the scheduled run renews every network with members, as the platform; the link downloads its own call only', async () => {
  // Set up on the real clock (the sessions' own), periods of this year; the run on 5 December, 26 days before
  // their end.
  const year = new Date().getUTCFullYear();
  now = new Date();
  const call = caller(ctx);
  const clubs = await Promise.all([buildClub(ctx), buildClub(ctx)]);
  const memberIds: string[] = [];
  for (const [i, { network, coordinator, large }] of clubs.entries()) {
    const org = await buildOrganization(ctx.db, { name: `Menuiserie planifiée ${i}` });
    const member = (
      await call('POST', `/api/networks/${network.id}/memberships`, coordinator.cookies, {
        organizationId: org.id,
        planId: large.id,
        startsOn: `${year}-01-01`,
        contacts: [{ name: `Contact ${i}`, role: 'main', email: `planifie-${i}@menuiserie.example` }],
      })
    ).json();
    await call('POST', `/api/members/${member.id}/payments`, coordinator.cookies, {
      amountCents: 36_000,
      method: 'transfer',
      paidOn: `${year}-01-05`,
    });
    memberIds.push(member.id);
  }
  now = new Date(`${year}-12-05T08:00:00Z`);
  const log = { info: () => {}, error: (o: unknown) => errors.push(o) };
  const errors: unknown[] = [];
  const first = await runAllRenewals({ ...ctx.deps, log: log as never });
  expect(first.callsIssued).toBeGreaterThanOrEqual(2);
  expect(first.failed).toBe(0);
  expect(errors).toEqual([]);
  const [again, twice] = await Promise.all([
    runAllRenewals({ ...ctx.deps, log: log as never }),
    runAllRenewals({ ...ctx.deps, log: log as never }),
  ]);
  expect(again.callsIssued + again.remindersSent + twice.callsIssued + twice.remindersSent).toBe(0);

  const mails = await listOutbox(ctx.db, { to: 'planifie-0@menuiserie.example' });
  const reminder = mails.find((m) => m.kind === 'memberships.renewal-reminder');
  expect(reminder).toBeTruthy();
  const token = /\/adherents\/renouveler\/(\S+)/.exec(reminder?.text ?? '')?.[1] ?? '';
  const page = (await call('GET', `/api/membership-renewal/${token}`)).json();
  expect(page.documents).toEqual([{ number: page.callNumber, kind: 'call' }]);
  const pdf = await call('GET', `/api/membership-renewal/${token}/documents/${page.callNumber}.pdf`);
  expect(pdf.statusCode).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  now = new Date();
  // Another member's document (the other network's first receipt, same numbering year) is not reachable by it.
  const other = (await call('GET', `/api/members/${memberIds[1]}`, clubs[1].coordinator.cookies)).json();
  const foreign = other.documents.find((d: { kind: string }) => d.kind === 'receipt').number;
  expect((await call('GET', `/api/membership-renewal/${token}/documents/${foreign}.pdf`)).statusCode).toBe(
    404,
  );
  expect((await call('GET', `/api/membership-renewal/${token}/documents/pas-un-numero.pdf`)).statusCode).toBe(
    400,
  );

  // The audit log records the schedule's calls as the platform's (no coordinator asked for them).
  const [renewalPeriod] = await ctx.db
    .select({ id: membershipPeriods.id })
    .from(membershipPeriods)
    .where(
      and(eq(membershipPeriods.memberId, memberIds[0]), eq(membershipPeriods.startsOn, `${year + 1}-01-01`)),
    );
  const [entry] = await ctx.db
    .select({ actorId: auditLog.actorId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'membership.period-open'), eq(auditLog.entityId, renewalPeriod.id)));
  expect(entry).toEqual({ actorId: null });
});
