import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../modules/audit/audit.tables.ts';
import { outbox } from '../modules/mail/mail.tables.ts';
import { scratchDatabase } from '../testing.ts';
import { type Database, openDatabase } from './client.ts';
import { insertMany } from './insert-many.ts';

// insertMany must store exactly what drizzle's insert().values() stores, defaults included, on both databases.
describe('insertMany', () => {
  let database: Database;
  let drop = async () => {};
  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (process.env.DATABASE_URL) ({ url: databaseUrl, drop } = await scratchDatabase());
    database = await openDatabase({ databaseUrl, dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database?.close();
    await drop();
  });

  it('stores the same rows as values(): serial ids, SQL and literal defaults, arrays, jsonb, dates, quotes', async () => {
    const { db } = database;
    const at = new Date('2026-03-04T05:06:07.089Z');
    const rows = [
      {
        action: 'test.one',
        entityType: 'thing',
        entityId: 'l’été "quoted" \\ back',
        networkIds: ['7f1c0b52-6a0c-4d2e-9a59-1b2d3c4e5f60'],
        after: { nested: { list: [1, 'deux', null], é: true } },
        at,
      },
      // Left out: at (now()), network_ids (default []), before/after (null).
      { action: 'test.two', entityType: 'thing' },
    ];
    const viaValues = await db.insert(auditLog).values(rows).returning();
    const viaMany = await insertMany(db, auditLog, rows).returning();
    expect(viaMany).toHaveLength(2);
    const strip = (r: (typeof viaMany)[number]) => ({
      ...r,
      id: 0,
      at: r === viaMany[1] || r === viaValues[1] ? 0 : r.at,
    });
    expect(viaMany.map(strip)).toEqual(viaValues.map(strip));
    expect(viaMany[0].at).toEqual(at);
    expect(viaMany[1].at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(viaMany[1].networkIds).toEqual([]);
    expect(viaMany[0].id).toBeGreaterThan(viaValues[1].id);
    expect(viaMany[1].id).toBe(viaMany[0].id + 1);
    const stored = await db
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.id,
          viaMany.map((r) => r.id),
        ),
      );
    expect(stored.map((r) => r.after)).toEqual([rows[0].after, null]);
  });

  it('computes $defaultFn and defaultRandom per row, keeps row order, and chains on conflict', async () => {
    const { db } = database;
    const messages = Array.from({ length: 300 }, (_, i) => ({
      to: `p${i}@example.org`,
      subject: `Objet ${i}`,
      text: 'Bonjour',
      status: 'kept',
      kind: 'test.insert-many',
      attempts: i % 2 === 0 ? undefined : 3,
    }));
    const ids = await insertMany(db, outbox, messages).returning({
      id: outbox.id,
      to: outbox.to,
      attempts: outbox.attempts,
    });
    expect(ids.map((r) => r.to)).toEqual(messages.map((m) => m.to));
    expect(new Set(ids.map((r) => r.id)).size).toBe(300);
    expect(ids[0].attempts).toBe(0);
    expect(ids[1].attempts).toBe(3);
    const again = await insertMany(db, outbox, [{ ...messages[0], id: ids[0].id }])
      .onConflictDoNothing()
      .returning();
    expect(again).toEqual([]);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, ids[0].id));
    expect(row.subject).toBe('Objet 0');
  });
});
