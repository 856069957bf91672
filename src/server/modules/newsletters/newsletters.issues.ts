import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor, Deps } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { conflict, forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { isCoordinatorOf, requireCoordinatorOf, requireSignedIn } from '../accounts/authz.ts';
import { requireNetwork } from '../accounts/networks.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { upcomingNetworkEvents } from '../events/events.upcoming.ts';
import { listPlans } from '../memberships/memberships.plans.ts';
import { latestNews } from '../news/news.posts.ts';
import {
  newsletterIssues,
  newsletterIssueRecipients as rcpt,
  type SegmentSpec,
} from './newsletters.issues.tables.ts';
import { PLACEHOLDERS, renderIssue } from './newsletters.render.ts';
import { checkSegment, countSegment, segmentSourceSql } from './newsletters.segments.ts';
import { snapshotRecipients } from './newsletters.send.ts';
import { newsletterLists } from './newsletters.tables.ts';

// Issues (campaigns) of a network, for its coordinators: drafts, composing, preview, test send, and the sending
// state (send, pause, resume, cancel) that the engine (newsletters.send.ts) follows.

export type IssueRow = typeof newsletterIssues.$inferSelect;
export type IssueInput = {
  listId?: string | null;
  subject?: string;
  preheader?: string | null;
  senderName?: string | null;
  replyTo?: string | null;
  bodyMarkdown?: string;
  segment?: SegmentSpec;
  ratePerSecond?: number | null;
};

/** Agenda block size: the next events of the network. */
const EVENTS_IN_ISSUE = 6;
const NEWS_IN_ISSUE = 3;

async function loadIssue(db: Db, issueId: string) {
  const [issue] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId));
  if (!issue) throw notFound('Lettre introuvable');
  return issue;
}

/** The issue, for a coordinator of its network (403 otherwise). */
export async function requireIssueStaff(db: Db, actor: Actor | null, issueId: string) {
  requireSignedIn(actor);
  const issue = await loadIssue(db, issueId);
  if (!(await isCoordinatorOf(db, actor, issue.networkId)))
    throw forbidden('Réservé aux coordinateurs du réseau de cette lettre');
  return issue;
}

async function checkList(db: Db, networkId: string, listId: string | null | undefined) {
  if (!listId) return;
  const [list] = await db
    .select({ id: newsletterLists.id })
    .from(newsletterLists)
    .where(and(eq(newsletterLists.id, listId), eq(newsletterLists.networkId, networkId)));
  if (!list) throw invalidInput('Liste inconnue dans ce réseau', { listId: 'liste inconnue' });
}

/** Per-status counts of an issue's recipients, and the figures of the archive. */
export async function issueFigures(db: Db, issue: IssueRow) {
  const rows = await db
    .select({ status: rcpt.status, bounce: rcpt.bounce, n: sql<number>`count(*)::int` })
    .from(rcpt)
    .where(eq(rcpt.issueId, issue.id))
    .groupBy(rcpt.status, rcpt.bounce);
  const by = (s: string) => rows.filter((r) => r.status === s).reduce((a, r) => a + Number(r.n), 0);
  const bounced = rows.filter((r) => r.bounce).reduce((a, r) => a + Number(r.n), 0);
  let unsubscribed = 0;
  if (issue.startedAt) {
    const result =
      await db.execute(sql`select count(*)::int as n from ${rcpt} r where r.issue_id = ${issue.id}
      and (exists (select 1 from newsletter_subscriptions s where s.network_id = r.network_id and s.email = r.email
             and s.status = 'unsubscribed' and s.unsubscribed_at >= ${issue.startedAt})
        or exists (select 1 from newsletter_suppressions x where x.email = r.email
             and (x.network_id is null or x.network_id = r.network_id) and x.created_at >= ${issue.startedAt}))`);
    unsubscribed = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  }
  return {
    total: rows.reduce((a, r) => a + Number(r.n), 0),
    queued: by('queued'),
    sending: by('sending'),
    sent: by('sent'),
    failed: by('failed'),
    suppressed: by('suppressed'),
    cancelled: by('cancelled'),
    bounced,
    unsubscribed,
  };
}

export async function listIssues(deps: Pick<Deps, 'db'>, actor: Actor | null, networkId: string) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  return deps.db
    .select({
      id: newsletterIssues.id,
      subject: newsletterIssues.subject,
      status: newsletterIssues.status,
      listId: newsletterIssues.listId,
      recipientCount: newsletterIssues.recipientCount,
      startedAt: newsletterIssues.startedAt,
      finishedAt: newsletterIssues.finishedAt,
      updatedAt: newsletterIssues.updatedAt,
      isDemo: newsletterIssues.isDemo,
    })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.networkId, networkId))
    .orderBy(desc(newsletterIssues.updatedAt))
    .limit(200);
}

