import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestApp, type TestContext } from '../../testing.ts';
import { deliverFromOutbox, writeToOutbox } from './mail.outbox.ts';
import { listOutbox } from './mail.service.ts';
import { startSmtpPeer } from './smtp-peer.testing.ts';

// Mails written in the caller's transaction: gone with a rollback, queued for the worker when sending fails,
// sent after commit.

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const message = (to: string) => ({
  to,
  subject: 'Événement annulé : Forum',
  text: 'Bonjour,\n\nLe forum est annulé.',
  kind: 'test.outbox',
  attachments: [
    { filename: 'annulation.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL' },
  ],
});

beforeAll(async () => {
  smtp = await startSmtpPeer(4712);
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('writeToOutbox and deliverFromOutbox', () => {
  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await writeToOutbox(tx as unknown as Db, [message('rollback@example.fr')]);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await listOutbox(t.db, { to: 'rollback@example.fr' })).toEqual([]);
  });

  it('sends the committed mails with their attachments and marks them sent', async () => {
    const ids = await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('one@example.fr'), message('two@example.fr')]),
    );
    expect((await listOutbox(t.db, { to: 'one@example.fr' }))[0].status).toBe('queued');
    await deliverFromOutbox({ db: t.db, config: { ...t.deps.config, smtpUrl: smtp.url } }, ids);
    const received = await smtp.waitFor('two@example.fr');
    expect(received.subject).toBe('Événement annulé : Forum');
    expect(received.raw).toContain('annulation.ics');
    await smtp.waitFor('one@example.fr');
    for (const to of ['one@example.fr', 'two@example.fr']) {
      const [row] = await listOutbox(t.db, { to });
      expect(row.status).toBe('sent');
      expect(row.sentAt).not.toBeNull();
    }
    // Delivering again sends nothing twice.
    await deliverFromOutbox({ db: t.db, config: { ...t.deps.config, smtpUrl: smtp.url } }, ids);
    expect(smtp.received.filter((m) => m.to.includes('one@example.fr'))).toEqual([]);
  });

  it('keeps the mail queued for the worker, with the reason, when the SMTP server cannot be reached', async () => {
    const ids = await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('down@example.fr')]),
    );
    const down = 'smtp://127.0.0.1:4713?ignoreTLS=true';
    await deliverFromOutbox({ db: t.db, config: { ...t.deps.config, smtpUrl: down } }, ids);
    const [row] = await listOutbox(t.db, { to: 'down@example.fr' });
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.nextAttemptAt).not.toBeNull();
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    expect(row.attachments?.[0].filename).toBe('annulation.ics');
  });

  it('without SMTP leaves the mails kept for the platform admin', async () => {
    const ids = await t.db.transaction((tx) =>
      writeToOutbox(tx as unknown as Db, [message('kept@example.fr')]),
    );
    await deliverFromOutbox({ db: t.db, config: t.deps.config }, ids);
    expect((await listOutbox(t.db, { to: 'kept@example.fr' }))[0].status).toBe('kept');
  });

  it('writes queued or kept at once when told whether SMTP is configured', async () => {
    await t.db.transaction(async (tx) => {
      await writeToOutbox(tx as unknown as Db, [message('told-kept@example.fr')], { smtpUrl: undefined });
      await writeToOutbox(tx as unknown as Db, [message('told-queued@example.fr')], { smtpUrl: smtp.url });
    });
    expect((await listOutbox(t.db, { to: 'told-kept@example.fr' }))[0]).toMatchObject({
      status: 'kept',
      nextAttemptAt: null,
    });
    expect((await listOutbox(t.db, { to: 'told-queued@example.fr' }))[0].status).toBe('queued');
  });
});
