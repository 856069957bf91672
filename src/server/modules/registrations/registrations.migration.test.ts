import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createPglite, migrationsFolder } from '../../db/client.ts';

// The migration to registrations per date runs on a database that holds registrations (PGlite, and PostgreSQL
// when DATABASE_URL is set): existing rows get the event's start as their date, the counters' key becomes
// (event, occurrence), and the per-date unique indexes hold.

const MIGRATION = '0024_registrations_per_date';
const before = mkdtempSync(join(tmpdir(), 'maillage-migrations-'));
cpSync(migrationsFolder, before, { recursive: true });
const journalPath = join(before, 'meta', '_journal.json');
const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < MIGRATION);
writeFileSync(journalPath, JSON.stringify(journal));
rmSync(join(before, `${MIGRATION}.sql`));
afterAll(() => rmSync(before, { recursive: true, force: true }));

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

async function seedThenMigrate(query: Query, migrate: (folder: string) => Promise<void>) {
  await query('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
  await migrate(before);
  const [{ id: networkId }] = (
    await query(
      `insert into networks (slug, name, kind, territory) values ('m', 'M', 'cress', 'region:44') returning id`,
    )
  ).rows;
  const [{ id: eventId }] = (
    await query(`insert into events (network_id, title, format, starts_at, ends_at, status, registration_mode)
      values ('${networkId}', 'Afterwork', 'afterwork', '2027-02-04T17:30:00Z', '2027-02-04T20:00:00Z', 'published', 'maillage')
      returning id`)
  ).rows;
  await query(`insert into event_registrations (event_id, seq, status, name, email, consent_at, manage_token_hash)
    values ('${eventId}', 1, 'confirmed', 'A', 'a@example.org', now(), 'h1'),
           ('${eventId}', 2, 'waitlisted', 'B', 'b@example.org', now(), 'h2')`);
  await query(
    `insert into event_registration_counters (event_id, last_seq, confirmed, waitlisted) values ('${eventId}', 2, 1, 1)`,
  );
  await migrate(migrationsFolder);
  const rows = (await query('select occurrence_starts_at from event_registrations')).rows;
  expect(rows.map((r) => new Date(r.occurrence_starts_at as string).toISOString())).toEqual([
    '2027-02-04T17:30:00.000Z',
    '2027-02-04T17:30:00.000Z',
  ]);
  const counters = (await query('select occurrence_starts_at, last_seq from event_registration_counters'))
    .rows;
  expect(counters).toHaveLength(1);
  expect(new Date(counters[0].occurrence_starts_at as string).toISOString()).toBe('2027-02-04T17:30:00.000Z');
  // Another date of the same event: its own counter row, its own seq 1, the same email again.
  await query(
    `insert into event_registration_counters (event_id, occurrence_starts_at) values ('${eventId}', '2027-03-04T17:30:00Z')`,
  );
  await query(`insert into event_registrations (event_id, occurrence_starts_at, seq, status, name, email, consent_at, manage_token_hash)
    values ('${eventId}', '2027-03-04T17:30:00Z', 1, 'confirmed', 'A', 'a@example.org', now(), 'h3')`);
  // …but not twice on one date.
  await expect(
    query(`insert into event_registrations (event_id, occurrence_starts_at, seq, status, name, email, consent_at, manage_token_hash)
      values ('${eventId}', '2027-03-04T17:30:00Z', 2, 'confirmed', 'A', 'a@example.org', now(), 'h4')`),
  ).rejects.toThrow();
}

it('backfills existing registrations with the event’s start on PGlite', async () => {
  const client = createPglite();
  await client.waitReady;
  const db = drizzlePglite(client);
  try {
    await seedThenMigrate(
      (text) =>
        client.exec(text).then((r) => ({ rows: (r.at(-1)?.rows ?? []) as Record<string, unknown>[] })),
      (folder) => migratePglite(db as never, { migrationsFolder: folder }),
    );
  } finally {
    await client.close();
  }
}, 120_000);

it.skipIf(!process.env.DATABASE_URL)(
  'backfills existing registrations with the event’s start on PostgreSQL',
  async () => {
    const name = `maillage_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    // The database is dropped WITH (FORCE) at the end: a connection still closing is told so; nothing to do.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool);
    try {
      await seedThenMigrate(
        (text) => pool.query(text).then((r) => ({ rows: (Array.isArray(r) ? r.at(-1) : r).rows ?? [] })),
        (folder) => migrateNodePg(db as never, { migrationsFolder: folder }),
      );
    } finally {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
  120_000,
);
