import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Deps } from '../../context.ts';
import { requireCoordinatorOf } from '../accounts/authz.ts';
import { loadReference } from '../territories/territories.data.ts';
import { findTerritory } from '../territories/territories.service.ts';
import { loadCampaign } from './events.access.ts';
import { moderationQueue } from './events.read.ts';
import { audienceLabel, formatLabel, themeLabel } from './events.reference.ts';
import { registrationCountsFor } from './events.seats.ts';
import { events } from './events.tables.ts';

const bucket = z.object({ code: z.string(), label: z.string(), events: z.number() });
export const dashboardSchema = z.object({
  campaign: z.object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    territory: z.string().nullable(),
  }),
  totals: z.object({
    published: z.number(),
    submitted: z.number(),
    draft: z.number(),
    changesRequested: z.number(),
    rejected: z.number(),
    cancelled: z.number(),
  }),
  byDepartment: z.array(bucket),
  byTheme: z.array(bucket),
  byFormat: z.array(bucket),
  byAudience: z.array(bucket),
  /** null when the registrations module is not available. */
  registrations: z
    .object({
      confirmed: z.number(),
      waitlisted: z.number(),
      checkedIn: z.number(),
      withRegistration: z.number(),
      capacity: z.number(),
    })
    .nullable(),
  coverage: z.object({
    departments: z.object({
      total: z.number(),
      covered: z.number(),
      without: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
    epci: z.object({
      total: z.number(),
      covered: z.number(),
      without: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          departmentCode: z.string(),
          departmentName: z.string(),
        }),
      ),
    }),
  }),
  queue: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      status: z.string(),
      pendingEditStatus: z.string().nullable(),
      submittedAt: z.string().nullable(),
      communeName: z.string().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

function tally(keys: string[], label: (code: string) => string) {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .map(([code, n]) => ({ code, label: label(code), events: n }))
    .sort((a, b) => b.events - a.events || a.label.localeCompare(b.label, 'fr'));
}

/** The campaign report for its coordinators (published events count; the queue lists what waits). */
export async function campaignDashboard(
  deps: Pick<Deps, 'db'>,
  actor: Actor | null,
  idOrSlug: string,
): Promise<Dashboard> {
  const c = await loadCampaign(deps.db, idOrSlug);
  await requireCoordinatorOf(deps.db, actor, c.networkId);
  const rows = await deps.db
    .select()
    .from(events)
    .where(and(eq(events.campaignId, c.id), ne(events.status, 'cancelled')));
  const all = await deps.db.select({ status: events.status }).from(events).where(eq(events.campaignId, c.id));
  const count = (s: string) => all.filter((r) => r.status === s).length;
  const published = rows.filter((r) => r.status === 'published');
  const ref = loadReference();
  const depName = (code: string) => ref.byCode.get(`dep:${code}`)?.name ?? code;

  const counts = await registrationCountsFor(
    deps.db,
    published.filter((e) => e.registrationMode === 'maillage').map((e) => e.id),
  );
  const withRegistration = published.filter((e) => e.registrationMode === 'maillage');
  const registrations = counts
    ? {
        confirmed: [...counts.values()].reduce((s, x) => s + x.confirmed, 0),
        waitlisted: [...counts.values()].reduce((s, x) => s + x.waitlisted, 0),
        checkedIn: [...counts.values()].reduce((s, x) => s + x.checkedIn, 0),
        withRegistration: withRegistration.length,
        capacity: withRegistration.reduce((s, e) => s + (e.capacity ?? 0), 0),
      }
    : null;

  // Coverage: the departments and EPCI of the campaign's territory where no published event takes place.
  const territory = c.territory ? findTerritory(c.territory) : undefined;
  const coveredDeps = new Set(published.map((e) => e.departmentCode).filter(Boolean));
  const coveredEpci = new Set(published.map((e) => e.epciCode).filter(Boolean));
  const inScope = (code: string) => {
    if (!territory || territory.level === 'country') return true;
    const t = ref.byCode.get(code);
    return t?.code === territory.code || Boolean(t?.parents.includes(territory.code));
  };
  const departments = [...ref.byCode.values()].filter((t) => t.level === 'department' && inScope(t.code));
  const epcis = [...ref.byCode.values()].filter((t) => t.level === 'epci' && inScope(t.code));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr');
  const queue = await moderationQueue(deps, actor, { campaignId: c.id });

  return {
    campaign: { id: c.id, slug: c.slug, name: c.name, territory: c.territory },
    totals: {
      published: published.length,
      submitted: count('submitted'),
      draft: count('draft'),
      changesRequested: count('changes_requested'),
      rejected: count('rejected'),
      cancelled: count('cancelled'),
    },
    byDepartment: tally(
      published.map((e) => e.departmentCode ?? 'online'),
      (code) => (code === 'online' ? 'En ligne' : depName(code)),
    ),
    byTheme: tally(
      published.flatMap((e) => e.themes),
      (code) => themeLabel.get(code) ?? code,
    ),
    byFormat: tally(
      published.map((e) => e.format),
      (code) => formatLabel.get(code) ?? code,
    ),
    byAudience: tally(
      published.flatMap((e) => e.audiences),
      (code) => audienceLabel.get(code) ?? code,
    ),
    registrations,
    coverage: {
      departments: {
        total: departments.length,
        covered: departments.filter((d) => coveredDeps.has(d.officialCode)).length,
        without: departments
          .filter((d) => !coveredDeps.has(d.officialCode))
          .sort(byName)
          .map((d) => ({ code: d.officialCode, name: d.name })),
      },
      epci: {
        total: epcis.length,
        covered: epcis.filter((e) => coveredEpci.has(e.officialCode)).length,
        without: epcis
          .filter((e) => !coveredEpci.has(e.officialCode))
          .sort(byName)
          .map((e) => ({
            code: e.officialCode,
            name: e.name,
            departmentCode: e.parents[0]?.replace('dep:', '') ?? '',
            departmentName: e.parents[0] ? depName(e.parents[0].replace('dep:', '')) : '',
          })),
      },
    },
    queue: queue.map((q) => ({
      id: q.id,
      title: q.title,
      status: q.status,
      pendingEditStatus: q.pendingEditStatus,
      submittedAt: q.submittedAt,
      communeName: q.communeName,
    })),
  };
}
