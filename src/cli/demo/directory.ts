import { type Actor, type Deps, systemActor } from '../../server/context.ts';
import { createAccount } from '../../server/modules/accounts/accounts.service.ts';
import { networkOrganizations } from '../../server/modules/accounts/accounts.tables.ts';
import { addOrganizationEditor } from '../../server/modules/accounts/editors.service.ts';
import { addCoordinator, createNetwork } from '../../server/modules/accounts/networks.service.ts';
import { recordAudit } from '../../server/modules/audit/audit.service.ts';
import { mergeFields, prepareOrganization } from '../../server/modules/organizations/organizations.rules.ts';
import { organizations } from '../../server/modules/organizations/organizations.tables.ts';
import { type DemoOrganization, type GenerationPlan, generateOrganizations } from './generate.ts';
import { createRng } from './prng.ts';
import type { DemoContext } from './types.ts';

// The directory part of the demo: the Grand Est region's ESS organisations attached to a regional chamber, the member
// companies of a business club of southern Haute-Marne, and four accounts with printed passwords.

export const GRAND_EST = ['08', '10', '51', '52', '54', '55', '57', '67', '68', '88'];

/** Southern Haute-Marne, around Langres and south of Chaumont (EPCI SIRENs). */
export const SOUTH_HAUTE_MARNE = [
  'epci:200072999', // CC du Grand Langres
  'epci:200068658', // CA de Chaumont
  'epci:200070332', // CC des Savoir-Faire (Bourbonne-les-Bains, Fayl-Billot)
  'epci:200027308', // CC d'Auberive Vingeanne et Montsaugeonnais
];

/**
 * 300 ESS organisations in the region's proportions (77 % associations, 16 % cooperatives, 3 % mutuals,
 * 4 % foundations: INSEE Analyses Grand Est n° 33), a few ESUS-approved companies, and the club's 100 companies.
 * The chamber sits in Nancy and holds its fair there: a quarter of its organisations are in Meurthe-et-Moselle
 * (by population alone it would be an eighth), so that the fair's exhibitors can mostly come from around.
 */
export const demoPlan: GenerationPlan = {
  seed: 'maillage-demo-grand-est-2',
  groups: [
    { kind: 'association', count: 195, within: GRAND_EST },
    { kind: 'association', count: 36, within: ['54'] },
    { kind: 'cooperative', count: 41, within: GRAND_EST },
    { kind: 'cooperative', count: 7, within: ['54'] },
    { kind: 'mutual', count: 9, within: GRAND_EST },
    { kind: 'foundation', count: 12, within: GRAND_EST },
    { kind: 'esus', count: 6, within: GRAND_EST },
    { kind: 'esus', count: 2, within: ['54'] },
    { kind: 'company', count: 100, within: SOUTH_HAUTE_MARNE },
  ],
};

export const demoAccounts = {
  admin: {
    role: 'Administratrice de la plateforme',
    email: 'admin@maillage.example',
    name: 'Alice Admin (démo)',
    password: 'demo-admin-maillage',
  },
  chamberCoordinator: {
    role: 'Coordinatrice CRESS Grand Est',
    email: 'cress@maillage.example',
    name: 'Camille Coordination (démo)',
    password: 'demo-cress-grand-est',
  },
  clubCoordinator: {
    role: 'Coordinateur club Sud Haute-Marne',
    email: 'club@maillage.example',
    name: 'Claude Club (démo)',
    password: 'demo-club-sud-52',
  },
  editor: {
    role: 'Éditrice d’une organisation',
    email: 'editrice@maillage.example',
    name: 'Emma Éditrice (démo)',
    password: 'demo-editrice-orga',
  },
} as const;

/** Inserts the generated rows in bulk, derived exactly as the directory's service derives them; returns their ids. */
export async function insertOrganizations(
  deps: Pick<Deps, 'db'>,
  rows: DemoOrganization[],
): Promise<string[]> {
  const values = rows.map((r) => {
    const prepared = prepareOrganization(mergeFields(undefined, r));
    if (!prepared.ok) throw new Error(`demo row refused (${r.name}): ${JSON.stringify(prepared.fields)}`);
    return { ...prepared.row, source: 'import', isDemo: true };
  });
  const ids: string[] = [];
  for (let i = 0; i < values.length; i += 200) {
    const inserted = await deps.db
      .insert(organizations)
      .values(values.slice(i, i + 200))
      .returning({ id: organizations.id });
    ids.push(...inserted.map((x) => x.id));
  }
  return ids;
}

