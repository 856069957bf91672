import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { buildClub, buildMember, caller, postBody } from './networking.fixtures.ts';

// Editing a post: its member or a coordinator, with the rules of posting; nobody else; its author stays.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ now: () => new Date('2026-05-04T09:00:00Z') });
});
afterAll(() => ctx?.close());

it('lets its member and the coordinator edit a post, refuses others, and keeps the rules', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const author = await buildMember(ctx, club, { name: 'Scierie du Val' });
  const other = await buildMember(ctx, club, { name: 'Garage du Pont' });
  const created = await call(
    'POST',
    `/api/networks/${club.network.id}/exchange`,
    author.cookies,
    postBody(author.member.id),
  );
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id;
  const { memberId: _m, ...fields } = postBody(author.member.id);
  const url = `/api/exchange-posts/${id}`;

  const edited = await call('PUT', url, author.cookies, {
    ...fields,
    title: 'Planches de chêne à céder',
    kind: 'offer',
  });
  expect(edited.statusCode, edited.body).toBe(200);
  expect(edited.json()).toMatchObject({
    title: 'Planches de chêne à céder',
    kind: 'offer',
    memberId: author.member.id,
  });
  // Search follows the new words.
  const found = await call('GET', `/api/networks/${club.network.id}/exchange?q=chene`, other.cookies);
  expect(found.json().items.map((p: { id: string }) => p.id)).toContain(id);

  expect((await call('PUT', url, other.cookies, fields)).statusCode).toBe(403);
  expect((await call('PUT', url, undefined, fields)).statusCode).toBe(404);
  const foreign = await buildClub(ctx);
  expect((await call('PUT', url, foreign.coordinator.cookies, fields)).statusCode).toBe(404);
  expect(
    (await call('PUT', url, club.coordinator.cookies, { ...fields, body: 'Revu par le club.' })).statusCode,
  ).toBe(200);
  const past = await call('PUT', url, author.cookies, { ...fields, expiresOn: '2026-01-01' });
  expect(past.statusCode).toBe(400);
  expect(past.json().error.fields.expiresOn).toMatch(/déjà passée/);
  // The author cannot be changed through an edit.
  expect((await call('PUT', url, author.cookies, { ...fields, memberId: other.member.id })).statusCode).toBe(
    400,
  );
  const audits = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'networking.post-update'));
  expect(audits.filter((a) => a.entityId === id)).toHaveLength(2);
});
