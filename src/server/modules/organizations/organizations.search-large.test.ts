import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { mergeFields, prepareOrganization } from './organizations.rules.ts';
import { EXACT_COUNT_LIMIT, searchOrganizations } from './organizations.search.ts';
import { organizations } from './organizations.tables.ts';

// Past EXACT_COUNT_LIMIT matches, counts are estimated and broad text queries are listed in identifier order.

let t: TestContext;
const ROWS = EXACT_COUNT_LIMIT + 300;
const nameOf = (i: number) => `${i % 2 ? 'Association' : 'Coopérative'} Horizon ${i}`;

beforeAll(async () => {
  t = await createTestApp();
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const p = prepareOrganization(
      mergeFields(undefined, {
        name: nameOf(i),
        communeCode: i % 3 ? '54395' : '52448',
      }),
    );
    if (!p.ok) throw new Error('invalid row');
    return { ...p.row, source: 'import' };
  });
  for (let i = 0; i < rows.length; i += 500) await t.db.insert(organizations).values(rows.slice(i, i + 500));
  await t.db.execute('analyze organizations');
}, 120_000);
afterAll(async () => t?.close());

describe('large result sets', () => {
  it('estimates the total and lists broad matches in identifier order', async () => {
    const broad = await searchOrganizations(t.db, { q: 'horizon' });
    expect(broad.totalIsEstimate).toBe(true);
    expect(broad.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(broad.items).toHaveLength(20);
    const ids = broad.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort());
    const next = await searchOrganizations(t.db, { q: 'horizon', page: 2 });
    expect(next.items[0]!.id > ids[19]!).toBe(true);
  });

  it('keeps exact counts and relevance below the limit, typo-tolerant on the lexicon', async () => {
    const narrow = await searchOrganizations(t.db, { q: 'coperative horizon', territory: 'dep:52' });
    expect(narrow.totalIsEstimate).toBe(false);
    const expected = Array.from({ length: ROWS }, (_, i) => i).filter(
      (i) => i % 2 === 0 && i % 3 === 0,
    ).length;
    expect(narrow.total).toBe(expected);
    expect(narrow.items.every((i) => i.name.startsWith('Coopérative'))).toBe(true);
  });
});
