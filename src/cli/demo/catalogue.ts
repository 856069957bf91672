import type { Rng } from './prng.ts';

// What the demo organisations are made of. One line per kind of organisation: its name pattern and the legal
// categories, NAF codes, headcount brackets and tags that go with it, so that a generated row is consistent (a wine
// cooperative makes wine, a régie de quartier cleans buildings, a home-help association employs dozens).
// Only generic French words and very common surnames: no real brand or federation name.

export type DemoKind = 'association' | 'cooperative' | 'mutual' | 'foundation' | 'esus' | 'company';

export type Template = {
  kind: DemoKind;
  /** Relative frequency within its kind. */
  weight: number;
  /** Placeholders: {commune}, {de commune} ("de Metz", "d’Épinal"), {department} ("de la Marne"), the pools. */
  pattern: string;
  legalCategories: [string, number][];
  naf: string[];
  headcount: [string, number][];
  tags: string[];
  /** Any commune (by population), a town (≥ 10,000 inhabitants) or a village (< 2,000). */
  place: 'any' | 'town' | 'village';
  /** Only in these departments (wine cooperatives), or anywhere. */
  departments?: string[];
  /** Completes "X … à <commune>" in the description. */
  blurb: string;
};

const list = (s: string) => s.split('|').map((x) => x.trim());

export const pools: Record<string, string[]> = {
  surname:
    list(`Martin | Bernard | Thomas | Petit | Robert | Richard | Durand | Dubois | Moreau | Laurent | Simon |
    Michel | Lefèvre | Leroy | Roux | David | Bertrand | Morel | Fournier | Girard | Bonnet | Dupont | Lambert |
    Fontaine | Rousseau | Vincent | Muller | Schmitt | Meyer | Weber | Klein | Wagner | Schneider | Becker |
    Hoffmann | Fischer | Jacquot | Mathieu | Colin | Masson | Henry | François | Gérard | Marchal | Thiriet |
    Claude | Antoine | Perrin | Chevalier | Gauthier | Rémy | Humbert | Didier | Noël | Georges | Collin | Guérin |
    Adam | Poirot | Huguenin | Jacob | Kieffer | Schaeffer | Zimmermann | Keller | Walter | Roth | Gross | Haas`),
  word: list(`Horizon | Ancrage | Sillon | Alvéole | Canopée | Passerelle | Trait d’union | Boussole | Escale | Sève |
    Cairn | Archipel | Ricochet | Tisserand | Lisière | Ferment | Grange | Atelier commun | Maillon | Ruche |
    Confluence | Semis | Relais | Chantier ouvert | Solstice | Envol`),
  theme:
    list(`Solidarité | Entraide | Culture et loisirs | Accueil et partage | Lien social | Animation rurale |
    Familles rurales | Vivre ensemble | Cadre de vie | Mobilité solidaire | Insertion et emploi | Jeunesse et avenir`),
  sport: list(
    'Union sportive | Football club | Entente sportive | Cercle de gymnastique | Tennis club | Judo club',
  ),
  theatre: list('du Grenier | des Tréteaux | de la Lune | du Fil | Ombre et Lumière | du Kiosque'),
  children: list('Les P’tits Loups | Les Lucioles | Les Petits Pas | La Ribambelle | Les Galopins'),
  hotel: list('de la Poste | du Lion d’Or | de la Gare | du Commerce | des Remparts | du Cheval Blanc'),
  restaurant: list('Le Relais | La Table du Marché | L’Auberge | Le Bistrot | La Fourchette | Le Cellier'),
  mutual: list('des familles | santé | solidaire | des cheminots | des enseignants'),
  cause:
    list(`l’enfance | la recherche médicale | les personnes âgées | l’insertion des jeunes | le patrimoine rural |
    l’accès au logement | les personnes handicapées`),
  street:
    list(`rue de la République | rue Victor-Hugo | avenue Jean-Jaurès | rue du Général-Leclerc | rue des Tilleuls |
    rue de la Gare | rue Pasteur | rue du Moulin | rue de l’Église | rue des Jardins | rue Gambetta | place Carnot |
    rue des Écoles | chemin du Stade | avenue de Verdun | rue Saint-Nicolas | rue du Château | rue des Vignes |
    rue de la Fontaine | Grande Rue | rue du Maréchal-Foch | rue des Forges | zone artisanale des Prés |
    rue de Lorraine | rue de Champagne | rue d’Alsace | quai de la Marne | rue de la Paix | allée des Peupliers`),
};

