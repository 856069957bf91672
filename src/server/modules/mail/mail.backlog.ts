import { and, count, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { outbox } from './mail.tables.ts';

/** What waits in the outbox, for the metrics: mails still to send (due now among them) and mails given up on. */
export async function outboxBacklog(db: Db, now: Date) {
  const rows = await db
    .select({ status: outbox.status, n: count() })
    .from(outbox)
    .where(inArray(outbox.status, ['queued', 'failed']))
    .groupBy(outbox.status);
  const [due] = await db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.status, 'queued'), lte(outbox.nextAttemptAt, now)));
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { queued: of('queued'), failed: of('failed'), due: due.n };
}
