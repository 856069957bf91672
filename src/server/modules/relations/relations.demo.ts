import type { DemoContext, DemoSeeder } from '../../../cli/demo/types.ts';
import { addDays, parisToday } from '../memberships/memberships.rules.ts';
import { type ContactKind, contactSearchText, type InteractionKind } from './relations.rules.ts';
import {
  relationContacts,
  relationInteractionContacts,
  relationInteractions,
  relationMandates,
  relationTasks,
} from './relations.tables.ts';

// The Sud Haute-Marne club's relations log, for its coordinator: the mayors of Langres and Chaumont (real offices,
// fictitious people, marked "(démo)"), the département, France Travail, two lycées; a few interactions and tasks.
// Dates count from the day the demo is created; every row is marked demo.

type Contact = {
  key: string;
  kind: ContactKind;
  name: string;
  role: string;
  organizationName: string | null;
  territoryCode: string;
  sex?: 'F' | 'M';
  mayorSince?: string;
};

const contacts: Contact[] = [
  {
    key: 'langres',
    kind: 'elected',
    name: 'Mireille Fauvel (démo)',
    role: 'Maire',
    organizationName: 'Mairie de Langres',
    territoryCode: 'com:52269',
    sex: 'F',
    mayorSince: '2020-07-03',
  },
  {
    key: 'chaumont',
    kind: 'elected',
    name: 'Bernard Vasseur (démo)',
    role: 'Maire',
    organizationName: 'Mairie de Chaumont',
    territoryCode: 'com:52121',
    sex: 'M',
    mayorSince: '2020-07-04',
  },
  {
    key: 'departement',
    kind: 'public_body',
    name: 'Sophie Marchal (démo)',
    role: 'Chargée de mission attractivité',
    organizationName: 'Conseil départemental de la Haute-Marne',
    territoryCode: 'dep:52',
  },
  {
    key: 'france-travail',
    kind: 'public_body',
    name: 'Karim Benali (démo)',
    role: 'Conseiller entreprises',
    organizationName: 'France Travail, agence de Langres',
    territoryCode: 'com:52269',
  },
  {
    key: 'lycee-langres',
    kind: 'school',
    name: 'Claire Dumont (démo)',
    role: 'Proviseure',
    organizationName: 'Lycée professionnel de Langres (démo)',
    territoryCode: 'com:52269',
  },
  {
    key: 'lycee-chaumont',
    kind: 'school',
    name: 'Thomas Girard (démo)',
    role: 'Directeur délégué aux formations',
    organizationName: 'Lycée des métiers de Chaumont (démo)',
    territoryCode: 'com:52121',
  },
];

type Interaction = {
  kind: InteractionKind;
  days: number;
  people: string[];
  summary: string;
  topics: string[];
  territoryCode: string | null;
  task?: { title: string; inDays: number; done?: boolean };
};

const interactions: Interaction[] = [
  {
    kind: 'meeting',
    days: 40,
    people: ['langres'],
    summary:
      'Rendez-vous en mairie : extension de la zone d’activités et foncier disponible pour deux adhérents.',
    topics: ['foncier', 'zone d’activités'],
    territoryCode: 'com:52269',
    task: {
      title: 'Envoyer à la mairie la liste des besoins en foncier des adhérents',
      inDays: -10,
      done: true,
    },
  },
  {
    kind: 'call',
    days: 21,
    people: ['france-travail'],
    summary:
      'Point sur les recrutements difficiles (hôtellerie-restauration, logistique) et le prochain job dating.',
    topics: ['recrutement', 'GTEC'],
    territoryCode: 'com:52269',
    task: { title: 'Recenser les offres des adhérents pour le job dating', inDays: 7 },
  },
  {
    kind: 'event',
    days: 12,
    people: ['lycee-langres', 'lycee-chaumont'],
    summary: 'Forum des métiers : douze adhérents ont présenté leurs métiers aux élèves de seconde.',
    topics: ['forum des métiers', 'jeunes'],
    territoryCode: 'dep:52',
    task: { title: 'Proposer des stages de découverte aux deux lycées', inDays: 14 },
  },
  {
    kind: 'letter',
    days: 6,
    people: ['departement', 'chaumont'],
    summary:
      'Courrier sur la desserte en transport des zones d’activités de Chaumont, signé du bureau du club.',
    topics: ['mobilité'],
    territoryCode: 'com:52121',
    task: { title: 'Relancer le Département sur la réponse au courrier', inDays: -1 },
  },
];

export const relationsDemo: DemoSeeder = {
  name: 'relations',
  async run(ctx: DemoContext) {
    const db = ctx.deps.db;
    const today = parisToday(ctx.deps.clock());
    const networkId = ctx.networks.club.id;
    const owner = ctx.actors.clubCoordinator.accountId!;
    const rows = await db
      .insert(relationContacts)
      .values(
        contacts.map((c) => ({
          networkId,
          kind: c.kind,
          name: c.name,
          role: c.role,
          organizationName: c.organizationName,
          territoryCode: c.territoryCode,
          sex: c.sex ?? null,
          notes: 'Contact fictif de démonstration.',
          searchText: contactSearchText(c),
          isDemo: true,
        })),
      )
      .returning({ id: relationContacts.id });
    const idOf = new Map(contacts.map((c, i) => [c.key, rows[i].id]));
    await db.insert(relationMandates).values(
      contacts
        .filter((c) => c.mayorSince)
        .map((c) => ({
          networkId,
          contactId: idOf.get(c.key)!,
          mandate: 'municipal',
          territoryCode: c.territoryCode,
          functionLabel: 'Maire',
          startedOn: '2020-06-28',
          functionStartedOn: c.mayorSince!,
        })),
    );
    for (const it of interactions) {
      const [row] = await db
        .insert(relationInteractions)
        .values({
          networkId,
          kind: it.kind,
          on: addDays(today, -it.days),
          summary: it.summary,
          topics: it.topics,
          territoryCode: it.territoryCode,
          createdBy: owner,
          isDemo: true,
        })
        .returning({ id: relationInteractions.id });
      await db
        .insert(relationInteractionContacts)
        .values(it.people.map((p) => ({ interactionId: row.id, contactId: idOf.get(p)! })));
      if (it.task)
        await db.insert(relationTasks).values({
          networkId,
          title: it.task.title,
          dueOn: addDays(today, it.task.inDays),
          ownerId: owner,
          contactId: idOf.get(it.people[0])!,
          interactionId: row.id,
          doneAt: it.task.done ? ctx.deps.clock() : null,
          createdBy: owner,
          isDemo: true,
        });
    }
  },
};
