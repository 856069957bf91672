import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../lib/errors.ts';
import { networks } from '../accounts/accounts.tables.ts';
import { newsletterIssues } from './newsletters.issues.tables.ts';
import { PLACEHOLDERS } from './newsletters.render.ts';
import { newsletterLists } from './newsletters.tables.ts';

// The public archive of a network's letters: the issues sent to one of its public lists, and their web view (the
// HTML as sent, without anyone's personal links). Drafts, cancelled issues and private lists' issues stay hidden.

const GONE = 'Lettre introuvable';

export async function networkArchive(db: Db, slug: string) {
  const [network] = await db.select().from(networks).where(eq(networks.slug, slug));
  if (!network) throw notFound('Réseau introuvable');
  const items = await db
    .select({
      id: newsletterIssues.id,
      subject: newsletterIssues.subject,
      sentAt: newsletterIssues.startedAt,
      listName: newsletterLists.name,
    })
    .from(newsletterIssues)
    .innerJoin(newsletterLists, eq(newsletterLists.id, newsletterIssues.listId))
    .where(
      and(
        eq(newsletterIssues.networkId, network.id),
        eq(newsletterIssues.status, 'sent'),
        eq(newsletterLists.visibility, 'public'),
      ),
    )
    .orderBy(desc(newsletterIssues.startedAt))
    .limit(200);
  return { networkName: network.name, items };
}

/** The HTML of a sent issue of a public list; 404 for anything else. */
export async function archivedIssue(db: Db, issueId: string) {
  const [row] = await db
    .select({ html: newsletterIssues.renderedHtml })
    .from(newsletterIssues)
    .innerJoin(newsletterLists, eq(newsletterLists.id, newsletterIssues.listId))
    .where(
      and(
        eq(newsletterIssues.id, issueId),
        eq(newsletterIssues.status, 'sent'),
        eq(newsletterLists.visibility, 'public'),
      ),
    );
  if (!row?.html) throw notFound(GONE);
  return row.html.replaceAll(PLACEHOLDERS.unsubscribe, '#').replaceAll(PLACEHOLDERS.preferences, '#');
}