export async function createIssue(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  input: IssueInput,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  await checkList(deps.db, networkId, input.listId);
  const segment = input.segment ?? (input.listId ? { listIds: [input.listId] } : {});
  await checkSegment(deps.db, networkId, segment);
  const [issue] = await deps.db
    .insert(newsletterIssues)
    .values({
      networkId,
      listId: input.listId ?? null,
      subject: input.subject ?? '',
      preheader: input.preheader ?? null,
      senderName: input.senderName ?? null,
      replyTo: input.replyTo ?? null,
      bodyMarkdown: input.bodyMarkdown ?? '',
      segment,
      ratePerSecond: input.ratePerSecond ?? null,
      createdBy: actor?.accountId ?? null,
    })
    .returning();
  await recordAudit(deps.db, actor, {
    action: 'newsletters.issue-created',
    entityType: 'newsletter_issue',
    entityId: issue.id,
    networkIds: [networkId],
    after: { subject: issue.subject },
  });
  return issue;
}

export async function updateIssue(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  issueId: string,
  input: IssueInput,
) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  if (issue.status !== 'draft')
    throw conflict('Cette lettre n’est plus un brouillon : elle ne peut plus être modifiée.');
  if (input.listId !== undefined) await checkList(deps.db, issue.networkId, input.listId);
  if (input.segment) await checkSegment(deps.db, issue.networkId, input.segment);
  const [row] = await deps.db
    .update(newsletterIssues)
    .set({ ...input, updatedAt: new Date() })
    .where(and(eq(newsletterIssues.id, issueId), eq(newsletterIssues.status, 'draft')))
    .returning();
  if (!row) throw conflict('Cette lettre n’est plus un brouillon : elle ne peut plus être modifiée.');
  await recordAudit(deps.db, actor, {
    action: 'newsletters.issue-updated',
    entityType: 'newsletter_issue',
    entityId: issueId,
    networkIds: [issue.networkId],
    after: { subject: row.subject },
  });
  return row;
}

export async function getIssue(deps: Pick<Deps, 'db'>, actor: Actor | null, issueId: string) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  return { ...issue, figures: await issueFigures(deps.db, issue) };
}

/** The network's coming events, for the composer's agenda block. */
export async function issueEvents(deps: Pick<Deps, 'db' | 'clock' | 'config'>, networkId: string) {
  return upcomingNetworkEvents(deps.db, {
    networkId,
    now: deps.clock(),
    limit: EVENTS_IN_ISSUE,
    publicUrl: deps.config.publicUrl,
  });
}

/** The network's latest published news, for the composer's news block (read through the news module). */
export async function issueNews(deps: Pick<Deps, 'db' | 'clock' | 'config'>, networkId: string) {
  return latestNews(deps, networkId, NEWS_IN_ISSUE);
}

/** The issue rendered now (HTML and text, links as placeholders). */
export async function renderDraft(deps: Pick<Deps, 'db' | 'clock' | 'config'>, issue: IssueRow) {
  const network = await requireNetwork(deps.db, issue.networkId);
  return renderIssue({
    subject: issue.subject || '(sans objet)',
    preheader: issue.preheader,
    bodyMarkdown: issue.bodyMarkdown,
    networkName: network.name,
    events: await issueEvents(deps, issue.networkId),
    news: await issueNews(deps, issue.networkId),
    webUrl: `${deps.config.publicUrl}/api/newsletter-issues/${issue.id}/web`,
  });
}

const inert = (html: string) =>
  html.replaceAll(PLACEHOLDERS.unsubscribe, '#').replaceAll(PLACEHOLDERS.preferences, '#');

/** The preview (HTML, links inert): what was sent for a sent issue, else the draft rendered now. */
export async function previewIssue(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  issueId: string,
) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  if (issue.renderedHtml) return inert(issue.renderedHtml);
  return inert((await renderDraft(deps, issue)).html);
}

function requireSubject(issue: IssueRow) {
  if (!issue.subject.trim())
    throw invalidInput('La lettre n’a pas d’objet : saisissez-en un avant l’envoi.', {
      subject: 'objet obligatoire',
    });
}

/** Sends the issue as it stands to the signed-in coordinator's own address (through the outbox). */
export async function testSendIssue(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'mailer'>,
  actor: Actor | null,
  issueId: string,
) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  requireSubject(issue);
  const { html, text } = await renderDraft(deps, issue);
  const to = (actor as Actor).email;
  const result = await deps.mailer.send({
    to,
    subject: `[Test] ${issue.subject}`,
    html: inert(html),
    text: text
      .replaceAll(PLACEHOLDERS.unsubscribe, '(lien personnel)')
      .replaceAll(PLACEHOLDERS.preferences, '(lien personnel)'),
    kind: 'newsletters.test-send',
  });
  return { to, status: result.status };
}

