import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCast } from './modules/events/events.fixtures.ts';
import { campaigns } from './modules/events/events.tables.ts';
import { fairs } from './modules/fairs/fairs.tables.ts';
import { gtecWaves } from './modules/gtec/gtec.tables.ts';
import { ensureQuestionnaire } from './modules/gtec/gtec.waves.ts';
import { createIssue } from './modules/newsletters/newsletters.issues.ts';
import { newsletterLists } from './modules/newsletters/newsletters.tables.ts';
import { buildEvent } from './modules/registrations/registrations.fixtures.ts';
import { fuzzRoutes } from './testing.fuzz.ts';
import { adminActor, createTestApp, type TestContext } from './testing.ts';

// Every route of the OpenAPI document, fed malformed input anonymously and as a network coordinator: no 5xx,
// /healthz fast throughout. Sample rows (an organisation, a published event, a campaign, a fair) let the requests
// get past the lookups into the services.

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

it('no malformed request gets a 5xx, and /healthz stays fast', async () => {
  const cast = await buildCast(t);
  const event = await buildEvent(t.db, cast.network.id, { organizerOrganizationIds: [cast.org.id] });
  const [campaign] = await t.db
    .insert(campaigns)
    .values({
      networkId: cast.network.id,
      slug: 'fuzz',
      name: 'Fuzz',
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
    })
    .returning();
  const [fair] = await t.db
    .insert(fairs)
    .values({ eventId: event.id, networkId: cast.network.id, name: 'Village' })
    .returning();
  const [newsletterList] = await t.db
    .insert(newsletterLists)
    .values({ networkId: cast.network.id, name: 'Lettre', consentText: 'J’accepte.', consentVersion: '1' })
    .returning();
  const [wave] = await t.db
    .insert(gtecWaves)
    .values({
      networkId: cast.network.id,
      questionnaireId: await ensureQuestionnaire(t.db, 'gtec'),
      title: 'Fuzz',
      opensOn: '2026-01-01',
      closesOn: '2199-12-31',
      audience: 'all',
    })
    .returning();
  const news = await t.app.inject({
    method: 'POST',
    url: `/api/networks/${cast.network.id}/news`,
    payload: { title: 'Actualité du fuzz' },
    headers: { cookie: cast.coordinator.cookie },
  });
  const issue = await createIssue(t.deps, adminActor, cast.network.id, { subject: 'Fuzz' });
  const samples: Record<string, string> = {
    'newsletter-lists': newsletterList.id,
    gtec: wave.id,
    news: news.json().id,
    'newsletter-issues': issue.id,
    organizations: cast.org.id,
    events: event.id,
    campaigns: campaign.id,
    fairs: fair.id,
    networks: cast.network.id,
  };

  const report = await fuzzRoutes(t.app, {
    callers: [{ name: 'anonymous' }, { name: 'coordinator', cookie: cast.coordinator.cookie, fields: true }],
    sample: (path, param) => {
      if (param === 'slug') return path.includes('campaigns') ? 'fuzz' : cast.network.slug;
      if (param === 'id') return samples[path.split('/')[2] ?? ''];
      if (param === 'networkId') return cast.network.id;
      return undefined;
    },
    skip: (_method, path, caller) => caller !== 'anonymous' && path === '/api/auth/sign-out',
    onRoute: process.env.FUZZ_VERBOSE ? (route, n, f) => console.log(route, n, f) : undefined,
    largeBodies: process.env.FUZZ_NO_LARGE
      ? () => false
      : (method, path) =>
          [
            '/api/organizations',
            '/api/organizations/{id}',
            '/api/organizations/import',
            '/api/networks/{id}/memberships/history',
            '/api/newsletter-lists/{id}/import',
            '/api/events/{id}/image',
            '/api/news/{id}/image',
            '/api/events',
            '/api/gtec/waves/{id}/response/headcount',
          ].includes(path) &&
          method !== 'GET' &&
          method !== 'DELETE',
  });
  console.log(
    `fuzz: ${report.requests} requests over ${report.routes} routes in ${(report.durationMs / 1000).toFixed(1)} s, slowest /healthz ${report.slowestHealthMs.toFixed(1)} ms, ${report.failures.length} failures; ${report.fieldErrors} field errors, ${report.zodDefaults.length} distinct zod defaults`,
  );
  expect(report.routes).toBeGreaterThan(150);
  if (process.env.FUZZ_VERBOSE) for (const f of report.failures) console.log(JSON.stringify(f));
  expect(report.failures).toEqual([]);
  expect(report.zodDefaults).toEqual([]);
}, 300_000);
