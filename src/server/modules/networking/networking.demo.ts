import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import { addDays, parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { introductionToken, tokenHash } from './networking.links.ts';
import { seedRadarDemo } from './networking.radar.demo.ts';
import { searchTextOf } from './networking.rules.ts';
import { exchangePosts, introductions } from './networking.tables.ts';

// Demo networking for the Sud Haute-Marne club: its members' offers and needs (some answering each other) and
// introductions in each state. Rows are marked demo (no follow-up mail goes to their fictitious contacts); dates
// count from the day the demo is created; the members are taken in name order, so the data is the same everywhere.

type Template = {
  kind: 'offer' | 'need';
  title: string;
  body: string;
  category: string;
  nafSection: string | null;
  visibility: 'members' | 'public';
  territoryCode: string | null;
  /** Days until it expires (negative: already expired, still seen by its author). */
  days: number;
};

const templates: Template[] = [
  {
    kind: 'offer',
    title: 'Charpente et ossature bois',
    body: 'Charpentier : charpente traditionnelle, ossature bois, extensions et abris, en bois local.',
    category: 'service',
    nafSection: 'F',
    visibility: 'public',
    territoryCode: 'com:52269',
    days: 120,
  },
  {
    kind: 'need',
    title: 'Charpente pour agrandir notre atelier',
    body: 'Nous cherchons un charpentier pour une extension en bois de 40 m² au printemps.',
    category: 'subcontracting',
    nafSection: 'F',
    visibility: 'members',
    territoryCode: 'com:52269',
    days: 60,
  },
  {
    kind: 'offer',
    title: 'Chariot élévateur à partager',
    body: 'Chariot élévateur disponible deux jours par semaine, avec cariste si besoin.',
    category: 'equipment',
    nafSection: 'H',
    visibility: 'members',
    territoryCode: 'com:52121',
    days: 90,
  },
  {
    kind: 'need',
    title: 'Transport de palettes vers Dijon',
    body: 'Besoin d’un transporteur pour 10 palettes par mois vers Dijon.',
    category: 'subcontracting',
    nafSection: 'H',
    visibility: 'members',
    territoryCode: null,
    days: 45,
  },
  {
    kind: 'offer',
    title: 'Livraison de palettes en Haute-Marne et Côte-d’Or',
    body: 'Transport de palettes et messagerie, tournées régulières vers Dijon et Chaumont.',
    category: 'service',
    nafSection: 'H',
    visibility: 'public',
    territoryCode: 'dep:52',
    days: 150,
  },
  {
    kind: 'need',
    title: 'Recrutement : cuisinier ou cuisinière',
    body: 'Restaurant cherche un cuisinier pour la saison, logement possible.',
    category: 'recruitment',
    nafSection: 'I',
    visibility: 'public',
    territoryCode: 'com:52269',
    days: 30,
  },
  {
    kind: 'offer',
    title: 'Salle de réunion à louer',
    body: 'Salle de 20 places avec vidéoprojecteur, à la journée ou à la demi-journée.',
    category: 'equipment',
    nafSection: null,
    visibility: 'members',
    territoryCode: 'com:52269',
    days: 200,
  },
  {
    kind: 'offer',
    title: 'Comptabilité et paie pour TPE',
    body: 'Tenue de la comptabilité, bulletins de paie et déclarations sociales.',
    category: 'service',
    nafSection: 'M',
    visibility: 'members',
    territoryCode: null,
    days: 180,
  },
  {
    kind: 'need',
    title: 'Site internet pour notre boutique',
    body: 'Nous cherchons une agence ou un indépendant pour créer notre site avec vente en ligne.',
    category: 'service',
    nafSection: 'J',
    visibility: 'members',
    territoryCode: null,
    days: 40,
  },
  {
    kind: 'offer',
    title: 'Fournitures de bureau à prix groupés',
    body: 'Commande groupée de fournitures de bureau chaque trimestre pour les adhérents.',
    category: 'supply',
    nafSection: 'G',
    visibility: 'members',
    territoryCode: null,
    days: 75,
  },
  {
    kind: 'need',
    title: 'Métallerie : garde-corps d’escalier',
    body: 'Recherche métallier pour un garde-corps en acier.',
    category: 'subcontracting',
    nafSection: 'C',
    visibility: 'members',
    territoryCode: null,
    days: -10,
  },
  {
    kind: 'offer',
    title: 'Compétences en sécurité au travail',
    body: 'Notre responsable sécurité peut accompagner une TPE pour son document unique.',
    category: 'skills',
    nafSection: null,
    visibility: 'members',
    territoryCode: null,
    days: 100,
  },
];

/** Introductions by post index pairs: [need, offer], the state, and what came of it. */
const introductionPlan: {
  from: number;
  to: number;
  a: string;
  b: string;
  outcome?: string;
  amount?: number;
  days: number;
}[] = [
  { from: 1, to: 0, a: 'accepted', b: 'accepted', outcome: 'business', amount: 1_850_000, days: 40 },
  { from: 3, to: 4, a: 'accepted', b: 'accepted', outcome: 'talks', days: 30 },
  { from: 8, to: 7, a: 'accepted', b: 'pending', days: 5 },
  { from: 5, to: 6, a: 'pending', b: 'pending', days: 2 },
  { from: 10, to: 11, a: 'accepted', b: 'declined', days: 20 },
];

export const networkingDemo: DemoSeeder = {
  name: 'networking',
  async run(ctx: DemoContext) {
    const { deps } = ctx;
    const db = deps.db;
    const now = deps.clock();
    const today = parisToday(now);
    const club = ctx.networks.club.id;
    const active = await db
      .select({ id: members.id, name: organizations.name })
      .from(members)
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(and(eq(members.networkId, club), inArray(members.status, ['active', 'grace'])))
      .orderBy(asc(organizations.name), asc(members.id))
      .limit(templates.length * 3);
    if (active.length < templates.length) return;
    // Every third member, so that the posting members are spread over the alphabet.
    const posters = templates.map((_, i) => active[i * 3] ?? active[i]);
    const posts = await db
      .insert(exchangePosts)
      .values(
        templates.map((tpl, i) => ({
          networkId: club,
          memberId: posters[i].id,
          kind: tpl.kind,
          title: tpl.title,
          body: `${tpl.body} (Annonce fictive de démonstration.)`,
          category: tpl.category,
          nafSection: tpl.nafSection,
          territoryCode: tpl.territoryCode,
          expiresOn: addDays(today, tpl.days),
          visibility: tpl.visibility,
          searchText: searchTextOf(tpl.title, tpl.body),
          isDemo: true,
          createdAt: new Date(now.getTime() - (templates.length - i) * 86_400_000),
        })),
      )
      .returning({ id: exchangePosts.id, memberId: exchangePosts.memberId });
    const secret = deps.config.sessionSecret;
    await db.insert(introductions).values(
      introductionPlan.map((p) => {
        const id = randomUUID();
        const status =
          p.a === 'declined' || p.b === 'declined'
            ? 'declined'
            : p.a === 'accepted' && p.b === 'accepted'
              ? 'accepted'
              : 'pending';
        const createdAt = new Date(now.getTime() - p.days * 86_400_000);
        return {
          id,
          networkId: club,
          memberAId: posts[p.from].memberId,
          memberBId: posts[p.to].memberId,
          postId: posts[p.from].id,
          message: 'Mise en relation de démonstration.',
          tokenHashA: tokenHash(introductionToken(secret, id, 'a')),
          tokenHashB: tokenHash(introductionToken(secret, id, 'b')),
          answerA: p.a,
          answerB: p.b,
          status,
          decidedAt: status === 'pending' ? null : new Date(createdAt.getTime() + 86_400_000),
          outcome: p.outcome ?? null,
          outcomeAmountCents: p.amount ?? null,
          isDemo: true,
          createdAt,
        };
      }),
    );
    await seedRadarDemo(ctx);
  },
};
