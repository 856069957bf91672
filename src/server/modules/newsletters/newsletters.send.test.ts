import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AppError } from '../../lib/errors.ts';
import { adminActor, createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork } from '../accounts/accounts.factory.ts';
import { startSmtpPeer } from '../mail/smtp-peer.testing.ts';
import { newsletterIssues, newsletterIssueRecipients as rcpt } from './newsletters.issues.tables.ts';
import { changeSending, createIssue, sendIssue } from './newsletters.issues.ts';
import { putSendingSettings } from './newsletters.send.settings.ts';
import { closeNewsletterTransports, type EngineDeps, sendPass } from './newsletters.send.ts';
import { newsletterSuppressions } from './newsletters.tables.ts';
import { buildList, deliveries, subscribe } from './newsletters.testing.ts';
import { readUnsubscribeToken } from './newsletters.tokens.ts';

// The sending engine against a real SMTP peer and a real database: every recipient once, suppressions checked at
// snapshot and again at send, a crashed worker's rows resumed after their lease, two workers never sending the same
// mail, pause / resume / cancel, the RFC 2369 / 8058 headers, and DKIM signatures.

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let engine: EngineDeps;
beforeAll(async () => {
  smtp = await startSmtpPeer(4931);
  ctx = await createTestApp({ smtpUrl: smtp.url });
  engine = { db: ctx.db, config: ctx.deps.config, log: { error: (o, m) => console.error(m, o) } };
});
afterAll(async () => {
  closeNewsletterTransports();
  await ctx?.close();
  await smtp?.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

async function issueFor(count: number, opts: { rate?: number; prefix?: string } = {}) {
  const network = await buildNetwork(ctx);
  const list = await buildList(ctx.db, network.id);
  await subscribe(ctx.db, list, count, opts.prefix ?? `a${randomUUID().slice(0, 6)}`);
  const issue = await createIssue(ctx.deps, adminActor, network.id, {
    listId: list.id,
    subject: 'La lettre de novembre',
    bodyMarkdown: '# Bonjour\n\nDes nouvelles du réseau.',
    ratePerSecond: opts.rate ?? 2000,
  });
  return { network, list, issue };
}

const rowsOf = (issueId: string) => ctx.db.select().from(rcpt).where(eq(rcpt.issueId, issueId));

it('sends every recipient once, with the unsubscribe headers and links, and leaves suppressed addresses out', async () => {
  const { network, list, issue } = await issueFor(30, { prefix: 'h' });
  // Suppressed before: not even snapshotted. Platform-wide, and the network's own list.
  await ctx.db.insert(newsletterSuppressions).values([
    { networkId: null, email: 'h-0@example.org', reason: 'hard_bounce' },
    { networkId: network.id, email: 'h-1@example.org', reason: 'unsubscribed' },
  ]);
  expect(await sendIssue(ctx.deps, adminActor, issue.id)).toEqual({ recipients: 28 });
  // Suppressed after the snapshot: checked again at send.
  await ctx.db
    .insert(newsletterSuppressions)
    .values({ networkId: null, email: 'h-2@example.org', reason: 'complaint' });
  const result = await sendPass(engine);
  expect(result).toMatchObject({ sent: 27, suppressed: 1, failed: 0 });
  const got = deliveries(smtp.received);
  expect(got).toMatchObject({ distinct: 27, duplicates: 0 });
  expect(
    got.counts.has('h-0@example.org') ||
      got.counts.has('h-1@example.org') ||
      got.counts.has('h-2@example.org'),
  ).toBe(false);

  const mail = smtp.received.find((m) => m.to.includes('h-5@example.org'));
  if (!mail) throw new Error('no mail to h-5');
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const unsub = /^List-Unsubscribe: <([^>]+)>, <(mailto:[^>]+)>$/im.exec(head);
  expect(unsub?.[1]).toMatch(/^http:\/\/maillage\.test\/api\/newsletter-unsubscribe\/[\w-]+$/);
  expect(unsub?.[2]).toMatch(/^mailto:/);
  const token = unsub?.[1].split('/').pop() as string;
  expect(readUnsubscribeToken(ctx.deps.config.sessionSecret, token)).toEqual({
    networkId: network.id,
    listId: list.id,
    email: 'h-5@example.org',
  });
  expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);
  expect(head).toMatch(
    new RegExp(`^List-Id: .*<${list.id.replaceAll('-', '')}\\.${network.slug}\\.maillage\\.test>$`, 'im'),
  );
  expect(mail.text).toContain('Des nouvelles du réseau.');
  expect(mail.text).toMatch(/Se désinscrire : http:\/\/maillage\.test\/lettres\/desinscription\/[\w-]+/);
  expect(mail.text).toMatch(/Gérer mes abonnements : http:\/\/maillage\.test\/lettres\/preferences\/[\w-]+/);
  expect(mail.raw).toMatch(/Content-Type: text\/html/i);

  const rows = await rowsOf(issue.id);
  const sent = rows.filter((r) => r.status === 'sent');
  expect(sent).toHaveLength(27);
  const h5 = rows.find((r) => r.email === 'h-5@example.org');
  expect(head).toContain(`Message-ID: <${h5?.id}@maillage.test>`);
  expect(h5?.messageId).toBe(`<${h5?.id}@maillage.test>`);
  expect(rows.find((r) => r.email === 'h-2@example.org')?.status).toBe('suppressed');
  const [after] = await ctx.db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id));
  expect(after.status).toBe('sent');
});