/** How many addresses the segment would reach now (suppressions left out). */
export async function countRecipients(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  networkId: string,
  segment: SegmentSpec,
) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  await checkSegment(deps.db, networkId, segment);
  return countSegment(deps.db, networkId, segment);
}

/**
 * Starts sending: the issue is rendered once, its recipients snapshotted (suppressions left out), and the engine
 * takes it from there. An issue without subject, or with no recipient left, is a 400 naming the field.
 */
export async function sendIssue(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  actor: Actor | null,
  issueId: string,
) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  if (issue.status !== 'draft') throw conflict('Cette lettre a déjà été envoyée ou est en cours d’envoi.');
  requireSubject(issue);
  await checkSegment(deps.db, issue.networkId, issue.segment);
  const { html, text } = await renderDraft(deps, issue);
  if (!text.trim()) throw invalidInput('La lettre n’a pas de texte brut.', { bodyMarkdown: 'texte vide' });
  const source = segmentSourceSql(issue.networkId, issue.segment);
  const count = await deps.db.transaction(async (trx) => {
    const [claimed] = await trx
      .update(newsletterIssues)
      .set({
        status: 'sending',
        renderedHtml: html,
        renderedText: text,
        startedAt: deps.clock(),
        updatedAt: new Date(),
      })
      .where(and(eq(newsletterIssues.id, issueId), eq(newsletterIssues.status, 'draft')))
      .returning({ id: newsletterIssues.id });
    if (!claimed) throw conflict('Cette lettre a déjà été envoyée ou est en cours d’envoi.');
    const n = await snapshotRecipients(trx, issue, source);
    if (n === 0)
      throw invalidInput(
        'Aucun destinataire : le segment choisi ne compte personne une fois les désinscrits et adresses bloquées retirés.',
        { segment: 'aucun destinataire après les exclusions' },
      );
    await trx.update(newsletterIssues).set({ recipientCount: n }).where(eq(newsletterIssues.id, issueId));
    return n;
  });
  await recordAudit(deps.db, actor, {
    action: 'newsletters.issue-sent',
    entityType: 'newsletter_issue',
    entityId: issueId,
    networkIds: [issue.networkId],
    after: { subject: issue.subject, recipients: count },
  });
  return { recipients: count };
}

const transitions = {
  pause: { from: ['sending'], to: 'paused', audit: 'newsletters.issue-paused' },
  resume: { from: ['paused'], to: 'sending', audit: 'newsletters.issue-resumed' },
  cancel: { from: ['sending', 'paused', 'draft'], to: 'cancelled', audit: 'newsletters.issue-cancelled' },
} as const;

/**
 * Pause (workers finish the mails in flight and stop), resume, or cancel (the recipients not yet handed to SMTP
 * are `cancelled`; a cancelled issue never resumes).
 */
export async function changeSending(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  issueId: string,
  action: keyof typeof transitions,
) {
  const issue = await requireIssueStaff(deps.db, actor, issueId);
  const t = transitions[action];
  const [row] = await deps.db
    .update(newsletterIssues)
    .set({ status: t.to, updatedAt: new Date(), ...(action === 'cancel' ? { finishedAt: new Date() } : {}) })
    .where(and(eq(newsletterIssues.id, issueId), inArray(newsletterIssues.status, [...t.from])))
    .returning();
  if (!row) throw conflict(`Impossible dans l’état actuel de la lettre (${issue.status}).`);
  if (action === 'cancel')
    await deps.db
      .update(rcpt)
      .set({ status: 'cancelled', claimToken: null, leaseUntil: null })
      .where(and(eq(rcpt.issueId, issueId), eq(rcpt.status, 'queued')));
  await recordAudit(deps.db, actor, {
    action: t.audit,
    entityType: 'newsletter_issue',
    entityId: issueId,
    networkIds: [issue.networkId],
  });
  return { ...row, figures: await issueFigures(deps.db, row) };
}

/** What a segment can be made of in this network: its lists and its membership plans (composer). */
export async function issueAudiences(deps: Pick<Deps, 'db'>, actor: Actor | null, networkId: string) {
  await requireNetwork(deps.db, networkId);
  await requireCoordinatorOf(deps.db, actor, networkId);
  const lists = await deps.db
    .select({ id: newsletterLists.id, name: newsletterLists.name })
    .from(newsletterLists)
    .where(and(eq(newsletterLists.networkId, networkId), isNull(newsletterLists.archivedAt)))
    .orderBy(asc(newsletterLists.name));
  const plans = (await listPlans(deps.db, networkId)).map((p) => ({ id: p.id, name: p.name }));
  return { lists, plans };
}
