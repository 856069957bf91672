import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { signInAs } from '../accounts/accounts.factory.ts';
import {
  claimDue,
  closeMailTransports,
  deliverOutbox,
  LEASE_MS,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  startMailWorker,
} from './mail.delivery.ts';
import { writeToOutbox } from './mail.outbox.ts';
import { createMailer, listOutbox } from './mail.service.ts';
import { outbox } from './mail.tables.ts';
import { startSmtpPeer } from './smtp-peer.testing.ts';

// Retries: a mail that cannot be sent now stays queued with a next try, the worker sends it later (once), gives up
// after the last attempt or at once on a permanent refusal, and picks up mails a stopped process left behind.

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const from = 'Maillage <no-reply@maillage.test>';
const PEER = 4820; // up for the whole file
const LATER = 4821; // down, then up
const DOWN = 4822; // never up
const url = (port: number) => `smtp://127.0.0.1:${port}?ignoreTLS=true`;
const message = (to: string) => ({
  to,
  subject: 'Rappel : Forum de l’ESS',
  text: 'Bonjour,\n\nLe forum a lieu demain.',
  kind: 'test.worker',
});
const minutes = (n: number) => n * 60_000;
const rowOf = async (to: string) => (await listOutbox(t.db, { to }))[0];
const receivedBy = (peer: typeof smtp, to: string) => peer.received.filter((m) => m.to.includes(to)).length;

beforeAll(async () => {
  smtp = await startSmtpPeer(PEER, {
    refuse: (to) =>
      to.startsWith('inconnu')
        ? { code: 550, message: 'No such user here' }
        : to.startsWith('plein')
          ? { code: 452, message: 'Mailbox full, try later' }
          : undefined,
  });
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
  closeMailTransports();
});