it('resumes after a crash: rows of a dead claim are sent once their lease is over, rows of a live claim wait', async () => {
  const { issue } = await issueFor(40, { prefix: 'c' });
  await sendIssue(ctx.deps, adminActor, issue.id);
  const rows = await rowsOf(issue.id);
  const ids = rows.map((r) => r.id);
  const past = new Date(Date.now() - 1000);
  const future = new Date(Date.now() + 60_000);
  // A dead process: 10 claimed rows never handed to SMTP, 5 handed (`sending`) when it died. 5 already sent.
  await ctx.db
    .update(rcpt)
    .set({ claimToken: randomUUID(), leaseUntil: past })
    .where(inArray(rcpt.id, ids.slice(0, 10)));
  await ctx.db
    .update(rcpt)
    .set({ status: 'sending', attempts: 1, claimToken: randomUUID(), leaseUntil: past })
    .where(inArray(rcpt.id, ids.slice(10, 15)));
  await ctx.db
    .update(rcpt)
    .set({ status: 'sent', messageId: '<before@x>' })
    .where(inArray(rcpt.id, ids.slice(15, 20)));
  // A live process still holds 5 rows.
  await ctx.db
    .update(rcpt)
    .set({ claimToken: randomUUID(), leaseUntil: future })
    .where(inArray(rcpt.id, ids.slice(20, 25)));

  await sendPass(engine);
  let got = deliveries(smtp.received);
  expect(got).toMatchObject({ distinct: 30, duplicates: 0 });
  const mine = new Set(rows.slice(20, 25).map((r) => r.email));
  expect([...got.counts.keys()].some((e) => mine.has(e))).toBe(false);
  let [state] = await ctx.db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id));
  expect(state.status).toBe('sending');

  // The live process died too: once its lease is over, its rows are taken.
  await ctx.db
    .update(rcpt)
    .set({ leaseUntil: past })
    .where(inArray(rcpt.id, ids.slice(20, 25)));
  await sendPass(engine);
  got = deliveries(smtp.received);
  expect(got).toMatchObject({ distinct: 35, duplicates: 0 });
  const resent = (await rowsOf(issue.id)).filter((r) => ids.slice(10, 15).includes(r.id));
  expect(resent.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
  [state] = await ctx.db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issue.id));
  expect(state.status).toBe('sent');
});

it('never sends one mail twice with two workers running at once', async () => {
  const { issue } = await issueFor(300, { prefix: 'w' });
  await sendIssue(ctx.deps, adminActor, issue.id);
  const [a, b] = await Promise.all([
    sendPass(engine, { chunkSize: 10, connections: 2 }),
    sendPass(engine, { chunkSize: 7, connections: 3 }),
  ]);
  expect(a.sent + b.sent).toBe(300);
  expect(deliveries(smtp.received)).toMatchObject({ distinct: 300, duplicates: 0 });
});

it('sends nothing of a row whose claim another worker took over', async () => {
  const { issue } = await issueFor(5, { prefix: 't' });
  await sendIssue(ctx.deps, adminActor, issue.id);
  // Every row is held by a live claim: a pass finds nothing to claim and sends nothing.
  await ctx.db
    .update(rcpt)
    .set({ claimToken: randomUUID(), leaseUntil: new Date(Date.now() + 60_000) })
    .where(eq(rcpt.issueId, issue.id));
  expect((await sendPass(engine)).sent).toBe(0);
  expect(smtp.received).toHaveLength(0);
});

