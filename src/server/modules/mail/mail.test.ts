import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { createMailer, listOutbox } from './mail.service.ts';
import { startSmtpPeer } from './smtp-peer.testing.ts';

// The mailer against a real SMTP peer on loopback, a peer that is down, and no SMTP at all.

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
const from = 'Maillage <no-reply@maillage.test>';
const message = (to: string) => ({
  to,
  subject: 'Inscription confirmée : Forum de l’ESS',
  text: 'Bonjour,\n\nVotre inscription est confirmée. À bientôt à Chaumont !',
  kind: 'test.mail',
  attachments: [{ filename: 'evenement.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
});

beforeAll(async () => {
  smtp = await startSmtpPeer(4202);
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('createMailer', () => {
  it('sends over SMTP and marks the outbox row sent', async () => {
    const mailer = createMailer({ db: t.db, smtpUrl: smtp.url, from });
    const result = await mailer.send(message('sent@example.fr'));
    expect(result.status).toBe('sent');
    const received = await smtp.waitFor('sent@example.fr');
    expect(received.subject).toBe('Inscription confirmée : Forum de l’ESS');
    expect(received.text).toContain('À bientôt à Chaumont !');
    expect(received.raw).toContain('evenement.ics');
    const [row] = await listOutbox(t.db, { to: 'sent@example.fr' });
    expect(row).toMatchObject({ status: 'sent', kind: 'test.mail' });
    expect(row.sentAt).not.toBeNull();
  });

  it('keeps the mail queued for a later try, with the reason, when the SMTP server cannot be reached', async () => {
    const before = Date.now();
    const mailer = createMailer({ db: t.db, smtpUrl: 'smtp://127.0.0.1:4203?ignoreTLS=true', from });
    const result = await mailer.send(message('down@example.fr'));
    expect(result.status).toBe('queued');
    const [row] = await listOutbox(t.db, { to: 'down@example.fr' });
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.error).toMatch(/ECONNREFUSED|connect/i);
    // Tried again in a minute.
    expect(row.nextAttemptAt?.getTime()).toBeGreaterThanOrEqual(before + 60_000);
    expect(row.nextAttemptAt?.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('without SMTP_URL keeps the mail in the outbox for the platform admin', async () => {
    const result = await createMailer({ db: t.db, from }).send(message('kept@example.fr'));
    expect(result.status).toBe('kept');
    const [row] = await listOutbox(t.db, { to: 'KEPT@example.fr' });
    expect(row).toMatchObject({ status: 'kept', subject: 'Inscription confirmée : Forum de l’ESS' });
    expect(row.attachments?.[0]).toMatchObject({ filename: 'evenement.ics' });
  });
});