// kind | weight | name pattern | legal categories:weight | NAF codes | headcount brackets:weight | tags | place | blurb
const table = `
association | 14 | Association {theme} {commune} | 9220:95 9230:5 | 94.99Z 88.99B | NN:40 01:15 02:10 03:6 11:4 | lien social, bénévolat | any | anime la vie locale et soutient les habitants dans leurs projets
association | 6 | Les Jardins {de commune} | 9221:70 9220:30 | 01.13Z 81.30Z | 03:20 11:50 12:30 | insertion, maraîchage, alimentation | any | accompagne vers l’emploi des personnes qui en sont éloignées, par le maraîchage biologique
association | 4 | Régie de quartier {de commune} | 9221:70 9220:30 | 81.21Z 88.99B | 11:30 12:50 21:20 | insertion, propreté, lien social | town | entretient les espaces communs du quartier avec ses habitants
association | 6 | Centre social {de commune} | 9220:100 | 88.99B | 03:10 11:25 12:35 21:20 22:10 | familles, jeunesse, lien social | town | accueille les familles du quartier : accompagnement scolaire, ateliers, permanences
association | 8 | Foyer rural {de commune} | 9220:100 | 93.29Z 94.99Z | NN:60 01:30 02:10 | culture, ruralité, bénévolat | village | organise des activités culturelles et sportives au village
association | 6 | Maison des jeunes et de la culture {de commune} | 9220:100 | 93.29Z 85.52Z | 02:20 03:30 11:35 12:15 | jeunesse, culture, éducation populaire | any | propose des ateliers artistiques et sportifs aux jeunes et aux adultes
association | 10 | {sport} {de commune} | 9220:100 | 93.12Z | NN:60 01:25 02:10 03:5 | sport, jeunesse | any | fait pratiquer le sport à tous les âges, en loisir et en compétition
association | 5 | Épicerie solidaire {de commune} | 9220:100 | 88.99B | NN:30 01:40 02:30 | alimentation, solidarité | any | donne accès à une alimentation de qualité aux foyers aux revenus modestes
association | 5 | Ressourcerie {word} | 9221:60 9220:40 | 38.32Z 47.79Z | 03:30 11:50 12:20 | réemploi, environnement, insertion | any | collecte, répare et revend des objets du quotidien pour leur donner une seconde vie
association | 7 | Aide et services à domicile {de commune} | 9220:100 | 88.10A | 12:30 21:35 22:25 32:10 | aide à domicile, personnes âgées, santé | any | aide les personnes âgées et les familles à domicile, jour après jour
association | 4 | Les Amis du patrimoine {de commune} | 9220:100 | 91.03Z | NN:90 01:10 | patrimoine, culture, bénévolat | village | restaure et fait visiter le patrimoine de la commune
association | 4 | Compagnie {theatre} | 9220:100 | 90.01Z | NN:30 01:40 02:30 | culture, spectacle vivant | any | crée et joue des spectacles, et mène des ateliers de théâtre dans les écoles
association | 4 | Crèche parentale {children} | 9220:100 | 88.91A | 02:30 03:50 11:20 | petite enfance, familles | any | accueille les tout-petits, avec les parents associés à la vie de la crèche
association | 4 | École de musique {de commune} | 9220:100 | 85.52Z | 02:30 03:40 11:30 | culture, musique, éducation | any | enseigne la musique aux enfants et aux adultes et anime un orchestre
association | 3 | Mobilité solidaire {department} | 9221:60 9220:40 | 49.39B 77.11A | 02:40 03:40 11:20 | mobilité, insertion | town | prête des véhicules et forme à la conduite les personnes en recherche d’emploi
association | 3 | Numérique pour tous {commune} | 9220:100 | 85.59B | NN:30 01:40 02:30 | numérique, inclusion | any | accompagne les habitants dans leurs démarches en ligne et forme aux outils numériques
cooperative | 8 | {surname} Bâtiment SCOP | 5458:70 5558:20 5195:10 | 43.99C 43.21A 43.32A | 01:20 02:25 03:20 11:20 12:15 | BTP, SCOP | any | coopérative de salariés du bâtiment, rénove et construit
cooperative | 6 | Coopérative {word} | 5458:60 5460:40 | 71.12B 62.01Z 70.22Z 74.10Z | 01:20 02:35 03:30 11:15 | SCOP, ingénierie, numérique | any | coopérative de salariés d’ingénierie et de conseil
cooperative | 4 | {commune} Énergies citoyennes (SCIC) | 5460:50 5560:50 | 35.11Z | NN:60 01:40 | énergie, transition, SCIC | any | finance et exploite des installations solaires avec les habitants et les collectivités
cooperative | 4 | Épicerie coopérative {de commune} | 5460:100 | 47.29Z | 01:50 02:50 | alimentation, circuits courts, SCIC | any | vend les produits des fermes voisines, gérée par ses clients, salariés et producteurs
cooperative | 7 | CUMA {de commune} | 6316:100 | 01.61Z | NN:70 01:30 | agriculture, matériel partagé | village | met en commun le matériel agricole de ses adhérents
cooperative | 5 | Coopérative agricole {de commune} | 6317:100 | 46.21Z 01.11Z | 03:30 11:40 12:30 | agriculture, céréales | village | collecte et commercialise les récoltes de ses agriculteurs adhérents
cooperative | 6 | Cave coopérative {de commune} | 6317:100 | 11.02B | 03:30 11:40 12:30 | viticulture, agriculture | village 51 10 67 68 | vinifie et vend les raisins de ses vignerons coopérateurs
cooperative | 3 | {word} CAE | 5460:100 | 70.22Z 82.11Z | 03:30 11:50 12:20 | entrepreneuriat, CAE | town | héberge et accompagne des entrepreneurs salariés (coopérative d’activité et d’emploi)
mutual | 5 | Mutuelle {mutual} {department} | 8210:100 | 65.12Z | 11:30 12:40 21:30 | santé, prévoyance | town | complémentaire santé à but non lucratif, gérée par ses adhérents
mutual | 2 | Mutuelle d’assurance des artisans {department} | 6411:100 | 65.12Z | 12:50 21:50 | assurance | town | assure les artisans et leurs ateliers
mutual | 3 | Centre de santé mutualiste {de commune} | 8290:100 | 86.21Z 86.23Z | 11:40 12:60 | santé, soins | town | soigne sans dépassement d’honoraires, en médecine générale et dentaire
foundation | 4 | Fondation {surname} | 9300:100 | 87.10A 87.30A | 21:40 22:40 32:20 | personnes âgées, santé | any | gère des établissements d’accueil pour personnes âgées et handicapées
foundation | 3 | Fondation pour {cause} {department} | 9300:100 | 88.99B 87.90A 72.19Z | NN:30 03:30 12:40 | mécénat, solidarité | town | soutient des projets d’intérêt général par ses dons et ses établissements
esus | 3 | {word} Insertion | 5710:60 5499:40 | 78.20Z 81.21Z | 11:40 12:60 | insertion, ESUS | any | entreprise d’insertion agréée ESUS : des missions de travail pour des personnes éloignées de l’emploi
esus | 2 | Recyclerie {word} SAS | 5710:100 | 38.32Z 47.79Z | 03:50 11:50 | réemploi, ESUS | any | entreprise agréée ESUS qui collecte et remet en état du mobilier et de l’électroménager
esus | 2 | Atelier {word} Réparation | 5720:50 5710:50 | 95.29Z 95.22Z | 01:50 02:50 | réparation, ESUS | any | entreprise agréée ESUS qui répare vélos, textiles et petits appareils
company | 6 | Forges {de commune} | 5710:60 5599:40 | 25.50A | 11:30 12:40 21:30 | industrie, métallurgie | any | forge et usine des pièces pour l’automobile et l’aéronautique
company | 4 | Coutellerie {surname} | 5499:60 5710:40 | 25.71Z | 02:30 03:40 11:30 | industrie, artisanat | any | fabrique des couteaux et des outils de coupe
company | 4 | Décolletage {de commune} | 5710:60 5499:40 | 25.62A | 11:40 12:40 21:20 | industrie, mécanique | any | usine des pièces de précision en série
company | 8 | Transports {surname} | 5499:50 5710:50 | 49.41A | 03:20 11:40 12:30 21:10 | logistique, transport | any | transporte des marchandises par la route
company | 3 | {surname} Logistique | 5710:100 | 52.10B | 11:40 12:60 | logistique | any | stocke et prépare les commandes de ses clients
company | 5 | Hôtel {hotel} | 5499:70 5720:30 | 55.10Z | 02:40 03:40 11:20 | hôtellerie-restauration, tourisme | any | accueille voyageurs et touristes
company | 6 | {restaurant} | 5499:60 5720:40 | 56.10A | 01:30 02:40 03:30 | hôtellerie-restauration | any | sert une cuisine de saison faite maison
company | 5 | Boulangerie {surname} | 5499:60 5720:40 | 10.71C | 01:30 02:50 03:20 | commerce, alimentation | any | fabrique pain et pâtisseries
company | 6 | Menuiserie {surname} | 5499:60 5710:40 | 43.32A | 01:20 02:40 03:30 11:10 | BTP, bois | any | pose portes, fenêtres et agencements
company | 6 | {surname} Maçonnerie | 5499:60 5710:40 | 43.99C | 02:30 03:40 11:30 | BTP | any | construit et rénove maisons et bâtiments
company | 5 | Plomberie Chauffage {surname} | 5499:60 5720:40 | 43.22A | 01:30 02:40 03:30 | BTP | any | installe et entretient chauffage et sanitaires
company | 4 | Électricité {surname} | 5499:60 5720:40 | 43.21A | 01:30 02:40 03:30 | BTP | any | réalise les installations électriques des particuliers et des entreprises
company | 4 | Garage {surname} | 5499:70 5720:30 | 45.20A | 01:30 02:50 03:20 | commerce, automobile | any | entretient et répare les véhicules
company | 3 | Cabinet {surname} expertise comptable | 5710:60 5499:40 | 69.20Z | 02:30 03:40 11:30 | services aux entreprises | town | tient la comptabilité et conseille les entreprises du territoire
company | 3 | Scierie {surname} | 5499:60 5710:40 | 16.10A | 02:30 03:40 11:30 | bois, industrie | village | scie et sèche les bois des forêts voisines
company | 3 | {surname} Informatique | 5720:50 5710:50 | 62.02A | 01:40 02:40 03:20 | numérique, services aux entreprises | any | installe et maintient les réseaux et logiciels des entreprises
company | 3 | Quincaillerie {surname} | 5499:100 | 47.52A | 01:40 02:40 03:20 | commerce | any | vend outillage et matériaux aux particuliers et aux artisans
company | 3 | {surname} Immobilier | 5720:50 5499:50 | 68.31Z | 01:50 02:50 | immobilier | town | vend et loue des logements
company | 2 | Imprimerie {surname} | 5499:60 5710:40 | 18.12Z | 03:50 11:50 | industrie, communication | any | imprime documents, affiches et emballages
company | 2 | Plasturgie {word} | 5710:100 | 22.29A | 11:30 12:40 21:30 | industrie | any | moule des pièces plastiques techniques
company | 3 | Travaux publics {surname} | 5710:60 5499:40 | 42.11Z | 11:40 12:40 21:20 | BTP | any | construit et entretient routes et réseaux
company | 3 | Paysages {surname} | 5499:60 5720:40 | 81.30Z | 01:30 02:40 03:30 | environnement | any | crée et entretient parcs et jardins
`;