const actorOf = (a: { id: string; email: string; name: string; isPlatformAdmin: boolean }): Actor => ({
  accountId: a.id,
  email: a.email,
  name: a.name,
  isPlatformAdmin: a.isPlatformAdmin,
});

/** Seeds accounts, networks and organisations; returns what the other modules' seeders build on. */
export async function seedDirectory(deps: Deps): Promise<DemoContext> {
  const accounts = Object.fromEntries(
    await Promise.all(
      Object.entries(demoAccounts).map(async ([key, a]) => [
        key,
        await createAccount(deps, {
          email: a.email,
          name: a.name,
          password: a.password,
          isPlatformAdmin: key === 'admin',
          isDemo: true,
        }),
      ]),
    ),
  ) as Record<keyof typeof demoAccounts, Parameters<typeof actorOf>[0]>;

  const chamber = await createNetwork(deps, systemActor, {
    slug: 'cress-grand-est-demo',
    name: 'CRESS Grand Est (démo)',
    kind: 'cress',
    territory: 'region:44',
    description:
      'Chambre régionale de l’économie sociale et solidaire, **réseau de démonstration** : ses organisations sont fictives.',
    isDemo: true,
  });
  const club = await createNetwork(deps, systemActor, {
    slug: 'club-sud-haute-marne-demo',
    name: 'Club des entreprises du Sud Haute-Marne (démo)',
    kind: 'club',
    territory: 'dep:52',
    description:
      'Club d’entreprises du sud de la Haute-Marne, **réseau de démonstration** : ses entreprises membres sont fictives.',
    isDemo: true,
  });

  const rows = generateOrganizations(demoPlan);
  const ids = await insertOrganizations(deps, rows);
  const orgs = rows.map((r, i) => {
    const prepared = prepareOrganization(mergeFields(undefined, r));
    return {
      id: ids[i],
      name: r.name,
      kind: r.kind,
      essFamily: prepared.ok ? prepared.row.essFamily : 'non_ess',
      communeCode: r.communeCode,
      departmentCode: r.departmentCode,
      standPitch: r.standPitch,
      networks: [r.kind === 'company' ? 'club' : 'chamber'] as ('chamber' | 'club')[],
    };
  });
  const links = orgs.map((o) => ({
    networkId: o.networks[0] === 'club' ? club.id : chamber.id,
    organizationId: o.id,
  }));
  for (let i = 0; i < links.length; i += 500)
    await deps.db.insert(networkOrganizations).values(links.slice(i, i + 500));
  await recordAudit(deps.db, systemActor, {
    action: 'demo.seed',
    entityType: 'organization',
    networkIds: [chamber.id, club.id],
    after: { organizations: orgs.length, note: 'données de démonstration générées' },
  });

  // The demo addresses are fictitious (.example): no invitation mail.
  const quiet = { notify: false };
  await addCoordinator(
    deps,
    systemActor,
    chamber.id,
    { email: demoAccounts.chamberCoordinator.email },
    quiet,
  );
  await addCoordinator(deps, systemActor, club.id, { email: demoAccounts.clubCoordinator.email }, quiet);
  // The editor's organisation: the first association of Meurthe-et-Moselle in the generated list.
  const edited = orgs.find((o) => o.kind === 'association' && o.departmentCode === '54') ?? orgs[0];
  await addOrganizationEditor(deps, systemActor, edited.id, { email: demoAccounts.editor.email }, quiet);

  return {
    deps,
    rng: (name) => createRng(`${demoPlan.seed}/${name}`),
    networks: {
      chamber: { id: chamber.id, slug: chamber.slug, name: chamber.name },
      club: { id: club.id, slug: club.slug, name: club.name },
    },
    organizations: orgs,
    actors: {
      admin: actorOf(accounts.admin),
      chamberCoordinator: actorOf(accounts.chamberCoordinator),
      clubCoordinator: actorOf(accounts.clubCoordinator),
      editor: actorOf(accounts.editor),
    },
  };
}
