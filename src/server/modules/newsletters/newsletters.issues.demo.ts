import type { DemoContext } from '../../../cli/demo/types.ts';
import { newsletterIssueRecipients, newsletterIssues } from './newsletters.issues.tables.ts';
import { renderIssue } from './newsletters.render.ts';

// The demo's issues: two letters already sent to each list (in the public archive, each confirmed subscriber
// marked as having received them) and, for the chamber, a draft with the Mois de l'ESS programme inserted through
// the agenda block. Texts written for the demo, labelled as such.

type Sent = { subject: string; preheader: string; body: string; daysAgo: number };

const sentIssues: Record<'club' | 'chamber', Sent[]> = {
  club: [
    {
      subject: 'La lettre du club — octobre (démo)',
      preheader: 'L’afterwork de Chaumont, deux nouveaux adhérents, la bourse d’échanges',
      daysAgo: 45,
      body: [
        '# Bonjour à toutes et à tous',
        '',
        'Merci aux quarante chefs d’entreprise venus à l’afterwork de Chaumont. Prochain rendez-vous : la visite d’une',
        'fonderie du Sud Haute-Marne.',
        '',
        '## Bienvenue à nos nouveaux adhérents',
        '',
        '- une menuiserie de Langres ;',
        '- un cabinet d’expertise comptable de Chaumont.',
        '',
        'Pensez à la **bourse d’échanges** : trois besoins de sous-traitance attendent une réponse.',
        '',
        '_Lettre de démonstration : entreprises et chiffres fictifs._',
      ].join('\n'),
    },
    {
      subject: 'La lettre du club — novembre (démo)',
      preheader: 'Assemblée générale, enquête emploi-compétences, offres de stage',
      daysAgo: 14,
      body: [
        '# L’assemblée générale approche',
        '',
        'Elle se tiendra en décembre : l’ordre du jour et la convocation suivent par courriel.',
        '',
        '## Enquête emploi et compétences',
        '',
        'Soixante entreprises ont déjà répondu. Les résultats seront présentés aux élus du territoire, sans jamais',
        'montrer les chiffres d’une entreprise.',
        '',
        '## Accueillir un jeune',
        '',
        'Deux lycées cherchent des stages d’observation : publiez vos offres depuis votre espace adhérent.',
        '',
        '_Lettre de démonstration : entreprises et chiffres fictifs._',
      ].join('\n'),
    },
  ],
  chamber: [
    {
      subject: 'La lettre de la CRESS — rentrée (démo)',
      preheader: 'Appel à participation au Mois de l’ESS',
      daysAgo: 70,
      body: [
        '# Le Mois de l’ESS se prépare',
        '',
        'Associations, coopératives, mutuelles, fondations : inscrivez vos événements de novembre dans l’agenda',
        'régional avant la fin du mois.',
        '',
        '_Lettre de démonstration._',
      ].join('\n'),
    },
    {
      subject: 'La lettre de la CRESS — le Mois de l’ESS est lancé (démo)',
      preheader: 'Plus de 180 événements en Grand Est',
      daysAgo: 30,
      body: [
        '# C’est parti !',
        '',
        'Forums, visites, ateliers, projections : retrouvez tout le programme dans l’agenda du Mois de l’ESS, filtrez',
        'par département et inscrivez-vous en ligne.',
        '',
        '_Lettre de démonstration._',
      ].join('\n'),
    },
  ],
};

const draftBody = [
  '# Le programme du Mois de l’ESS',
  '',
  'Voici les prochains rendez-vous de l’économie sociale et solidaire en Grand Est :',
  '',
  '{{evenements}}',
  '',
  '## Nos dernières actualités',
  '',
  '{{actualites}}',
  '',
  '_Brouillon de démonstration : relisez-le, choisissez les destinataires, puis envoyez-le._',
].join('\n');

export async function seedDemoIssues(
  ctx: DemoContext,
  key: 'club' | 'chamber',
  list: { id: string; networkId: string },
  confirmed: { email: string; name: string | null }[],
  daysAgo: (n: number, hour?: number) => Date,
) {
  const db = ctx.deps.db;
  const network = ctx.networks[key];
  const coordinator = ctx.actors[key === 'club' ? 'clubCoordinator' : 'chamberCoordinator'];
  for (const spec of sentIssues[key]) {
    const id = crypto.randomUUID();
    const { html, text } = await renderIssue({
      subject: spec.subject,
      preheader: spec.preheader,
      bodyMarkdown: spec.body,
      networkName: network.name,
      events: [],
      news: [],
      webUrl: `${ctx.deps.config.publicUrl}/api/newsletter-issues/${id}/web`,
    });
    const started = daysAgo(spec.daysAgo, 8);
    const finished = new Date(started.getTime() + 4 * 60_000);
    await db.insert(newsletterIssues).values({
      id,
      networkId: list.networkId,
      listId: list.id,
      subject: spec.subject,
      preheader: spec.preheader,
      bodyMarkdown: spec.body,
      segment: { listIds: [list.id] },
      status: 'sent',
      renderedHtml: html,
      renderedText: text,
      recipientCount: confirmed.length,
      startedAt: started,
      finishedAt: finished,
      createdBy: coordinator.accountId,
      isDemo: true,
    });
    await db.insert(newsletterIssueRecipients).values(
      confirmed.map((r, i) => ({
        issueId: id,
        networkId: list.networkId,
        email: r.email,
        name: r.name,
        listId: list.id,
        status: 'sent',
        attempts: 1,
        messageId: `<demo-${id.slice(0, 8)}-${i}@maillage.demo>`,
        sentAt: new Date(started.getTime() + (i + 1) * 5_000),
      })),
    );
  }
  if (key === 'chamber') {
    await db.insert(newsletterIssues).values({
      networkId: list.networkId,
      listId: list.id,
      subject: 'Le programme du Mois de l’ESS (démo)',
      preheader: 'Les prochains événements près de chez vous',
      bodyMarkdown: draftBody,
      segment: { listIds: [list.id] },
      createdBy: coordinator.accountId,
      isDemo: true,
    });
  }
}
