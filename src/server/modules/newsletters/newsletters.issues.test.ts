import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { events } from '../events/events.tables.ts';
import { startSmtpPeer } from '../mail/smtp-peer.testing.ts';
import { buildAccount, buildClub, buildMember, caller } from '../networking/networking.fixtures.ts';
import { newsPosts } from '../news/news.tables.ts';
import { newsletterIssueRecipients } from './newsletters.issues.tables.ts';
import { closeNewsletterTransports, sendPass } from './newsletters.send.ts';
import { newsletterSuppressions } from './newsletters.tables.ts';
import { buildList, subscribe } from './newsletters.testing.ts';

// The issues' routes: the network's coordinators compose (Markdown, agenda block), count, preview, test-send, send,
// pause and follow the progress; another network's coordinator, a member and an anonymous visitor get nothing;
// bad input is a 400 naming the field; the bounce webhook suppresses a hard-bounced address; the archive is public.

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
beforeAll(async () => {
  smtp = await startSmtpPeer(4932);
  ctx = await createTestApp({ smtpUrl: smtp.url });
  ctx.deps.config.newsletters = {
    ratePerSecond: 500,
    softBounceLimit: 2,
    bounceToken: 'bounce-token-0123456789',
  };
});
afterAll(async () => {
  closeNewsletterTransports();
  await ctx?.close();
  await smtp?.close();
});