const weightedList = (s: string): [string, number][] =>
  s.split(/\s+/).map((x) => {
    const [code, w] = x.split(':');
    return [code, Number(w)];
  });

export const templates: Template[] = table
  .trim()
  .split('\n')
  .map((line) => {
    const [kind, weight, pattern, legal, naf, headcount, tags, place, blurb] = line
      .split('|')
      .map((x) => x.trim());
    const [where, ...departments] = place.split(/\s+/);
    return {
      kind: kind as DemoKind,
      weight: Number(weight),
      pattern,
      legalCategories: weightedList(legal),
      naf: naf.split(/\s+/),
      headcount: weightedList(headcount),
      tags: tags.split(',').map((t) => t.trim()),
      place: where as Template['place'],
      departments: departments.length ? departments : undefined,
      blurb,
    };
  });

const elide = (word: string) => (/^[AEIOUYÉÈÊÎH]/i.test(word) ? `d’${word}` : `de ${word}`);

/** "de la Marne", "du Bas-Rhin": how a department follows a noun ("Mutuelle santé de la Marne"). */
const departmentPhrase: Record<string, string> = {
  '08': 'des Ardennes',
  '10': 'de l’Aube',
  '51': 'de la Marne',
  '52': 'de la Haute-Marne',
  '54': 'de Meurthe-et-Moselle',
  '55': 'de la Meuse',
  '57': 'de la Moselle',
  '67': 'du Bas-Rhin',
  '68': 'du Haut-Rhin',
  '88': 'des Vosges',
};

export type NamePlace = { commune: string; departmentCode: string; departmentName: string };

/** Fills a name pattern: "{sport} {de commune}" → "Judo club d’Épinal"; {department} → "de la Marne". */
export function fillName(pattern: string, rng: Rng, place: NamePlace): string {
  return pattern.replace(/\{(de )?(\w+)\}/g, (_, de: string | undefined, key: string) => {
    if (key === 'department') return departmentPhrase[place.departmentCode] ?? elide(place.departmentName);
    const value = key === 'commune' ? place.commune : rng.pick(pools[key]);
    return de ? elide(value) : value;
  });
}
