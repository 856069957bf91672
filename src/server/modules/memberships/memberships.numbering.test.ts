import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { issueDocument } from './memberships.documents.ts';
import { buildClub, buildOrganization, caller } from './memberships.fixtures.ts';

// Document numbers under concurrent issuing: one continuous series per network and year, no gap, no duplicate,
// dates in the order of the numbers; a rolled-back issue gives its number back. On PostgreSQL (DATABASE_URL) the
// issuers really run at once on separate connections.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx?.close());

it('issues concurrent documents as consecutive numbers, with no gap and no reuse', async () => {
  const { network, coordinator, small } = await buildClub(ctx);
  const org = await buildOrganization(ctx.db);
  const member = (
    await caller(ctx)('POST', `/api/networks/${network.id}/memberships`, coordinator.cookies, {
      organizationId: org.id,
      planId: small.id,
    })
  ).json();
  const content = {
    title: 'Test',
    issuer: { legalName: 'X', address: null, siret: null, vatNumber: null },
    recipient: { name: 'Y', address: null, siret: null },
    lines: [],
    notes: [],
  };
  const issue = (fail = false) =>
    ctx.db.transaction(async (trx) => {
      const tx = trx as unknown as Db;
      const doc = await issueDocument(
        tx,
        {
          networkId: network.id,
          memberId: member.id,
          kind: 'receipt',
          amountHtCents: 1,
          vatCents: 0,
          amountCents: 1,
          content,
        },
        new Date(),
      );
      if (fail) throw new Error('rolled back');
      return doc;
    });
  const N = 60;
  const results = await Promise.allSettled(Array.from({ length: N }, (_, i) => issue(i % 10 === 3)));
  const issued = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  expect(issued).toHaveLength(N - N / 10);
  const year = new Date().getUTCFullYear();
  const seqs = issued.map((d) => d.seq).sort((a, b) => a - b);
  // The member's call for dues took number 1.
  expect(seqs).toEqual(Array.from({ length: issued.length }, (_, i) => i + 2));
  expect(new Set(issued.map((d) => d.number)).size).toBe(issued.length);
  const bySeq = [...issued].sort((a, b) => a.seq - b.seq);
  for (let i = 1; i < bySeq.length; i++)
    expect(bySeq[i].issuedAt.getTime()).toBeGreaterThanOrEqual(bySeq[i - 1].issuedAt.getTime());
  expect(bySeq[0].number).toBe(`${year}-00002`);
});