const dsn = (opts: { to: string; status: string; messageId?: string }) =>
  [
    'From: MAILER-DAEMON@mx.example.org',
    `To: ${opts.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    'Final-Recipient: rfc822; someone@example.org',
    'Action: failed',
    `Status: ${opts.status}`,
    'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    `Message-ID: ${opts.messageId ?? '<nothing@example.org>'}`,
    'Subject: La lettre',
    '--B--',
    '',
  ].join('\r\n');

it('lets the network’s coordinators compose, preview, count, test and send an issue; nobody else', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const other = await buildClub(ctx);
  const member = await buildMember(ctx, club, { name: 'Scierie du Plateau' });
  const list = await buildList(ctx.db, club.network.id, 'La lettre du club');
  await subscribe(ctx.db, list, 5, 'lecteur');
  await ctx.db.insert(events).values({
    networkId: club.network.id,
    title: 'Rencontre des adhérents (démo)',
    format: 'afterwork',
    startsAt: new Date(Date.now() + 7 * 86_400_000),
    endsAt: new Date(Date.now() + 7 * 86_400_000 + 7_200_000),
    communeName: 'Langres',
    status: 'published',
  });
  await ctx.db.insert(newsPosts).values([
    {
      networkId: club.network.id,
      title: 'Le club accueille trois nouveaux adhérents',
      summary: 'Une menuiserie, un cabinet comptable et une ferme.',
      status: 'published',
      publishedAt: new Date(Date.now() - 86_400_000),
    },
    { networkId: club.network.id, title: 'Brouillon à ne pas envoyer', status: 'draft' },
  ]);
  const coord = club.coordinator.cookies;
  const base = `/api/networks/${club.network.id}`;

  const draft = await call('POST', `${base}/newsletter-issues`, coord, {
    listId: list.id,
    bodyMarkdown: 'Bonjour à tous.\n\n{{evenements}}\n\n{{actualites}}\n\n<script>alert(1)</script>',
    segment: { listIds: [list.id], members: { statuses: ['active'] } },
  });
  expect(draft.statusCode).toBe(201);
  const id = draft.json().id;

  // Another network's coordinator, a member, an anonymous visitor: nothing.
  for (const path of [`/api/newsletter-issues/${id}`, `/api/newsletter-issues/${id}/preview`]) {
    expect((await call('GET', path, other.coordinator.cookies)).statusCode).toBe(403);
    expect((await call('GET', path, member.cookies)).statusCode).toBe(403);
    expect((await call('GET', path)).statusCode).toBe(401);
  }
  expect(
    (await call('POST', `/api/newsletter-issues/${id}/send`, other.coordinator.cookies)).statusCode,
  ).toBe(403);
  expect((await call('GET', `${base}/newsletter-issues`, other.coordinator.cookies)).statusCode).toBe(403);
  const foreignList = await buildList(ctx.db, other.network.id);
  const stolen = await call('PATCH', `/api/newsletter-issues/${id}`, coord, {
    segment: { listIds: [foreignList.id] },
  });
  expect(stolen.statusCode).toBe(400);
  expect(stolen.json().error.fields).toHaveProperty(['segment.listIds']);

  // No subject: a 400 naming it.
  const noSubject = await call('POST', `/api/newsletter-issues/${id}/send`, coord);
  expect(noSubject.statusCode).toBe(400);
  expect(noSubject.json().error.fields).toHaveProperty('subject');
  expect(
    (await call('PATCH', `/api/newsletter-issues/${id}`, coord, { subject: 'La lettre de mai' })).statusCode,
  ).toBe(200);

  // 5 subscribers + the member's contact; one subscriber suppressed.
  await ctx.db
    .insert(newsletterSuppressions)
    .values({ networkId: club.network.id, email: 'lecteur-4@example.org', reason: 'unsubscribed' });
  const count = await call('POST', `${base}/newsletter-recipient-count`, coord, {
    segment: { listIds: [list.id], members: { statuses: ['active'] } },
  });
  expect(count.json()).toEqual({ count: 5 });

  const preview = await call('GET', `/api/newsletter-issues/${id}/preview`, coord);
  expect(preview.headers['content-type']).toMatch(/text\/html/);
  expect(preview.body).toContain('Bonjour à tous.');
  expect(preview.body).toContain('Rencontre des adhérents (démo)');
  // The news block: the published post with its summary, never a draft.
  expect(preview.body).toContain('Le club accueille trois nouveaux adhérents');
  expect(preview.body).toContain('Une menuiserie, un cabinet comptable et une ferme.');
  expect(preview.body).not.toContain('Brouillon à ne pas envoyer');
  expect(preview.body).not.toContain('{{actualites}}');
  const latest = await call('GET', `${base}/newsletter-latest-news`, coord);
  expect(latest.json().items.map((n: { title: string }) => n.title)).toEqual([
    'Le club accueille trois nouveaux adhérents',
  ]);
  expect((await call('GET', `${base}/newsletter-latest-news`, other.coordinator.cookies)).statusCode).toBe(
    403,
  );
  expect((await call('GET', `${base}/newsletter-latest-news`, member.cookies)).statusCode).toBe(403);
  expect(preview.body).not.toContain('<script>');
  // MJML's responsive columns: full width under 480 px.
  expect(preview.body).toContain('@media only screen and (min-width:480px)');

  const test = await call('POST', `/api/newsletter-issues/${id}/test-send`, coord);
  expect(test.json()).toMatchObject({ to: club.coordinator.account.email, status: 'sent' });
  const testMail = await smtp.waitFor(club.coordinator.account.email, /\[Test\] La lettre de mai/);
  expect(testMail.text).toContain('Rencontre des adhérents (démo)');
  expect(testMail.text).toContain('* Le club accueille trois nouveaux adhérents');

  const sent = await call('POST', `/api/newsletter-issues/${id}/send`, coord);
  expect(sent.json()).toEqual({ recipients: 5 });
  expect((await call('POST', `/api/newsletter-issues/${id}/send`, coord)).statusCode).toBe(409);
  expect((await call('PATCH', `/api/newsletter-issues/${id}`, coord, { subject: 'x' })).statusCode).toBe(409);
  await sendPass({ db: ctx.db, config: ctx.deps.config, log: console });
  const contactMail = await smtp.waitFor(member.contact.email, /La lettre de mai/);
  expect(contactMail.text).toContain('Se désinscrire : http://maillage.test/lettres/desinscription/');
  const progress = (await call('GET', `/api/newsletter-issues/${id}`, coord)).json();
  expect(progress).toMatchObject({ status: 'sent', figures: { sent: 5, total: 5, bounced: 0 } });

  // The archive shows it (lists are public by default) and its web view carries no personal link.
  const archive = await call('GET', `/api/public/networks/${club.network.slug}/newsletter-archive`);
  expect(archive.json().items.map((i: { subject: string }) => i.subject)).toEqual(['La lettre de mai']);
  const web = await call('GET', `/api/newsletter-issues/${id}/web`);
  expect(web.statusCode).toBe(200);
  expect(web.body).not.toMatch(/desinscription\/[\w-]{20}/);

  // Bounces: a token is required; a hard bounce matched by Message-ID suppresses platform-wide; unmatched: ignored.
  const [row] = await ctx.db
    .select()
    .from(newsletterIssueRecipients)
    .where(eq(newsletterIssueRecipients.email, member.contact.email));
  const bounce = (body: string, token = 'bounce-token-0123456789') =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/newsletter-bounces',
      payload: body,
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
    });
  expect(
    (
      await bounce(
        dsn({ to: 'bounces@maillage.test', status: '5.1.1', messageId: row.messageId ?? '' }),
        'wrong-token-0123456789',
      )
    ).statusCode,
  ).toBe(401);
  const hard = await bounce(
    dsn({ to: 'bounces@maillage.test', status: '5.1.1', messageId: row.messageId ?? '' }),
  );
  expect(hard.json()).toEqual({ matched: true, kind: 'hard', suppressed: true });
  const [supp] = await ctx.db
    .select()
    .from(newsletterSuppressions)
    .where(eq(newsletterSuppressions.email, member.contact.email));
  expect(supp).toMatchObject({ networkId: null, reason: 'hard_bounce' });
  const unmatched = await bounce(dsn({ to: 'bounces@maillage.test', status: '5.1.1' }));
  expect(unmatched.json()).toEqual({ matched: false, kind: 'hard', suppressed: false });
  const notDsn = await bounce('Subject: hello\r\n\r\nnothing here');
  expect(notDsn.statusCode).toBe(400);
  expect(notDsn.json().error.fields).toHaveProperty('body');
  // Soft bounces (by VERP address): suppressed at the second (the setting).
  const [reader] = await ctx.db
    .select()
    .from(newsletterIssueRecipients)
    .where(eq(newsletterIssueRecipients.email, 'lecteur-1@example.org'));
  const soft = () => bounce(dsn({ to: `bounces+${reader.id}@maillage.test`, status: '4.2.2' }));
  expect((await soft()).json()).toEqual({ matched: true, kind: 'soft', suppressed: false });
  expect((await soft()).json()).toEqual({ matched: true, kind: 'soft', suppressed: true });
  expect((await call('GET', `/api/newsletter-issues/${id}`, coord)).json().figures).toMatchObject({
    bounced: 2,
    unsubscribed: 2,
  });
});

it('checks the sending settings: an invalid DKIM key is a 400 naming the field, the key never comes back', async () => {
  const call = caller(ctx);
  const club = await buildClub(ctx);
  const stranger = await buildAccount(ctx.db);
  const url = `/api/networks/${club.network.id}/newsletter-sending-settings`;
  const bad = await call('PUT', url, club.coordinator.cookies, {
    dkimDomain: 'club.example.org',
    dkimSelector: 'mail',
    dkimPrivateKey: 'not a key',
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().error.fields).toHaveProperty('dkimPrivateKey');
  const pem = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const good = await call('PUT', url, club.coordinator.cookies, {
    dkimDomain: 'club.example.org',
    dkimSelector: 'mail',
    dkimPrivateKey: pem,
    senderName: 'Le club',
  });
  expect(good.statusCode).toBe(200);
  expect(good.json()).toMatchObject({ dkimKeySet: true, senderName: 'Le club' });
  expect(good.body).not.toContain('PRIVATE');
  expect((await call('GET', url, stranger.cookies)).statusCode).toBe(403);
});
