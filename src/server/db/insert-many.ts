import { getTableColumns, getTableName, is, SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.ts';

// Inserting many rows at once. drizzle's `insert(t).values(rows)` turns every column of every row into a query
// chunk and a bound parameter: for a few hundred rows of a wide table, building the query costs more CPU than
// PostgreSQL's work (the renewal run spent half of its time there). Here the rows travel as ONE JSON parameter,
// unpacked by `jsonb_to_recordset`, and drizzle still maps `returning()` and builds `on conflict`.

/**
 * `insertMany(db, table, rows)` is `db.insert(table).values(rows)`, for batches: chain `.returning()`,
 * `.onConflictDoNothing()`… as usual. A column a row leaves out (undefined or null) takes the column's default (a
 * `$defaultFn` is computed per row here, a SQL default such as `now()` is applied by PostgreSQL); so, unlike
 * `values()`, an explicit null cannot override a default.
 */
export function insertMany<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  if (rows.length === 0) throw new Error('insertMany: no rows');
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(
    // As drizzle's own insert: generated and identity-always columns are not written.
    ([, col]) => !(col as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
  );
  const docs = rows.map((row) => {
    const doc: Record<string, unknown> = {};
    for (const [key, col] of columns) {
      let value = (row as Record<string, unknown>)[key];
      if (value === undefined && col.defaultFn) value = col.defaultFn();
      else if (value === undefined && col.default === undefined && col.onUpdateFn) value = col.onUpdateFn();
      if (value === undefined || value === null) continue;
      if (is(value, SQL)) throw new Error(`insertMany: ${key} is a SQL expression; use values()`);
      doc[col.name] =
        col.columnType === 'PgJsonb' || col.columnType === 'PgJson' ? value : toJsonValue(value);
    }
    return doc;
  });
  const record = sql.join(
    columns.map(([, col]) => sql`${sql.identifier(col.name)} ${sql.raw(recordType(col))}`),
    sql`, `,
  );
  const select = sql.join(
    columns.map(([, col]) => {
      const value = sql`x.${sql.identifier(col.name)}`;
      const fallback = defaultOf(table, col);
      return fallback ? sql`coalesce(${value}, ${fallback})` : value;
    }),
    sql`, `,
  );
  return db
    .insert(table)
    .select(sql`select ${select} from jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) as x(${record})`);
}

const serials: Record<string, string> = { serial: 'integer', bigserial: 'bigint', smallserial: 'smallint' };

/** The column's type in the record read from JSON (a serial is its integer type). */
function recordType(col: PgColumn): string {
  const type = col.getSQLType();
  return serials[type] ?? type;
}

/** What PostgreSQL's own default would give when a row leaves the column out, or null when it has none. */
function defaultOf(table: PgTable, col: PgColumn): SQL | null {
  if (!col.hasDefault) return null;
  if (col.default === undefined) {
    // A serial or identity column: its sequence.
    return sql`nextval(pg_get_serial_sequence(${getTableName(table)}, ${col.name}))`;
  }
  if (is(col.default, SQL)) return col.default;
  return sql`${sql.param(col.default, col)}::${sql.raw(recordType(col))}`;
}

/** Dates as ISO instants; everything else as JSON has it (numbers, strings, booleans, arrays). */
function toJsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
