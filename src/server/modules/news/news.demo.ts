import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import { newsCategories, newsPosts } from './news.tables.ts';

// A few news posts per demo network, in the networks' own voice, marked "(démo)": dated back from the day the
// demo is created (so the newest is always recent), and one draft per network for its coordinator.

type DemoPost = { title: string; summary: string; body: string; category: string; daysAgo: number | null };

const DAY = 86_400_000;

const posts: Record<'chamber' | 'club', { categories: string[]; posts: DemoPost[] }> = {
  chamber: {
    categories: ['Mois de l’ESS', 'Observatoire', 'Vie de la chambre'],
    posts: [
      {
        title: 'Mois de l’ESS : l’appel à événements est ouvert (démo)',
        summary: 'Associations, coopératives, mutuelles : proposez vos événements pour novembre.',
        body: 'Comme chaque année, la chambre coordonne le **Mois de l’ESS** en Grand Est.\n\n- proposez votre événement depuis l’agenda ;\n- la chambre le relit avant publication ;\n- le programme imprimable est prêt début octobre.\n\nDonnées de démonstration.',
        category: 'Mois de l’ESS',
        daysAgo: 3,
      },
      {
        title: 'Les chiffres de l’ESS en Grand Est mis à jour (démo)',
        summary: 'L’observatoire publie les effectifs salariés par département.',
        body: 'L’observatoire régional a mis à jour ses indicateurs : établissements employeurs, effectifs et familles de l’ESS, **dans le respect du secret statistique**.\n\nConsultez-les depuis la page de l’observatoire.\n\nDonnées de démonstration.',
        category: 'Observatoire',
        daysAgo: 17,
      },
      {
        title: 'Retour sur le Village des solutions de demain (démo)',
        summary: 'Deux jours, des dizaines d’exposants et beaucoup de rencontres.',
        body: 'Merci aux exposants et aux visiteurs du **Village des solutions de demain**.\n\n> Un rendez-vous qui montre la vitalité de l’ESS du territoire.\n\nDonnées de démonstration.',
        category: 'Vie de la chambre',
        daysAgo: 40,
      },
      {
        title: 'Programme du Mois de l’ESS : les premières dates (démo)',
        summary: 'Brouillon : à compléter avant publication.',
        body: 'Brouillon de démonstration : liste des premiers événements à compléter.',
        category: 'Mois de l’ESS',
        daysAgo: null,
      },
    ],
  },
  club: {
    categories: ['Vie du club', 'Emploi et compétences'],
    posts: [
      {
        title: 'Afterwork de rentrée à Langres (démo)',
        summary: 'Les adhérents se retrouvent pour le premier afterwork de la saison.',
        body: 'Le club organise son **afterwork de rentrée** : l’occasion d’accueillir les nouveaux adhérents et de préparer les rendez-vous de l’année.\n\nInscriptions depuis l’agenda du club.\n\nDonnées de démonstration.',
        category: 'Vie du club',
        daysAgo: 2,
      },
      {
        title: 'Forum des métiers : douze entreprises devant les collégiens (démo)',
        summary: 'Hôtellerie-restauration, logistique, bâtiment : les métiers qui recrutent.',
        body: 'Douze adhérents ont présenté leurs métiers aux élèves de troisième.\n\n1. des ateliers de dix minutes ;\n2. des stages de découverte proposés ;\n3. une suite prévue au printemps.\n\nDonnées de démonstration.',
        category: 'Emploi et compétences',
        daysAgo: 12,
      },
      {
        title: 'Assemblée générale : les dates sont fixées (démo)',
        summary: 'Brouillon : ordre du jour à valider par le bureau.',
        body: 'Brouillon de démonstration : ordre du jour de l’assemblée générale.',
        category: 'Vie du club',
        daysAgo: null,
      },
    ],
  },
};

export const newsDemo: DemoSeeder = {
  name: 'news',
  async run(ctx: DemoContext) {
    const db = ctx.deps.db;
    const now = ctx.deps.clock().getTime();
    for (const key of ['chamber', 'club'] as const) {
      const network = ctx.networks[key];
      const author = key === 'club' ? ctx.actors.clubCoordinator : ctx.actors.chamberCoordinator;
      const cats = await db
        .insert(newsCategories)
        .values(posts[key].categories.map((name) => ({ networkId: network.id, name, isDemo: true })))
        .returning({ id: newsCategories.id, name: newsCategories.name });
      const idOf = new Map(cats.map((c) => [c.name, c.id]));
      await db.insert(newsPosts).values(
        posts[key].posts.map((p) => {
          // Published at 9:00 UTC on their day, so the order and the dates do not depend on the hour of seeding.
          const at =
            p.daysAgo === null
              ? null
              : new Date(Math.floor((now - p.daysAgo * DAY) / DAY) * DAY + 9 * 3600_000);
          return {
            networkId: network.id,
            title: p.title,
            summary: p.summary,
            body: p.body,
            categoryIds: [idOf.get(p.category)!],
            status: at ? 'published' : 'draft',
            publishedAt: at,
            createdBy: author.accountId,
            isDemo: true,
            createdAt: at ?? new Date(now),
            updatedAt: at ?? new Date(now),
          };
        }),
      );
    }
  },
};
