import type { Rng } from '../../../cli/demo/prng.ts';
import type { Actor, Deps } from '../../context.ts';
import { communeAncestry } from '../territories/territories.service.ts';
import { createCampaign } from './campaigns.service.ts';
import {
  departmentShares,
  descriptions,
  formatWeights,
  hoursByFormat,
  streets,
  themesByFormat,
  titles,
  venues,
} from './events.demo-data.ts';
import { requestChanges, submitEvent } from './events.moderation.ts';
import { townCentres } from './events.places.ts';
import type { EventInput } from './events.schemas.ts';
import { formatLocalDateTime, parisDayStart } from './events.time.ts';
import { createEvent } from './events.write.ts';

// The demo Mois de l'ESS in Grand Est, dated from the day the demo is created: the campaign started a few days ago
// and runs for a month, so that most events are still to come and a few are past. Deterministic for a given day.

/** What this seeder uses of the demo context (src/cli/demo/types.ts: DemoContext). */
type DemoContext = {
  deps: Deps;
  rng(name: string): Rng;
  networks: { chamber: { id: string }; club: { id: string } };
  organizations: readonly {
    id: string;
    name: string;
    communeCode: string;
    departmentCode: string;
    networks: readonly string[];
  }[];
  actors: { chamberCoordinator: Actor; clubCoordinator: Actor };
};

const DAY = 86_400_000;
const TOTAL = 182;

function townsOf(department: string) {
  return Object.keys(townCentres).filter((c) => c.startsWith(department));
}

