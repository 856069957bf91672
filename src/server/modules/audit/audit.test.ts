import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildNetwork, signInAs } from '../accounts/accounts.factory.ts';
import { formatLocalDateTime } from '../events/events.time.ts';
import { actorName } from './audit.readable.ts';

// The audit log as staff read it: the name of what each entry is about, the person's name without the e-mail,
// territory names instead of codes, and filters by person and by (Paris) day.

let t: TestContext;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, t.deps, {
    email: 'claire.martin@example.fr',
    name: 'Claire Martin',
    isPlatformAdmin: true,
  });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: admin } });

describe('readable audit entries', () => {
  it('name the subject and the person, and show territories by name', async () => {
    const network = await buildNetwork(t.deps, { name: 'Club des Lacs' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/networks/${network.id}`,
      headers: { cookie: admin },
      payload: { territory: 'dep:52' },
    });
    expect(res.statusCode).toBe(200);
    const items = (await get(`/api/audit?entityType=network&entityId=${network.id}`)).json().items;
    const update = items.find((e: { action: string }) => e.action === 'network.update');
    expect(update).toMatchObject({ actorName: 'Claire Martin', subject: 'Club des Lacs' });
    expect(update.after.territory).toBe('Haute-Marne');
    expect(JSON.stringify(update)).not.toContain('dep:52');
  });

  it('filter by person and by day', async () => {
    const mine = (await get('/api/audit?actor=claire')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e: { actorName: string }) => e.actorName === 'Claire Martin')).toBe(true);
    expect((await get('/api/audit?actor=personne-inconnue')).json().items).toEqual([]);
    // The filter takes Paris days: near midnight UTC the Paris day is already the next one.
    const today = formatLocalDateTime(new Date()).slice(0, 10);
    expect((await get(`/api/audit?since=${today}&until=${today}`)).json().items.length).toBeGreaterThan(0);
    expect((await get('/api/audit?until=2000-01-01')).json().items).toEqual([]);
    expect((await get('/api/audit?since=pas-une-date')).statusCode).toBe(400);
  });

  it('keep the e-mail out of the name', () => {
    expect(actorName('Claire Martin <claire@example.fr>')).toBe('Claire Martin');
    expect(actorName(null)).toBeNull();
  });
});

/** Every audit action written by the server, read from the sources (literal and templated ones). */
function auditActionsInSources(): string[] {
  const root = join(import.meta.dirname, '..');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(path);
    }
  };
  walk(root);
  const actions = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('recordAudit') && !text.includes('.audit(')) continue;
    for (const m of text.matchAll(/'([a-z]+(?:\.[a-z-]+)+)'/g)) {
      if (/^(account|campaign|event|fair|network|observatory|organization|registration)\./.test(m[1]))
        actions.add(m[1]);
    }
    // The newer modules name their mail kinds with the same prefixes: only what is written as an action counts.
    for (const m of text.matchAll(
      /action: '((?:membership|networking|relations|newsletters|news|privacy)\.[a-z-]+)'/g,
    ))
      actions.add(m[1]);
  }
  return [...actions].sort();
}

describe('the sentence catalogue', () => {
  it('has a French and an English sentence for every audit action the server writes', async () => {
    const { default: strings } = await import('../../../web/features/admin/audit-i18n.ts');
    const actions = auditActionsInSources();
    // The fair decisions are written as `fair.application-${decision}`.
    actions.push('fair.application-accepted', 'fair.application-rejected');
    // …and the membership decisions as `membership.application-${decision}`.
    actions.push('membership.application-approved', 'membership.application-declined');
    expect(actions.length).toBeGreaterThan(25);
    for (const locale of ['fr', 'en'] as const) {
      const catalogue = strings[locale].admin.audit.actions as Record<string, string>;
      const missing = actions.filter((a) => !catalogue[a]);
      expect(missing, locale).toEqual([]);
    }
  });
});
