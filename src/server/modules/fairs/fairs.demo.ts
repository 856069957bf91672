import type { Rng } from '../../../cli/demo/prng.ts';
import type { DemoContext } from '../../../cli/demo/types.ts';
import { findPublicEvents } from '../events/events.listing.ts';
import { listingQuery } from '../events/events.schemas.ts';
import { createFair } from './fairs.service.ts';
import { fairExhibitors } from './fairs.tables.ts';

// The Village des solutions de demain: the demo fair with 86 exhibitors on their stands (organisations of the demo
// directory, four in five from Meurthe-et-Moselle, the others from next door), plus a few applications waiting for review and a few not retained.

const EXHIBITORS = 86;
const zones = ['Entreprendre', 'Jeunesse', 'Transition', 'Solidarités'];
/** A last word that fits who is speaking: only associations look for volunteers, only cooperatives for members. */
const invitations: Record<string, string[]> = {
  association: ['Nous cherchons aussi des bénévoles.', 'Adhérer, c’est 10 € par an.', ''],
  cooperative: ['Sociétaires, clients, salariés : chacun a sa voix.', ''],
  mutual: ['Nos délégués élus tiennent le stand avec nos salariés.', ''],
  foundation: ['Nos équipes tiennent le stand avec nos bénévoles.', ''],
  ess_company: ['Nous recrutons.', ''],
};

/** The exhibitor's own words: what it shows on its stand (the demo catalogue), and a last word fitting its kind. */
function pitchFor(org: DemoContext['organizations'][number], rng: Rng): string {
  const stand = org.standPitch ?? 'Venez nous rencontrer sur notre stand.';
  const last = rng.pick(invitations[org.essFamily] ?? ['']);
  return last ? `${stand} ${last}` : stand;
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
  // Four stands in five from Meurthe-et-Moselle, the others from the neighbouring departments.
  const local = ess.filter((o) => o.departmentCode === '54');
  const near = ess.filter((o) => ['55', '57', '88'].includes(o.departmentCode));
  const wantLocal = Math.round(EXHIBITORS * 0.8);
  const ordered = [
    ...local.slice(0, wantLocal),
    ...near,
    ...local.slice(wantLocal),
    ...ess.filter((o) => !['54', '55', '57', '88'].includes(o.departmentCode)),
  ];
  const chosen = ordered.slice(0, EXHIBITORS + 9);
  const perZone = Math.ceil(EXHIBITORS / zones.length);
  const created = new Date(now.getTime() - 40 * 86_400_000);
  const values = chosen.map((o, i) => {
    const accepted = i < EXHIBITORS;
    const status = accepted ? 'accepted' : i < EXHIBITORS + 6 ? 'pending' : 'rejected';
    return {
      fairId: fair.id,
      organizationId: o.id,
      pitch: pitchFor(o, rng),
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