it('pauses, resumes and cancels at the issue’s rate', async () => {
  const { issue } = await issueFor(60, { rate: 40, prefix: 'p' });
  await sendIssue(ctx.deps, adminActor, issue.id);
  const started = Date.now();
  const pass = sendPass(engine, { chunkSize: 5 });
  await new Promise((r) => setTimeout(r, 500));
  await changeSending(ctx.deps, adminActor, issue.id, 'pause');
  const paused = await pass;
  expect(paused.sent).toBeGreaterThan(5);
  expect(paused.sent).toBeLessThan(60);
  let rows = await rowsOf(issue.id);
  // Nothing left in flight, nothing held: the rows wait for the resume.
  expect(rows.filter((r) => r.status === 'sending')).toHaveLength(0);
  expect(rows.filter((r) => r.status === 'queued' && r.claimToken)).toHaveLength(0);
  expect((await sendPass(engine)).sent).toBe(0);

  await changeSending(ctx.deps, adminActor, issue.id, 'resume');
  const rest = sendPass(engine, { chunkSize: 5 });
  await new Promise((r) => setTimeout(r, 300));
  const cancelled = await changeSending(ctx.deps, adminActor, issue.id, 'cancel');
  await rest;
  rows = await rowsOf(issue.id);
  const sent = rows.filter((r) => r.status === 'sent').length;
  expect(sent).toBeLessThan(60);
  expect(rows.filter((r) => r.status === 'cancelled').length).toBe(60 - sent);
  expect(cancelled.status).toBe('cancelled');
  expect(deliveries(smtp.received)).toMatchObject({ distinct: sent, duplicates: 0 });
  // 40 mails per second: the mails sent took at least (sent - 40) / 40 s.
  expect(Date.now() - started).toBeGreaterThanOrEqual(((sent - 40) / 40) * 1000);
  await expect(changeSending(ctx.deps, adminActor, issue.id, 'resume')).rejects.toMatchObject({
    code: 'CONFLICT',
  });
});

it('signs with the network’s DKIM key, and refuses a key that is not a PEM private key', async () => {
  const { network, issue } = await issueFor(2, { prefix: 'd' });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const settings = await putSendingSettings(ctx.deps, adminActor, network.id, {
    fromAddress: 'lettre@club-demo.example.org',
    dkimDomain: 'club-demo.example.org',
    dkimSelector: 'maillage',
    dkimPrivateKey: pem,
  });
  expect(settings).toMatchObject({ dkimKeySet: true, dkimDomain: 'club-demo.example.org' });
  expect(JSON.stringify(settings)).not.toContain('PRIVATE');
  const bad = await putSendingSettings(ctx.deps, adminActor, network.id, {
    dkimDomain: 'club-demo.example.org',
    dkimSelector: 'maillage',
    dkimPrivateKey: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
  }).catch((e: AppError) => e);
  expect(bad).toMatchObject({ code: 'INVALID_INPUT', fields: { dkimPrivateKey: expect.any(String) } });

  await sendIssue(ctx.deps, adminActor, issue.id);
  await sendPass(engine);
  expect(smtp.received).toHaveLength(2);
  const head = smtp.received[0].raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  expect(head).toMatch(/^DKIM-Signature: v=1; a=rsa-sha256; .*d=club-demo\.example\.org; .*s=maillage;/im);
  expect(head).toMatch(/^From: .*<lettre@club-demo\.example\.org>/im);
  // Stored sealed: the clear key is nowhere in the row.
  const stored = await ctx.db.execute(
    sql`select dkim_private_key from newsletter_sending_settings where network_id = ${network.id}`,
  );
  expect(JSON.stringify(stored)).not.toContain('BEGIN');
});

it('refuses to send an issue without subject or without any recipient, naming the field', async () => {
  const { network, list, issue } = await issueFor(1, { prefix: 'e' });
  await ctx.db.update(newsletterIssues).set({ subject: ' ' }).where(eq(newsletterIssues.id, issue.id));
  await expect(sendIssue(ctx.deps, adminActor, issue.id)).rejects.toMatchObject({
    fields: { subject: expect.any(String) },
  });
  await ctx.db.update(newsletterIssues).set({ subject: 'Objet' }).where(eq(newsletterIssues.id, issue.id));
  await ctx.db
    .insert(newsletterSuppressions)
    .values({ networkId: network.id, email: 'e-0@example.org', reason: 'unsubscribed' });
  await expect(sendIssue(ctx.deps, adminActor, issue.id)).rejects.toMatchObject({
    fields: { segment: expect.any(String) },
  });
  // Nothing was left half-started.
  const [row] = await ctx.db
    .select()
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.id, issue.id), eq(newsletterIssues.listId, list.id)));
  expect(row.status).toBe('draft');
  expect(await rowsOf(issue.id)).toHaveLength(0);
});