describe('mail retries', () => {
  it('queues a mail the peer could not take, and one later pass sends it exactly once', async () => {
    const deps = { db: t.db, smtpUrl: url(LATER), from };
    const result = await createMailer(deps).send(message('plus-tard@example.fr'));
    expect(result.status).toBe('queued');
    const queued = await rowOf('plus-tard@example.fr');
    expect(queued).toMatchObject({ status: 'queued', attempts: 1 });
    expect(queued.error).toMatch(/ECONNREFUSED|connect/i);
    const next = queued.nextAttemptAt?.getTime() ?? 0;

    const later = await startSmtpPeer(LATER);
    try {
      // Not yet due: nothing is sent.
      expect(await deliverOutbox(deps, { now: () => new Date(next - 1000) })).toEqual([]);
      expect(later.received).toEqual([]);
      // Due: sent once; the passes after it send nothing more.
      const pass = await deliverOutbox(deps, { now: () => new Date(next + 1000) });
      expect(pass).toEqual([{ id: result.id, status: 'sent' }]);
      expect(await deliverOutbox(deps, { now: () => new Date(next + minutes(60)) })).toEqual([]);
      await later.waitFor('plus-tard@example.fr');
      expect(receivedBy(later, 'plus-tard@example.fr')).toBe(0);
      const sent = await rowOf('plus-tard@example.fr');
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, nextAttemptAt: null });
      expect(sent.sentAt).not.toBeNull();
    } finally {
      await later.close();
    }
  });

  it('gives up at once on a permanent refusal (5xx)', async () => {
    const result = await createMailer({ db: t.db, smtpUrl: smtp.url, from }).send(
      message('inconnu@example.fr'),
    );
    expect(result.status).toBe('failed');
    const row = await rowOf('inconnu@example.fr');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(row.error).toMatch(/550/);
  });

  it('tries a temporary refusal (4xx) again with growing delays, and gives up after the last attempt', async () => {
    const deps = { db: t.db, smtpUrl: smtp.url, from };
    const start = Date.now();
    const result = await createMailer(deps).send(message('plein@example.fr'));
    expect(result.status).toBe('queued');
    let now = start;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const row = await rowOf('plein@example.fr');
      expect(row).toMatchObject({ status: 'queued', attempts: attempt });
      expect(row.error).toMatch(/452/);
      const delay = (row.nextAttemptAt?.getTime() ?? 0) - now;
      // The delay after this attempt, counted from the pass that made it (the first pass is the send itself).
      expect(delay).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[attempt - 1]);
      expect(delay).toBeLessThan(RETRY_DELAYS_MS[attempt - 1] + 10_000);
      now = (row.nextAttemptAt?.getTime() ?? 0) + 1000;
      const pass = await deliverOutbox(deps, { now: () => new Date(now) });
      expect(pass).toEqual([{ id: result.id, status: attempt + 1 === MAX_ATTEMPTS ? 'failed' : 'queued' }]);
    }
    const row = await rowOf('plein@example.fr');
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(await deliverOutbox(deps, { now: () => new Date(now + minutes(24 * 60)) })).toEqual([]);
  });

  it('sends a mail written in a transaction and never delivered (the process stopped)', async () => {
    await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('reprise@example.fr')], { smtpUrl: smtp.url }),
    );
    expect((await rowOf('reprise@example.fr')).status).toBe('queued');
    // Another mail was claimed by a worker that died before sending it: due again once its lease is over.
    await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('bail@example.fr')], { smtpUrl: smtp.url }),
    );
    const claimedAt = new Date();
    const bail = (await rowOf('bail@example.fr')).id;
    expect((await claimDue(t.db, { now: claimedAt, ids: [bail], limit: 10 })).map((r) => r.id)).toEqual([
      bail,
    ]);

    const deps = { db: t.db, smtpUrl: smtp.url, from };
    const first = await deliverOutbox(deps, { now: () => new Date(claimedAt.getTime() + 1000) });
    expect(first.map((r) => r.status)).toEqual(['sent']);
    await smtp.waitFor('reprise@example.fr');
    expect((await rowOf('bail@example.fr')).status).toBe('queued');
    const afterLease = await deliverOutbox(deps, {
      now: () => new Date(claimedAt.getTime() + LEASE_MS + 1000),
    });
    expect(afterLease).toEqual([{ id: bail, status: 'sent' }]);
    await smtp.waitFor('bail@example.fr');
    expect(await rowOf('bail@example.fr')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('claims no more mails than asked', async () => {
    const ids = await t.db.transaction((tx) =>
      writeToOutbox(
        tx as unknown as Db,
        ['limite-1@example.fr', 'limite-2@example.fr', 'limite-3@example.fr'].map((a) => message(a)),
        { smtpUrl: smtp.url },
      ),
    );
    const now = new Date(Date.now() + 1000);
    expect(await claimDue(t.db, { now, ids })).toHaveLength(1);
    expect(await claimDue(t.db, { now, ids, limit: 5 })).toHaveLength(2);
    expect(await claimDue(t.db, { now, ids, limit: 5 })).toEqual([]);
    await t.db.delete(outbox).where(inArray(outbox.id, ids));
  });

  it('two worker passes at the same time send each mail once', async () => {
    const to = Array.from({ length: 12 }, (_, i) => `ensemble-${i}@example.fr`);
    await t.db.transaction((tx) =>
      writeToOutbox(
        tx as unknown as Db,
        to.map((address) => message(address)),
        { smtpUrl: smtp.url },
      ),
    );
    const deps = { db: t.db, smtpUrl: smtp.url, from };
    const passes = await Promise.all([deliverOutbox(deps), deliverOutbox(deps)]);
    expect(passes.flat()).toHaveLength(12);
    for (const address of to) {
      await smtp.waitFor(address);
      expect(receivedBy(smtp, address)).toBe(0);
      expect(await rowOf(address)).toMatchObject({ status: 'sent', attempts: 1 });
    }
  });

  // Several server processes on one PostgreSQL: a pass skips the mails another is claiming, without waiting.
  it.runIf(process.env.DATABASE_URL)('a pass skips mails another pass is claiming (PostgreSQL)', async () => {
    const to = ['verrou-1@example.fr', 'verrou-2@example.fr'];
    const ids = await t.db.transaction((tx) =>
      writeToOutbox(
        tx as unknown as Db,
        to.map((address) => message(address)),
        { smtpUrl: smtp.url },
      ),
    );
    const now = new Date();
    const deps = { db: t.db, smtpUrl: smtp.url, from };
    const held = await t.db.transaction(async (tx) => {
      const claimed = await claimDue(tx as unknown as Db, { now, ids, limit: 10 });
      // Another connection, while this claim is not committed: it finds nothing to take (a claim without
      // SKIP LOCKED would wait for this transaction, which waits for it: the test would hang).
      expect(await deliverOutbox(deps, { ids, now: () => now })).toEqual([]);
      return claimed;
    });
    expect(held.map((r) => r.id).sort()).toEqual([...ids].sort());
    // Once committed, the lease keeps them from the next passes until it ends.
    expect(await deliverOutbox(deps, { now: () => new Date(now.getTime() + 1000) })).toEqual([]);
    expect(receivedBy(smtp, 'verrou-1@example.fr')).toBe(0);
    const afterLease = await deliverOutbox(deps, { now: () => new Date(now.getTime() + LEASE_MS + 1000) });
    expect(afterLease.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('the worker runs passes by itself and stops cleanly', async () => {
    await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('tout-seul@example.fr')], { smtpUrl: smtp.url }),
    );
    const errors: object[] = [];
    const worker = startMailWorker(
      { db: t.db, smtpUrl: smtp.url, from, log: { error: (obj) => errors.push(obj) } },
      { intervalMs: 50 },
    );
    try {
      await smtp.waitFor('tout-seul@example.fr');
    } finally {
      await worker.stop();
    }
    expect(errors).toEqual([]);
    expect((await rowOf('tout-seul@example.fr')).status).toBe('sent');
  });

  it('a queued mail with no SMTP to send it is kept for the platform admin', async () => {
    await t.db.transaction((tx) => writeToOutbox(tx as unknown as Db, [message('hors-ligne@example.fr')]));
    expect((await rowOf('hors-ligne@example.fr')).status).toBe('queued');
    await deliverOutbox({ db: t.db, from });
    expect(await rowOf('hors-ligne@example.fr')).toMatchObject({ status: 'kept', nextAttemptAt: null });
  });
});

