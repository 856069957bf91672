import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newsletterLists, newsletterSubscriptions } from './newsletters.tables.ts';

// Test helpers of the sending tests: a list with confirmed subscribers (written as the lists module would after
// double opt-in), and per-address counts of what an SMTP peer received.

export async function buildList(db: Db, networkId: string, name = 'Lettre test') {
  const [list] = await db
    .insert(newsletterLists)
    .values({ networkId, name, consentText: 'J’accepte de recevoir la lettre.', consentVersion: '1' })
    .returning();
  return list;
}

/** `count` confirmed subscribers of the list: `prefix-0@example.org` … */
export async function subscribe(
  db: Db,
  list: { id: string; networkId: string },
  count: number,
  prefix = 'abonne',
) {
  await db.execute(sql`insert into ${newsletterSubscriptions}
    (list_id, network_id, email, name, status, legal_basis, source, consent_text, consent_version, consented_at, confirmed_at)
    select ${list.id}::uuid, ${list.networkId}::uuid, ${prefix} || '-' || g || '@example.org', 'Abonné ' || g,
      'confirmed', 'consent', 'form', 'J’accepte', '1', now(), now()
    from generate_series(0, ${count - 1}) g`);
}

/** How many mails each address received, and the addresses received more than once. */
export function deliveries(received: { to: string[] }[]) {
  const counts = new Map<string, number>();
  for (const m of received) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  const duplicates = [...counts.values()].filter((n) => n > 1).length;
  return { distinct: counts.size, duplicates, counts };
}
