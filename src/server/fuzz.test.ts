import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCast } from './modules/events/events.fixtures.ts';
import { campaigns } from './modules/events/events.tables.ts';
import { fairs } from './modules/fairs/fairs.tables.ts';
import { createIssue } from './modules/newsletters/newsletters.issues.ts';
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
  const issue = await createIssue(t.deps, adminActor, cast.network.id, { subject: 'Fuzz' });
  const samples: Record<string, string> = {
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
            '/api/events/{id}/image',
            '/api/events',
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