describe('re-sending a failed mail', () => {
  const req = (method: 'GET' | 'POST', path: string, cookie?: string) =>
    t.app.inject({ method, url: path, headers: cookie ? { cookie } : {} });

  it('is for the platform admin: the mail is queued again, due now, and the next pass sends it', async () => {
    const deps = { db: t.db, smtpUrl: url(DOWN), from };
    const { id } = await createMailer(deps).send(message('renvoi@example.fr'));
    await t.db.update(outbox).set({ status: 'failed', nextAttemptAt: null }).where(eq(outbox.id, id));
    const admin = await signInAs(t.app, t.deps, { email: 'admin@maillage.test', isPlatformAdmin: true });
    const someone = await signInAs(t.app, t.deps, { email: 'quelquun@example.fr' });

    expect((await req('POST', `/api/admin/outbox/${id}/requeue`)).statusCode).toBe(401);
    const refused = await req('POST', `/api/admin/outbox/${id}/requeue`, someone);
    expect(refused.statusCode).toBe(403);
    expect((await rowOf('renvoi@example.fr')).status).toBe('failed');

    const before = Date.now();
    const res = await req('POST', `/api/admin/outbox/${id}/requeue`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'queued', attempts: 0 });
    expect(res.json().error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(res.json().nextAttemptAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // Only a failed mail: a second time is a conflict; an unknown id is not found.
    expect((await req('POST', `/api/admin/outbox/${id}/requeue`, admin)).statusCode).toBe(409);
    const unknown = await req(
      'POST',
      '/api/admin/outbox/00000000-0000-4000-8000-000000000000/requeue',
      admin,
    );
    expect(unknown.statusCode).toBe(404);
    expect((await req('POST', '/api/admin/outbox/pas-un-id/requeue', admin)).statusCode).toBe(400);

    const listed = (await req('GET', '/api/admin/outbox?to=renvoi@example.fr', admin)).json().items;
    expect(listed).toEqual([
      expect.objectContaining({ id, status: 'queued', attempts: 0, nextAttemptAt: expect.any(String) }),
    ]);
    expect(await deliverOutbox({ db: t.db, smtpUrl: smtp.url, from })).toEqual([{ id, status: 'sent' }]);
    await smtp.waitFor('renvoi@example.fr');
  });
});
