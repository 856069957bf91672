import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import { addDays, parisToday } from '../memberships/memberships.rules.ts';
import { members } from '../memberships/memberships.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { recordContactInteraction } from '../relations/relations.log.ts';
import { relationContacts } from '../relations/relations.tables.ts';
import { canonicalTerritoryCode } from '../territories/territories.service.ts';
import { answerSummary, type YouthKind, youthKindLabels } from './networking.youth.rules.ts';
import { youthAnswers, youthHosted, youthOffers } from './networking.youth.tables.ts';

// The Sud Haute-Marne club's offers to young people (internships, an apprenticeship, 3e job-shadowing, a company
// visit), the two demo lycées of the relations log answering one, and the young people hosted last year. Runs after
// the relations demo; members are taken in name order and dates count from the day the demo is created, so the
// data is the same everywhere. Every row is marked demo; contacts are fictitious (example.org, "(démo)").

type Template = {
  kind: YouthKind;
  occupation: string;
  description: string;
  /** Days from today to the start and the end, or a period in words. */
  days?: [number, number];
  period?: string;
  places: number;
  level: string;
  isPublic: boolean;
  publicContact: boolean;
  /** Young people hosted through it last year. */
  hostedLastYear?: number;
};

const templates: Template[] = [
  {
    kind: 'internship',
    occupation: 'Menuisier agenceur',
    description: 'Stage en atelier et sur chantier : fabrication et pose de mobilier sur mesure.',
    days: [35, 56],
    places: 2,
    level: 'lycee',
    isPublic: true,
    publicContact: true,
    hostedLastYear: 2,
  },
  {
    kind: 'apprenticeship',
    occupation: 'Mécanicien poids lourds',
    description: 'Alternance en CAP ou bac pro maintenance des véhicules, deux ans, atelier de 6 personnes.',
    period: 'Rentrée de septembre',
    places: 1,
    level: 'lycee',
    isPublic: true,
    publicContact: false,
    hostedLastYear: 1,
  },
  {
    kind: 'observation',
    occupation: 'Métiers de la boulangerie',
    description: 'Stage d’observation de 3e : fournil, vente, commandes. Horaires adaptés aux collégiens.',
    days: [20, 24],
    places: 2,
    level: 'college',
    isPublic: true,
    publicContact: false,
    hostedLastYear: 3,
  },
  {
    kind: 'visit',
    occupation: 'Logistique et préparation de commandes',
    description: 'Visite de l’entrepôt pour une classe (30 élèves au plus), avec présentation des métiers.',
    period: 'Un mardi matin au printemps, à convenir',
    places: 30,
    level: 'any',
    isPublic: false,
    publicContact: false,
  },
  {
    kind: 'internship',
    occupation: 'Assistant comptable',
    description: 'Stage de BTS comptabilité et gestion : saisie, rapprochements, préparation de la paie.',
    days: [60, 116],
    places: 1,
    level: 'bac2',
    isPublic: false,
    publicContact: false,
    hostedLastYear: 1,
  },
];

export const youthDemo: DemoSeeder = {
  name: 'networking-youth',
  async run(ctx: DemoContext) {
    const db = ctx.deps.db;
    const now = ctx.deps.clock();
    const today = parisToday(now);
    const club = ctx.networks.club.id;
    const active = await db
      .select({ id: members.id, communeCode: organizations.communeCode })
      .from(members)
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(and(eq(members.networkId, club), inArray(members.status, ['active', 'grace'])))
      .orderBy(asc(organizations.name), asc(members.id));
    if (active.length < templates.length * 3) return;
    // Every third member from the second, so as not to be the members posting on the exchange.
    const offers = await db
      .insert(youthOffers)
      .values(
        templates.map((tpl, i) => {
          const m = active[i * 3 + 1];
          return {
            networkId: club,
            memberId: m.id,
            kind: tpl.kind,
            occupation: tpl.occupation,
            description: `${tpl.description} (Offre fictive de démonstration.)`,
            startsOn: tpl.days ? addDays(today, tpl.days[0]) : null,
            endsOn: tpl.days ? addDays(today, tpl.days[1]) : null,
            period: tpl.period ?? null,
            places: tpl.places,
            communeCode: (m.communeCode && canonicalTerritoryCode(m.communeCode)) || 'com:52269',
            level: tpl.level,
            contactName: `Tuteur ${i + 1} (démo)`,
            contactEmail: `tuteur-${i + 1}@example.org`,
            contactPhone: `03 25 00 10 ${String(i + 1).padStart(2, '0')}`,
            isPublic: tpl.isPublic,
            publicContact: tpl.publicContact,
            isDemo: true,
            createdAt: new Date(now.getTime() - (templates.length - i) * 86_400_000),
          };
        }),
      )
      .returning();
    const lastYear = Number(today.slice(0, 4)) - 1;
    await db.insert(youthHosted).values(
      templates.flatMap((tpl, i) =>
        tpl.hostedLastYear
          ? [
              {
                networkId: club,
                offerId: offers[i].id,
                memberId: offers[i].memberId,
                year: lastYear,
                count: tpl.hostedLastYear,
                isDemo: true,
              },
            ]
          : [],
      ),
    );
    // The two demo lycées of the relations log answer the internship in joinery.
    const lycees = await db
      .select()
      .from(relationContacts)
      .where(and(eq(relationContacts.networkId, club), eq(relationContacts.kind, 'school')))
      .orderBy(asc(relationContacts.name));
    const offer = offers[0];
    const [owner] = await db
      .select({ name: organizations.name })
      .from(members)
      .innerJoin(organizations, eq(organizations.id, members.organizationId))
      .where(eq(members.id, offer.memberId));
    for (const [i, lycee] of lycees.slice(0, 2).entries()) {
      const message =
        i === 0
          ? 'Deux élèves de première bac pro menuiserie seraient ravis de venir. (Réponse de démonstration.)'
          : 'Un élève de terminale intéressé, disponible aux dates indiquées. (Réponse de démonstration.)';
      const youngPeople = i === 0 ? 2 : 1;
      await db.transaction(async (trx) => {
        const tx = trx as unknown as typeof db;
        const interactionId = await recordContactInteraction(tx, {
          networkId: club,
          contactId: lycee.id,
          kind: 'letter',
          on: addDays(today, -3 + i),
          summary: answerSummary({
            organizationName: owner?.name ?? '',
            occupation: offer.occupation,
            kindLabel: youthKindLabels.internship,
            youngPeople,
            message,
          }),
          topics: ['jeunes', 'stage'],
          isDemo: true,
        });
        await tx.insert(youthAnswers).values({
          networkId: club,
          offerId: offer.id,
          contactId: lycee.id,
          youngPeople,
          message,
          interactionId,
          isDemo: true,
        });
      });
    }
  },
};
