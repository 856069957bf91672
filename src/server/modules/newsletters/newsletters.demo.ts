import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { seedDemoIssues } from './newsletters.issues.demo.ts';
import { newsletterLists, newsletterSubscriptions, newsletterSuppressions } from './newsletters.tables.ts';

// Each demo network's newsletter: the club's "Lettre du club" and the chamber's "Lettre de la CRESS", with demo
// subscribers on example.org (mostly confirmed from the form or an import, a few pending, a few unsubscribed) and
// their proof, two issues sent to each list and the chamber's draft of the Mois de l'ESS programme
// (newsletters.issues.demo.ts). Generated from the seeder's own random generator, dates counted from the day the demo is created.

const firstNames = [
  'Camille',
  'Julien',
  'Sophie',
  'Nicolas',
  'Émilie',
  'Thomas',
  'Léa',
  'Antoine',
  'Chloé',
  'Hugo',
];
const lastNames = [
  'Bernard',
  'Petit',
  'Durand',
  'Lefèvre',
  'Moreau',
  'Garnier',
  'Roux',
  'Fournier',
  'Girard',
  'Lambert',
];
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const lists = [
  {
    key: 'club' as const,
    name: 'Lettre du club',
    description:
      'Chaque mois : les rencontres du club, les nouveaux adhérents et les annonces des entreprises du Sud Haute-Marne.',
    consentText:
      'J’accepte de recevoir la Lettre du club par courriel (une par mois au plus). Je peux me désinscrire à tout moment par le lien présent dans chaque lettre.',
    subscribers: 36,
  },
  {
    key: 'chamber' as const,
    name: 'Lettre de la CRESS',
    description:
      'L’actualité de l’économie sociale et solidaire en Grand Est, et le programme du Mois de l’ESS.',
    consentText:
      'J’accepte de recevoir la Lettre de la CRESS Grand Est par courriel. Je peux me désinscrire à tout moment par le lien présent dans chaque lettre.',
    subscribers: 54,
  },
];

export const newslettersDemo: DemoSeeder = {
  name: 'newsletters',
  async run(ctx: DemoContext) {
    const rng = ctx.rng('newsletters');
    const today = ctx.deps.clock();
    const daysAgo = (n: number, hour = 10) =>
      new Date(
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - n, hour, rng.int(0, 59)),
      );
    for (const spec of lists) {
      const network = ctx.networks[spec.key];
      const [list] = await ctx.deps.db
        .insert(newsletterLists)
        .values({
          networkId: network.id,
          name: spec.name,
          description: spec.description,
          visibility: 'public',
          consentText: spec.consentText,
          consentVersion: '1',
          isDemo: true,
        })
        .returning();
      const rows: (typeof newsletterSubscriptions.$inferInsert)[] = [];
      for (let i = 0; i < spec.subscribers; i++) {
        const first = firstNames[i % firstNames.length];
        const last = lastNames[Math.floor(i / firstNames.length) % lastNames.length];
        const email = `${ascii(first)}.${ascii(last)}.${spec.key}${i + 1}@example.org`;
        // The last ones are the few pending and unsubscribed; a third of the others came from an import.
        const status =
          i >= spec.subscribers - 3 ? 'pending' : i >= spec.subscribers - 7 ? 'unsubscribed' : 'confirmed';
        const imported = status === 'confirmed' && i % 3 === 0;
        const consentedAt = daysAgo(status === 'pending' ? rng.int(0, 3) : rng.int(20, 700));
        rows.push({
          listId: list.id,
          networkId: network.id,
          email,
          name: `${first} ${last} (démo)`,
          status,
          legalBasis: imported && i % 2 === 0 ? 'legitimate_interest' : 'consent',
          source: imported ? 'import' : 'form',
          consentText: imported ? null : spec.consentText,
          consentVersion: imported ? null : '1',
          consentedAt: imported && i % 2 === 0 ? null : consentedAt,
          ip: imported ? null : `192.0.2.${rng.int(1, 254)}`,
          userAgent: imported
            ? null
            : rng.pick(['Mozilla/5.0 (iPhone; démo)', 'Mozilla/5.0 (Windows NT 10.0; démo)']),
          confirmedAt:
            status === 'pending' ? null : new Date(consentedAt.getTime() + rng.int(2, 90) * 60_000),
          unsubscribedAt: status === 'unsubscribed' ? daysAgo(rng.int(1, 15)) : null,
          unsubscribedHow: status === 'unsubscribed' ? rng.pick(['link', 'one_click']) : null,
          isDemo: true,
        });
      }
      await ctx.deps.db.insert(newsletterSubscriptions).values(rows);
      await seedDemoIssues(
        ctx,
        spec.key,
        list,
        rows.filter((r) => r.status === 'confirmed').map((r) => ({ email: r.email, name: r.name ?? null })),
        daysAgo,
      );
      // One address left every letter of the network.
      const leftAll = rows.find((r) => r.status === 'unsubscribed');
      if (leftAll)
        await ctx.deps.db
          .insert(newsletterSuppressions)
          .values({ networkId: network.id, email: leftAll.email, reason: 'unsubscribed', detail: 'démo' });
      await recordAudit(
        ctx.deps.db,
        ctx.actors[spec.key === 'club' ? 'clubCoordinator' : 'chamberCoordinator'],
        {
          action: 'newsletters.list-create',
          entityType: 'newsletter_list',
          entityId: list.id,
          networkIds: [network.id],
          after: { name: list.name, visibility: 'public', consentVersion: '1' },
        },
      );
    }
  },
};
