import { inArray, sql } from 'drizzle-orm';
import type { Rng } from '../../../cli/demo/prng.ts';
import type { DemoSeeder } from '../../../cli/demo/types.ts';
import { systemActor } from '../../context.ts';
import { memberRoster } from '../memberships/memberships.roster.ts';
import { addDays, parisToday } from '../memberships/memberships.rules.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import {
  AGE_BANDS,
  type AgeBand,
  type Contract,
  type GtecData,
  type HeadcountLine,
} from './gtec.questionnaires.ts';
import { gtecAnswers, gtecRecipients, gtecWaves } from './gtec.tables.ts';
import { ensureQuestionnaire } from './gtec.waves.ts';
import { importRomeExcerpt } from './rome.import.ts';

// The demo surveys of the Sud Haute-Marne club: the ROME excerpt imported, this year's GTEC wave open (about 60
// of its member companies answered, a few drafts) and last year's wave closed with its answers. Figures are
// generated from each company's sector: an ageing workforce in industry (forging, metallurgy, plastics),
// hard-to-fill trades, seasonal hotel staff. Every row is marked demo and the waves' titles say "(démo)".

type Profile = {
  occupations: string[];
  ages: number[];
  hardToFill: string[];
  seasonal: string[];
  gaps: string[];
};

// Weights of the 11 age bands (under 20 … 65 and over).
const OLD = [1, 3, 5, 6, 7, 8, 10, 13, 15, 11, 1];
const MIXED = [2, 7, 10, 11, 11, 10, 10, 10, 9, 6, 1];
const YOUNG = [5, 14, 14, 12, 10, 9, 8, 8, 7, 4, 1];

const profiles: Record<string, Profile> = {
  industry: {
    occupations: [
      'H2904',
      'H2913',
      'H2902',
      'H2903',
      'H2912',
      'H3201',
      'H3202',
      'I1310',
      'I1304',
      'H2503',
      'H1502',
      'M1607',
      'N1101',
    ],
    ages: OLD,
    hardToFill: ['H2904', 'H2913', 'H2902', 'H2903', 'H2912', 'I1310', 'I1304', 'H3202'],
    seasonal: [],
    gaps: [
      'Soudure TIG sur inox et qualification des soudeurs',
      'Programmation des machines à commande numérique',
      'Forge et estampage à chaud : transmission du savoir-faire des anciens',
      'Maintenance des presses et automatismes',
      'Réglage des presses à injecter',
    ],
  },
  construction: {
    occupations: ['F1703', 'F1603', 'F1602', 'F1610', 'F1604', 'F1606', 'M1607'],
    ages: MIXED,
    hardToFill: ['F1703', 'F1603', 'F1610', 'F1604'],
    seasonal: [],
    gaps: [
      'Rénovation énergétique (pompes à chaleur, isolation)',
      'Couverture en ardoise et zinc',
      'Lecture de plans',
    ],
  },
  food: {
    occupations: ['D1102', 'D1101', 'D1104', 'D1106', 'D1507'],
    ages: MIXED,
    hardToFill: ['D1102', 'D1101', 'D1104'],
    seasonal: [],
    gaps: ['Boulangerie au levain et viennoiserie', 'Hygiène alimentaire (HACCP)'],
  },
  hospitality: {
    occupations: ['G1602', 'G1803', 'G1603', 'K2204'],
    ages: YOUNG,
    hardToFill: ['G1602', 'G1803'],
    seasonal: ['G1602', 'G1803', 'G1603'],
    gaps: ['Cuisine du terroir et circuits courts', 'Accueil de la clientèle étrangère (anglais)'],
  },
  care: {
    occupations: ['J1501', 'K1302', 'J1506', 'J1301', 'K1303'],
    ages: MIXED,
    hardToFill: ['J1501', 'J1506', 'K1302'],
    seasonal: [],
    gaps: ['Accompagnement des personnes âgées dépendantes', 'Gestes et postures'],
  },
  transport: {
    occupations: ['N4101', 'N1103', 'N1101', 'I1604', 'M1607'],
    ages: OLD,
    hardToFill: ['N4101', 'I1604'],
    seasonal: [],
    gaps: ['Permis poids lourd et FIMO', 'Logistique et gestion des stocks'],
  },
  services: {
    occupations: ['M1203', 'M1607', 'M1805', 'K2204', 'D1202', 'A1203'],
    ages: MIXED,
    hardToFill: ['M1805', 'M1203'],
    seasonal: ['A1203'],
    gaps: ['Outils numériques et cybersécurité', 'Comptabilité et paie'],
  },
};

/** The profile of a company from its NAF section (and division for food trades). */
function profileOf(naf: string | null, section: string | null): Profile {
  if (section === 'C') return naf?.startsWith('10') ? profiles.food : profiles.industry;
  if (section === 'F') return profiles.construction;
  if (section === 'I') return profiles.hospitality;
  if (section === 'Q') return profiles.care;
  if (section === 'H') return profiles.transport;
  if (section === 'G') return naf?.startsWith('47.2') ? profiles.food : profiles.services;
  return profiles.services;
}

const CONTRACT_WEIGHTS: (readonly [Contract, number])[] = [
  ['cdi', 78],
  ['cdd', 9],
  ['apprentissage', 5],
  ['interim', 6],
  ['autre', 2],
];

