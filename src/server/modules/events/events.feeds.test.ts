import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing.ts';
import { buildCast, eventBody } from './events.fixtures.ts';

let ctx: TestContext;
let cast: Awaited<ReturnType<typeof buildCast>>;
let eventId: string;
let pastId: string;
const now = new Date('2026-11-10T08:00:00Z');

const inject = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie?: string,
  payload?: unknown,
  type?: string,
) =>
  ctx.app.inject({
    method,
    url,
    headers: { ...(cookie ? { cookie } : {}), ...(type ? { 'content-type': type } : {}) },
    payload: payload as never,
  });

async function published(overrides: Record<string, unknown>) {
  const res = await inject('POST', '/api/events', cast.coordinator.cookie, {
    ...eventBody(cast.org.id),
    campaignId: 'mois-ess-2026',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  await inject('POST', `/api/events/${res.json().id}/publish`, cast.coordinator.cookie);
  return res.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestApp({ now: () => now });
  cast = await buildCast(ctx);
  const c = await inject('POST', '/api/campaigns', cast.coordinator.cookie, {
    networkId: cast.network.id,
    slug: 'mois-ess-2026',
    name: "Mois de l'ESS 2026",
    territory: 'region:44',
    startsOn: '2026-11-01',
    endsOn: '2026-11-30',
    status: 'open',
  });
  expect(c.statusCode, c.body).toBe(201);
  const campaignId = c.json().id;
  eventId = await published({ campaignId });
  pastId = await published({
    campaignId,
    title: 'Conférence passée',
    start: '2026-11-03T10:00',
    end: '2026-11-03T12:00',
  });
  await published({
    campaignId,
    title: 'Forum emploi Metz',
    communeCode: '57463',
    themes: ['employment'],
    format: 'fair',
    start: '2026-11-20T09:00',
    end: '2026-11-21T17:00',
  });
});
afterAll(() => ctx?.close());

describe('ICS feeds', () => {
  it('gives the campaign calendar: future events only, plain text, stable UIDs, Paris times', async () => {
    const res = await inject('GET', '/api/events.ics?campaign=mois-ess-2026');
    expect(res.headers['content-type']).toContain('text/calendar');
    const ics = res.body;
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain(`UID:event-${eventId}@maillage.test`);
    expect(ics).not.toContain(pastId);
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20261112T140000');
    expect(ics).toContain('TZID:Europe/Paris');
    expect(ics).not.toMatch(/<script|javascript:|<strong>/);
    expect((await inject('GET', '/api/events.ics?campaign=mois-ess-2026')).body).toBe(ics);
  });
  it('answers a filter matching nothing with a valid empty calendar, and one event alone', async () => {
    const empty = await inject('GET', '/api/events.ics?territory=dep:08');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toMatch(/^BEGIN:VCALENDAR[\s\S]*END:VCALENDAR$/);
    expect(empty.body).not.toContain('BEGIN:VEVENT');
    const one = await inject('GET', `/api/events/${eventId}.ics`);
    expect(one.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect((await inject('GET', '/api/events/00000000-0000-4000-8000-000000000000.ics')).statusCode).toBe(
      404,
    );
  });
});

describe('programme exports', () => {
  it('exports RSS, CSV and XLSX of the filter', async () => {
    const rss = await inject('GET', '/api/events.rss?campaign=mois-ess-2026');
    expect(rss.body).toContain('<rss version="2.0"');
    expect(rss.body).toContain('Atelier réparation vélo');
    expect(rss.body).not.toMatch(/<script/);
    const csv = await inject(
      'GET',
      '/api/events.csv?campaign=mois-ess-2026&territory=dep:57&from=2026-11-01',
    );
    expect(csv.body.startsWith('\ufeffDate;Début;Fin;Titre')).toBe(true);
    expect(csv.body).toContain('Forum emploi Metz');
    expect(csv.body).not.toContain('Atelier réparation vélo');
    const xlsx = await inject('GET', '/api/events.xlsx?campaign=mois-ess-2026&from=2026-11-01');
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const sheet = new TextDecoder().decode(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('Conférence passée');
    expect(sheet).toContain('Forum emploi Metz');
  });
  it('prints the programme by department then date, as HTML and PDF', async () => {
    const page = await inject('GET', '/agenda/programme?campaign=mois-ess-2026&from=2026-11-01');
    const html = page.body;
    expect(html.indexOf('Meurthe-et-Moselle')).toBeGreaterThan(-1);
    expect(html.indexOf('Meurthe-et-Moselle')).toBeLessThan(html.indexOf('Moselle (57)'));
    expect(html.indexOf('Conférence passée')).toBeLessThan(html.indexOf('Atelier réparation vélo'));
    const pdf = await inject('GET', '/api/events.pdf?campaign=mois-ess-2026');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('event page', () => {
  it('server-renders OpenGraph tags and schema.org Event JSON-LD', async () => {
    const res = await inject('GET', `/agenda/evenements/${eventId}`);
    expect(res.body).toContain('<meta property="og:title" content="Atelier réparation vélo">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)![1]);
    expect(ld).toMatchObject({
      '@type': 'Event',
      name: 'Atelier réparation vélo',
      startDate: '2026-11-12T13:00:00.000Z',
      location: { address: { addressLocality: 'Nancy' } },
    });
    expect(res.body).not.toMatch(/<script>alert|javascript:alert/);
  });
});

describe('campaign dashboard', () => {
  it('counts by department and theme, and lists departments without events; coordinators only', async () => {
    expect(
      (await inject('GET', '/api/campaigns/mois-ess-2026/dashboard', cast.organizer.cookie)).statusCode,
    ).toBe(403);
    const d = (await inject('GET', '/api/campaigns/mois-ess-2026/dashboard', cast.coordinator.cookie)).json();
    expect(d.byDepartment).toEqual(
      expect.arrayContaining([{ code: '54', label: 'Meurthe-et-Moselle', events: 2 }]),
    );
    expect(d.byTheme).toEqual(
      expect.arrayContaining([{ code: 'employment', label: 'Emploi et insertion', events: 1 }]),
    );
    expect(d.coverage.departments).toMatchObject({ total: 10, covered: 2 });
    expect(d.coverage.departments.without.map((x: { code: string }) => x.code)).toContain('67');
    expect(d.coverage.epci.total).toBeGreaterThan(100);
    const csv = await inject('GET', '/api/campaigns/mois-ess-2026/report.csv', cast.coordinator.cookie);
    expect(csv.body).toContain('Département;54;Meurthe-et-Moselle;2');
    expect(csv.body).toContain('Département sans événement;67;Bas-Rhin;0');
  });
});

describe('event image', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  it('accepts a PNG from an organiser, refuses other types and strangers', async () => {
    expect(
      (await inject('PUT', `/api/events/${eventId}/image`, cast.outsider.cookie, png, 'image/png'))
        .statusCode,
    ).toBe(403);
    const bad = await inject(
      'PUT',
      `/api/events/${eventId}/image`,
      cast.organizer.cookie,
      Buffer.from('<svg/>'),
      'image/png',
    );
    expect(bad.statusCode).toBe(415);
    const ok = await inject('PUT', `/api/events/${eventId}/image`, cast.organizer.cookie, png, 'image/png');
    expect(ok.json()).toMatchObject({ contentType: 'image/png', size: png.length });
    const img = await inject('GET', `/api/events/${eventId}/image`);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.equals(png)).toBe(true);
  });
});
