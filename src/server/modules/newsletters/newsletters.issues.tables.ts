import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../db/columns.ts';
import { accounts, networks } from '../accounts/accounts.tables.ts';
import { newsletterLists } from './newsletters.tables.ts';

// The sending side of newsletters: a network's sending settings (sender, DKIM key, rate), its issues (campaigns)
// and, once an issue is sent, one row per recipient holding that recipient's send state (see newsletters.send.ts).

/** A network's sending settings. The DKIM private key is sealed (lib/sealed.ts), bound to the network. */
export const newsletterSendingSettings = pgTable('newsletter_sending_settings', {
  networkId: uuid('network_id')
    .primaryKey()
    .references(() => networks.id, { onDelete: 'cascade' }),
  senderName: text('sender_name'),
  /** The From address (else the platform's MAIL_FROM address); on the DKIM domain for alignment. */
  fromAddress: text('from_address'),
  replyTo: text('reply_to'),
  dkimDomain: text('dkim_domain'),
  dkimSelector: text('dkim_selector'),
  dkimPrivateKey: text('dkim_private_key'),
  /** Mails per second for this network's issues (else the default). */
  ratePerSecond: integer('rate_per_second'),
  updatedAt: updatedAt(),
});

/** The recipients of an issue, as chosen by staff; validated by newsletters.segments.ts. */
export type SegmentSpec = {
  listIds?: string[];
  members?: {
    planIds?: string[];
    statuses?: ('pending' | 'active' | 'grace' | 'lapsed' | 'cancelled')[];
  };
  territory?: { departments?: string[]; epcis?: string[] };
};

/**
 * An issue (campaign): draft → sending ⇄ paused → sent, or cancelled. The body is Markdown; the HTML and text
 * are rendered once when sending starts (with placeholders for each recipient's links) and kept as sent.
 */
export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: id(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** The list the issue belongs to (its List-Id, sender defaults); the segment may add other recipients. */
    listId: uuid('list_id').references(() => newsletterLists.id, { onDelete: 'set null' }),
    subject: text('subject').notNull().default(''),
    preheader: text('preheader'),
    senderName: text('sender_name'),
    replyTo: text('reply_to'),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    segment: jsonb('segment').$type<SegmentSpec>().notNull().default({}),
    /** draft | sending | paused | sent | cancelled */
    status: text('status').notNull().default('draft'),
    /** Mails per second for this issue (else the network's, else the default). */
    ratePerSecond: integer('rate_per_second'),
    renderedHtml: text('rendered_html'),
    renderedText: text('rendered_text'),
    /** The rate limiter's next free slot, shared by every process sending this issue. */
    sendSlotAt: timestamp('send_slot_at', { withTimezone: true }),
    recipientCount: integer('recipient_count'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('newsletter_issues_network').on(t.networkId, t.status),
    index('newsletter_issues_active').on(t.status).where(sql`status = 'sending'`),
  ],
);

/**
 * One recipient of one issue, snapshotted when sending starts: queued → sending → sent, or failed (refused for
 * good), suppressed (found suppressed at send), cancelled (the issue was cancelled). `claimToken` and `leaseUntil`
 * are the hold of the worker that claimed the row; `sending` means handed to SMTP (see newsletters.send.ts).
 */
export const newsletterIssueRecipients = pgTable(
  'newsletter_issue_recipients',
  {
    id: id(),
    issueId: uuid('issue_id')
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name'),
    /** The list subscription that brought the recipient, if any (its unsubscribe link names that list). */
    listId: uuid('list_id'),
    status: text('status').notNull().default('queued'),
    claimToken: uuid('claim_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    messageId: text('message_id'),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** hard | soft, from a delivery status notification. */
    bounce: text('bounce'),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('newsletter_issue_recipients_issue_email').on(t.issueId, t.email),
    index('newsletter_issue_recipients_due').on(t.issueId).where(sql`status in ('queued', 'sending')`),
    index('newsletter_issue_recipients_status').on(t.issueId, t.status),
    index('newsletter_issue_recipients_message').on(t.messageId),
  ],
);

/** Every delivery status notification received, matched or not (a bounce matching no mail is kept, ignored). */
export const newsletterBounces = pgTable(
  'newsletter_bounces',
  {
    id: id(),
    recipientId: uuid('recipient_id').references(() => newsletterIssueRecipients.id, {
      onDelete: 'set null',
    }),
    email: text('email'),
    /** hard | soft */
    kind: text('kind').notNull(),
    status: text('status'),
    diagnostic: text('diagnostic'),
    createdAt: createdAt(),
  },
  (t) => [index('newsletter_bounces_email').on(t.email)],
);