export async function seedEventsDemo(ctx: DemoContext) {
  const { deps, actors } = ctx;
  const rng = ctx.rng('events');
  const now = deps.clock();
  const first = new Date(parisDayStart(now).getTime() - 4 * DAY);
  const day = (offset: number) =>
    formatLocalDateTime(new Date(first.getTime() + offset * DAY + 12 * 3600_000)).slice(0, 10);
  const year = day(0).slice(0, 4);
  const campaign = await createCampaign(
    deps,
    actors.chamberCoordinator,
    {
      networkId: ctx.networks.chamber.id,
      slug: `mois-ess-${year}-grand-est`,
      name: `Mois de l’ESS ${year} en Grand Est (démo)`,
      description:
        'Chaque année, l’économie sociale et solidaire ouvre ses portes : visites, ateliers, débats, forums… partout en Grand Est.\n\n*Données de démonstration.*',
      territory: 'region:44',
      startsOn: day(0),
      endsOn: day(29),
      themes: [...new Set(Object.values(themesByFormat).flat())],
      callOpensAt: `${day(-80)}T00:00`,
      callClosesAt: `${day(29)}T23:59`,
      status: 'open',
      editsRequireModeration: true,
    },
    { isDemo: true },
  );

  const ess = ctx.organizations.filter((o) => o.networks.includes('chamber'));
  const coordinator = actors.chamberCoordinator;
  const make = async (input: EventInput, status: 'draft' | 'published' = 'published') =>
    createEvent(deps, coordinator, input, { isDemo: true, status });

  // The Village des solutions de demain: a two-day fair in Nancy, mid-campaign.
  const nancyOrg = ess.find((o) => o.departmentCode === '54') ?? ess[0];
  await make({
    campaignId: campaign.id,
    organizerOrganizationIds: [nancyOrg.id],
    title: 'Village des solutions de demain',
    summary:
      'Deux jours pour découvrir 86 exposants de l’ESS : alimentation, réemploi, mobilité, finance solidaire.',
    description:
      'Le grand rendez-vous du Mois de l’ESS en Grand Est : **86 exposants**, des ateliers, des débats et un espace enfants.\n\n- entrée libre\n- restauration sur place par des traiteurs solidaires',
    format: 'fair',
    themes: ['transition', 'circular', 'food', 'cooperation'],
    audiences: ['general_public', 'professionals', 'youth'],
    start: `${day(14)}T10:00`,
    end: `${day(15)}T18:00`,
    venueName: 'Parc des expositions',
    venueAddress: 'rue Catherine Opalinska',
    postalCode: '54500',
    communeCode: '54547',
    latitude: 48.664,
    longitude: 6.184,
    accessibility: ['motor', 'visual', 'hearing'],
    isFree: true,
    registrationMode: 'none',
    membersOnly: false,
    contactEmail: 'village@cress-grand-est.example',
  });

  // The programme across the ten departments.
  let madeCount = 1;
  const pending: string[] = [];
  for (const [department, share] of departmentShares) {
    const count = department === '54' ? share - 1 : share;
    const towns = townsOf(department);
    const local = ess.filter((o) => o.departmentCode === department);
    for (let i = 0; i < count && madeCount < TOTAL; i++, madeCount++) {
      const org = local.length ? rng.pick(local) : rng.pick(ess);
      const format = rng.weighted(formatWeights);
      const town = towns.includes(org.communeCode) ? org.communeCode : rng.pick(towns);
      const townName = communeAncestry(town)?.name ?? '';
      const fill = (s: string) => s.replace('{org}', org.name).replace('{town}', townName);
      const [from, to] = rng.pick(hoursByFormat[format]);
      const offset = rng.int(0, 29);
      const centre = townCentres[town];
      const registration = rng.weighted([
        ['maillage', 55],
        ['external', 12],
        ['none', 33],
      ] as const);
      const free = rng.chance(0.85);
      const input: EventInput = {
        campaignId: campaign.id,
        organizerOrganizationIds: [org.id],
        title: fill(rng.pick(titles[format])),
        summary: fill(`Proposé par {org} à {town} dans le cadre du Mois de l’ESS.`),
        description: fill(rng.pick(descriptions)),
        format,
        themes: rng.sample(themesByFormat[format], rng.int(1, 2)),
        audiences: rng.sample(
          ['general_public', 'professionals', 'youth', 'jobseekers', 'local_authorities'],
          rng.int(1, 2),
        ),
        start: `${day(offset)}T${from}`,
        end: `${day(offset)}T${to}`,
        venueName: rng.pick(venues),
        venueAddress: `${rng.int(1, 60)} ${rng.pick(streets)}`,
        communeCode: town,
        latitude: centre ? Math.round((centre.lat + (rng.next() - 0.5) * 0.02) * 1e5) / 1e5 : null,
        longitude: centre ? Math.round((centre.lon + (rng.next() - 0.5) * 0.03) * 1e5) / 1e5 : null,
        onlineUrl: rng.chance(0.05) ? 'https://visio.example.org/mois-ess' : null,
        accessibility: rng.sample(['motor', 'visual', 'hearing', 'cognitive', 'psychic'], rng.int(0, 3)),
        isFree: free,
        priceText: free
          ? null
          : rng.pick(['5 €, gratuit pour les demandeurs d’emploi', 'Prix libre', '10 € repas compris']),
        registrationMode: registration,
        capacity: registration === 'maillage' ? rng.pick([12, 15, 20, 25, 30, 40, 50, 80]) : null,
        registrationUrl: registration === 'external' ? 'https://billetterie.example.org/mois-ess' : null,
        membersOnly: false,
        contactEmail: 'contact@demo.example.org',
      };
      // A few proposals still wait for moderation (the coordinator's queue), one was sent back.
      const waiting = i === 1 && share > 15;
      const row = await make(input, waiting ? 'draft' : 'published');
      if (waiting) pending.push(row.id);
    }
  }
  for (const id of pending) await submitEvent(deps, coordinator, id);
  if (pending[0])
    await requestChanges(
      deps,
      coordinator,
      pending[0],
      'Pouvez-vous préciser le public visé et les conditions d’accès ?',
    );

  // The club's monthly afterwork, every first Thursday (recurring, outside any campaign), organised by the club
  // itself (no member company as organiser: the event page then names the club).
  const [y, m] = day(-60).split('-').map(Number);
  const firstThursday = new Date(Date.UTC(y, m - 1, 1));
  while (firstThursday.getUTCDay() !== 4) firstThursday.setUTCDate(firstThursday.getUTCDate() + 1);
  const thursday = firstThursday.toISOString().slice(0, 10);
  await createEvent(
    deps,
    actors.clubCoordinator,
    {
      networkId: ctx.networks.club.id,
      organizerOrganizationIds: [],
      title: 'Afterwork du club Sud Haute-Marne',
      summary:
        'Chaque premier jeudi du mois, les dirigeants du club échangent autour d’un sujet d’entreprise, puis d’un verre.',
      description: [
        'Le rendez-vous mensuel du club des entreprises du Sud Haute-Marne, ouvert aux dirigeants qui découvrent le club.',
        '',
        'Chaque mois, un chef d’entreprise ou un partenaire ouvre la soirée par vingt minutes sur un sujet concret :',
        '',
        '- transmettre ou reprendre une entreprise du territoire',
        '- recruter et former : apprentissage, alternance, emplois partagés',
        '- répondre aux marchés publics des collectivités voisines',
        '- réduire la facture d’énergie d’un atelier',
        '- acheter local : les sous-traitants du club',
        '',
        'Puis on échange librement ; les cartes de visite sont bienvenues.',
      ].join('\n'),
      format: 'afterwork',
      themes: ['entrepreneurship', 'employment', 'cooperation'],
      audiences: ['professionals'],
      start: `${thursday}T18:30`,
      end: `${thursday}T21:00`,
      recurrenceRule: 'FREQ=MONTHLY;BYDAY=1TH',
      venueName: 'Brasserie du Centre',
      venueAddress: 'place Diderot',
      postalCode: '52200',
      communeCode: '52269',
      latitude: 47.8625,
      longitude: 5.3331,
      accessibility: ['motor'],
      isFree: false,
      priceText: 'Consommations à la charge de chacun',
      // People register for one date (the afterwork of a given Thursday), 30 seats each.
      registrationMode: 'maillage',
      capacity: 30,
      // Open to the business owners who discover the club, as its text says: the club recruits there.
      membersOnly: false,
    },
    { isDemo: true, status: 'published' },
  );
  // The club's general assembly: for its current members only (they register signed in, or confirm from the
  // address the club knows for them).
  await createEvent(
    deps,
    actors.clubCoordinator,
    {
      networkId: ctx.networks.club.id,
      organizerOrganizationIds: [],
      title: 'Assemblée générale du club Sud Haute-Marne',
      summary: 'Le bilan de l’année, les comptes, les projets de l’an prochain et l’élection du bureau.',
      description: [
        'L’assemblée générale annuelle des adhérents du club des entreprises du Sud Haute-Marne.',
        '',
        '- rapport d’activité et rapport financier',
        '- cotisations de l’an prochain',
        '- élection du bureau',
        '',
        'Un buffet suit l’assemblée.',
      ].join('\n'),
      format: 'conference',
      themes: ['entrepreneurship', 'cooperation'],
      audiences: ['professionals'],
      start: `${day(21)}T18:00`,
      end: `${day(21)}T20:30`,
      venueName: 'Salle des fêtes',
      venueAddress: 'rue de la Tuilerie',
      postalCode: '52200',
      communeCode: '52269',
      latitude: 47.8625,
      longitude: 5.3331,
      accessibility: ['motor'],
      isFree: true,
      registrationMode: 'maillage',
      capacity: 120,
      membersOnly: true,
    },
    { isDemo: true, status: 'published' },
  );
  deps.log.info(
    `Demo events: ${madeCount} events in ${campaign.name}, ${pending.length} awaiting moderation, 1 recurring afterwork, 1 members-only general assembly`,
  );
}

export const eventsDemo = { name: 'events', run: seedEventsDemo };