/** One company's plausible answer: headcount, retirements from the age pyramid, recruitment, skills, capacity. */
function answerFor(rng: Rng, p: Profile): GtecData {
  const size = rng.weighted([
    [rng.int(2, 9), 45],
    [rng.int(10, 49), 40],
    [rng.int(50, 150), 15],
  ] as const);
  const jobs = rng.sample(
    p.occupations,
    Math.min(p.occupations.length, size < 10 ? rng.int(1, 2) : rng.int(2, 5)),
  );
  const cells = new Map<string, HeadcountLine>();
  for (let n = 0; n < size; n++) {
    const rome = n === 0 ? jobs[0] : rng.weighted(jobs.map((j, i) => [j, jobs.length - i] as const));
    const ageBand = rng.weighted(AGE_BANDS.map((a, i) => [a, p.ages[i]] as const)) as AgeBand;
    const sex = rng.chance(
      p === profiles.care ? 0.85 : p === profiles.industry || p === profiles.construction ? 0.15 : 0.5,
    )
      ? 'F'
      : 'M';
    const contract =
      ageBand === 'u20' || (ageBand === '20-24' && rng.chance(0.4))
        ? 'apprentissage'
        : rng.weighted(CONTRACT_WEIGHTS);
    const key = `${rome}|${ageBand}|${sex}|${contract}`;
    const line = cells.get(key) ?? { rome, ageBand, sex, contract, count: 0 };
    line.count++;
    cells.set(key, line);
  }
  const headcount = [...cells.values()];
  const retirements = jobs.flatMap((rome) => {
    const of = (bands: string[]) =>
      headcount.filter((l) => l.rome === rome && bands.includes(l.ageBand)).reduce((s, l) => s + l.count, 0);
    const within5 = of(['60-64', '65+']) + Math.floor(of(['55-59']) * 0.3);
    const within10 = of(['60-64', '65+', '55-59']) + Math.floor(of(['50-54']) * 0.2);
    return within10 ? [{ rome, within5, within10 }] : [];
  });
  const recruitment = rng.sample(jobs, rng.int(0, Math.min(3, jobs.length))).map((rome) => ({
    rome,
    count: rng.int(1, size < 10 ? 1 : 4),
    hardToFill: p.hardToFill.includes(rome) ? rng.chance(0.75) : rng.chance(0.15),
    seasonal: p.seasonal.includes(rome) && rng.chance(0.6),
  }));
  const skills = rng.sample(p.gaps, rng.int(0, 2)).map((gap) => ({
    rome: rng.chance(0.5) ? jobs[0] : null,
    gap,
    training: rng.chance(0.5) ? 'Formation courte en entreprise' : '',
  }));
  return {
    headcount,
    retirements,
    recruitment,
    skills,
    capacity: { internships: rng.int(0, size < 10 ? 1 : 4), apprenticeships: rng.int(0, size < 10 ? 1 : 3) },
  };
}

export const gtecDemo: DemoSeeder = {
  name: 'gtec',
  async run(ctx) {
    const { deps } = ctx;
    const rng = ctx.rng('gtec');
    await importRomeExcerpt(deps, systemActor);
    const club = ctx.networks.club;
    const roster = await memberRoster(deps.db, club.id);
    if (roster.length === 0) return;
    const orgs = await deps.db
      .select({ id: organizations.id, naf: organizations.nafCode, section: organizations.nafSection })
      .from(organizations)
      .where(
        inArray(
          organizations.id,
          roster.map((m) => m.organizationId),
        ),
      );
    const nafOf = new Map(orgs.map((o) => [o.id, o]));
    const questionnaireId = await ensureQuestionnaire(deps.db, 'gtec');
    const today = parisToday(deps.clock());
    const year = Number(today.slice(0, 4));
    const waves = [
      {
        title: `GTEC ${year - 1} (démo)`,
        opensOn: `${year - 1}-03-01`,
        closesOn: `${year - 1}-04-30`,
        answered: 55,
        drafts: 0,
      },
      {
        title: `GTEC ${year} (démo)`,
        opensOn: addDays(today, -20),
        closesOn: addDays(today, 25),
        answered: 60,
        drafts: 4,
      },
    ];
    for (const w of waves) {
      const [wave] = await deps.db
        .insert(gtecWaves)
        .values({
          networkId: club.id,
          questionnaireId,
          title: w.title,
          opensOn: w.opensOn,
          closesOn: w.closesOn,
          audience: 'all',
          isDemo: true,
        })
        .returning({ id: gtecWaves.id });
      const recipients = await deps.db
        .insert(gtecRecipients)
        .values(
          roster.map((m) => ({
            waveId: wave.id,
            networkId: club.id,
            memberId: m.memberId,
            organizationId: m.organizationId,
            invitedEmail: m.contact?.email ?? null,
            isDemo: true,
          })),
        )
        .returning({ id: gtecRecipients.id, organizationId: gtecRecipients.organizationId });
      const answering = rng.sample(recipients, Math.min(recipients.length, w.answered + w.drafts));
      const rows = answering.map((r, i) => {
        const org = nafOf.get(r.organizationId);
        const submitted = i < w.answered;
        const at = new Date(
          `${addDays(w.opensOn, rng.int(0, 15))}T${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
        );
        return {
          recipientId: r.id,
          waveId: wave.id,
          questionnaireId,
          status: submitted ? 'submitted' : 'draft',
          data: answerFor(rng, profileOf(org?.naf ?? null, org?.section ?? null)),
          submittedAt: submitted ? at : null,
          isDemo: true,
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await deps.db.insert(gtecAnswers).values(rows.slice(i, i + 100));
      await deps.db.execute(sql`update gtec_recipients r set submitted_at = a.submitted_at from gtec_answers a
        where a.recipient_id = r.id and a.wave_id = ${wave.id} and a.status = 'submitted'`);
    }
  },
};
