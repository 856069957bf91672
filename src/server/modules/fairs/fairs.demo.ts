import type { DemoContext } from '../../../cli/demo/types.ts';
import { findPublicEvents } from '../events/events.listing.ts';
import { listingQuery } from '../events/events.schemas.ts';
import { getOrganization } from '../organizations/organizations.service.ts';
import { createFair } from './fairs.service.ts';
import { fairExhibitors } from './fairs.tables.ts';

// The Village des solutions de demain: the demo fair with 86 exhibitors on their stands (organisations of the demo
// directory, Meurthe-et-Moselle first), plus a few applications waiting for review and a few not retained.

const EXHIBITORS = 86;
const zones = ['Entreprendre', 'Jeunesse', 'Transition', 'Solidarités'];
/** Ways to end a pitch; the pitch itself says what the exhibitor does (its directory description). */
const invitations = [
  'Venez nous rencontrer sur notre stand.',
  'Passez nous voir : nous recrutons aussi des bénévoles.',
  'Rencontrez notre équipe et découvrez comment nous rejoindre.',
  'Échangeons sur vos projets, et sur les nôtres.',
];

/** "Les Jardins de Liverdun accompagne vers l’emploi… : venez nous rencontrer sur notre stand." */
function pitchFor(
  name: string,
  description: string | null,
  rng: { pick<T>(items: readonly T[]): T },
): string {
  // The demo description opens with "**Name** does this, à Commune." (src/cli/demo/generate.ts).
  const what = /^\*\*[^*]+\*\* (.+?), à [^.]+\./.exec(description ?? '')?.[1];
  return what ? `${name} ${what}. ${rng.pick(invitations)}` : rng.pick(invitations);
}

export async function seedFairDemo(ctx: DemoContext) {
  const { deps } = ctx;
  const rng = ctx.rng('fairs');
  const now = deps.clock();
  const query = listingQuery.parse({
    from: new Date(now.getTime() - 60 * 86_400_000).toISOString(),
    to: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
    format: 'fair',
    q: 'village',
  });
  const { rows } = await findPublicEvents(deps.db, query, now);
  const village = rows.find((e) => e.networkId === ctx.networks.chamber.id) ?? rows[0];
  if (!village) {
    deps.log.warn('Demo fair: no "Village" fair event found among the demo events; fair not seeded');
    return;
  }
  const fair = await createFair(deps, ctx.actors.admin, {
    eventId: village.id,
    name: village.title,
    description:
      'Deux jours pour rencontrer les actrices et acteurs de l’économie sociale et solidaire de Meurthe-et-Moselle : ' +
      'entreprendre autrement, engagement des jeunes, transition écologique, solidarités.',
    zones,
  });
  const ess = ctx.organizations.filter((o) => o.essFamily !== 'non_ess');
  const ordered = [
    ...ess.filter((o) => o.departmentCode === '54'),
    ...ess.filter((o) => o.departmentCode !== '54'),
  ];
  const chosen = ordered.slice(0, EXHIBITORS + 9);
  const descriptions = new Map<string, string | null>();
  for (const o of chosen) descriptions.set(o.id, (await getOrganization(deps.db, o.id)).description ?? null);
  const perZone = Math.ceil(EXHIBITORS / zones.length);
  const created = new Date(now.getTime() - 40 * 86_400_000);
  const values = chosen.map((o, i) => {
    const accepted = i < EXHIBITORS;
    const status = accepted ? 'accepted' : i < EXHIBITORS + 6 ? 'pending' : 'rejected';
    return {
      fairId: fair.id,
      organizationId: o.id,
      pitch: pitchFor(o.name, descriptions.get(o.id) ?? null, rng),
      needsTable: rng.chance(0.9),
      needsPower: rng.chance(0.4),
      needsOther: rng.chance(0.15)
        ? rng.pick(['Deux chaises de plus', 'Un portant', 'Accès véhicule pour décharger'])
        : null,
      status,
      decisionMessage:
        status === 'rejected'
          ? 'Le nombre de stands de cette thématique est atteint, merci de votre intérêt.'
          : null,
      decidedAt: status === 'pending' ? null : new Date(created.getTime() + 10 * 86_400_000),
      contactName: `Contact ${o.name}`.slice(0, 120),
      contactEmail: `exposant.${i + 1}@example.org`,
      standZone: accepted ? zones[Math.floor(i / perZone)] : null,
      standNumber: accepted ? (i % perZone) + 1 : null,
      isDemo: true,
      createdAt: new Date(created.getTime() + i * 3600_000),
      updatedAt: created,
    };
  });
  if (values.length > 0) await deps.db.insert(fairExhibitors).values(values);
  deps.log.info(
    `Demo fair: ${Math.min(EXHIBITORS, chosen.length)} exhibitors on their stands at ${fair.name}, ${Math.max(0, chosen.length - EXHIBITORS)} other applications`,
  );
}
