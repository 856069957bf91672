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
  /**
   * Name patterns, one drawn per row, so that one activity does not fill a page of the directory. Placeholders:
   * {commune}, {de commune} ("de Metz", "d’Épinal"), {department} ("de la Marne"), the pools.
   */
  patterns: { pattern: string; acronym: string | null }[];
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
  /** What it shows on its stand at a fair, in its own words; null for the club's companies (they do not exhibit). */
  stand: string | null;
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
    Vie rurale | Vivre ensemble | Cadre de vie | Mobilité solidaire | Insertion et emploi | Jeunesse et avenir`),
  sport: list(
    'Union sportive | Football club | Entente sportive | Cercle de gymnastique | Tennis club | Judo club',
  ),
  club: list('AS | US | FC | Entente | Olympique | Sporting'),
  sportname: list('Handball | Basket club | Cyclo | Natation | Rugby | Athlétisme | Badminton'),
  /** Streets and schools are named after them all over France; no foundation or federation is. */
  figure: list(
    'Louise-Michel | Jean-Macé | Jules-Ferry | Marie-Curie | Jacques-Prévert | Lucie-Aubrac | George-Sand',
  ),
  vale: list('de la Vallée | du Plateau | des Trois Villages | des Coteaux | du Val | de l’Entente'),
  firstname: list('Nathalie | Mireille | Jean-Pierre | Fabrice | Sandrine | Gérard | Karima | Paolo'),
  theatre: list('du Grenier | des Tréteaux | de la Lune | du Fil | Ombre et Lumière | du Kiosque'),
  children: list('Les P’tits Loups | Les Lucioles | Les Petits Pas | La Ribambelle | Les Galopins'),
  hotel: list(
    'de la Poste | du Lion d’Or | de la Gare | du Commerce | des Remparts | du Cheval Blanc | de la Tour | du Parc | des Voyageurs | de France',
  ),
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

// kind | weight | name patterns (";" between variants, "[ACR]" for the acronym) | legal categories:weight | NAF codes |
// headcount brackets:weight | tags | place | blurb | stand (what it shows at a fair, first person; "-" for companies)
const table = `
association | 14 | Association {theme} {commune} ; {commune} {theme} ; Vivre ensemble à {commune} ; Comité des fêtes {de commune} ; Collectif {word} ; Espace {word} ; Entraide et partage {de commune} ; Le Lien {de commune} | 9220:95 9230:5 | 94.99Z 88.99B | NN:40 01:15 02:10 03:6 11:4 | lien social, bénévolat | any | anime la vie locale et soutient les habitants dans leurs projets | Nous présentons nos rendez-vous de l’année (repas partagés, sorties, entraide entre voisins) et cherchons des bénévoles pour les faire vivre.
association | 6 | Les Jardins {de commune} ; Jardin solidaire {de commune} ; Potager {word} ; Les Paniers {de commune} | 9221:70 9220:30 | 01.13Z 81.30Z | 03:20 11:50 12:30 | insertion, maraîchage, alimentation | any | accompagne vers l’emploi des personnes qui en sont éloignées, par le maraîchage biologique | Dégustation des légumes bio cultivés par nos salariés en insertion, abonnements aux paniers de la semaine et nos offres d’emploi.
association | 4 | Régie de quartier {de commune} ; Régie {word} ; {commune} Services de quartier | 9221:70 9220:30 | 81.21Z 88.99B | 11:30 12:50 21:20 | insertion, propreté, lien social | town | entretient les espaces communs du quartier avec ses habitants | Nos équipes d’habitants salariés racontent l’entretien de leur quartier ; bailleurs et collectivités, parlons de vos marchés de propreté.
association | 6 | Centre social {de commune} ; Centre social {figure} ; Maison des familles {de commune} ; Espace de vie sociale {word} | 9220:100 | 88.99B | 03:10 11:25 12:35 21:20 22:10 | familles, jeunesse, lien social | town | accueille les familles du quartier : accompagnement scolaire, ateliers, permanences | Le programme des ateliers parents-enfants, de l’accompagnement scolaire et des permanences d’accès aux droits.
association | 8 | Foyer rural {de commune} ; Foyer rural {de commune} ; {commune} Loisirs ; Les Amis {de commune} | 9220:100 | 93.29Z 94.99Z | NN:60 01:30 02:10 | culture, ruralité, bénévolat | village | organise des activités culturelles et sportives au village | La saison du foyer (théâtre, randonnées, marché de printemps) et comment monter une activité au village avec nous.
association | 6 | Maison des jeunes et de la culture {de commune} [MJC] ; MJC {figure} [MJC] ; MJC {commune} [MJC] | 9220:100 | 93.29Z 85.52Z | 02:20 03:30 11:35 12:15 | jeunesse, culture, éducation populaire | any | propose des ateliers artistiques et sportifs aux jeunes et aux adultes | Démonstrations de nos ateliers (hip-hop, vidéo, robotique) et les projets montés par les jeunes de la MJC.
association | 10 | {sport} {de commune} ; {club} {commune} ; {commune} {sportname} ; Les Archers {de commune} | 9220:100 | 93.12Z | NN:60 01:25 02:10 03:5 | sport, jeunesse | any | fait pratiquer le sport à tous les âges, en loisir et en compétition | Initiations sur le stand, nos créneaux pour tous les âges et notre section sport-santé.
association | 5 | Épicerie solidaire {de commune} ; Le Garde-manger {de commune} ; Le Panier {word} | 9220:100 | 88.99B | NN:30 01:40 02:30 | alimentation, solidarité | any | donne accès à une alimentation de qualité aux foyers aux revenus modestes | Comment fonctionne notre épicerie (prix réduits, ateliers cuisine) ; producteurs, parlons de vos invendus.
association | 5 | Ressourcerie {word} ; La Recyclerie {de commune} ; {word} Réemploi | 9221:60 9220:40 | 38.32Z 47.79Z | 03:30 11:50 12:20 | réemploi, environnement, insertion | any | collecte, répare et revend des objets du quotidien pour leur donner une seconde vie | Une boutique éphémère d’objets remis en état, un atelier de réparation en direct et le calendrier de nos collectes.
association | 6 | Aide et services à domicile {de commune} ; Soins et aide à domicile {department} ; {word} Domicile ; Présence à domicile {de commune} ; Services à la personne {de commune} ; {commune} Aide à domicile | 9220:100 | 88.10A | 12:30 21:35 22:25 32:10 | aide à domicile, personnes âgées, santé | any | aide les personnes âgées et les familles à domicile, jour après jour | Nos services d’aide à domicile expliqués aux familles, et nos métiers : nous recrutons des auxiliaires de vie.
association | 4 | Les Amis du patrimoine {de commune} ; Sauvegarde du patrimoine {de commune} ; Mémoire {de commune} | 9220:100 | 91.03Z | NN:90 01:10 | patrimoine, culture, bénévolat | village | restaure et fait visiter le patrimoine de la commune | Photos de nos chantiers de restauration, les visites guidées de l’été et nos chantiers bénévoles.
association | 4 | Compagnie {theatre} ; Théâtre {theatre} ; Cie {word} | 9220:100 | 90.01Z | NN:30 01:40 02:30 | culture, spectacle vivant | any | crée et joue des spectacles, et mène des ateliers de théâtre dans les écoles | Lectures et saynètes sur le stand ; écoles et communes, découvrez nos ateliers et notre prochaine création.
association | 4 | Crèche parentale {children} ; {children} ; Halte-garderie {children} | 9220:100 | 88.91A | 02:30 03:50 11:20 | petite enfance, familles | any | accueille les tout-petits, avec les parents associés à la vie de la crèche | Un coin jeux pour les tout-petits, et comment les parents participent à la vie de la crèche.
association | 4 | École de musique {de commune} ; Harmonie {de commune} ; {commune} Musique | 9220:100 | 85.52Z | 02:30 03:40 11:30 | culture, musique, éducation | any | enseigne la musique aux enfants et aux adultes et anime un orchestre | Essais d’instruments pour petits et grands, et un concert de nos élèves le samedi après-midi.
association | 3 | Mobilité solidaire {department} ; Garage solidaire {de commune} ; Auto-école sociale {de commune} ; {commune} Mobilités ; Roue libre {de commune} | 9221:60 9220:40 | 49.39B 77.11A | 02:40 03:40 11:20 | mobilité, insertion | town | prête des véhicules et forme à la conduite les personnes en recherche d’emploi | Nos solutions pour aller travailler sans voiture : prêt de véhicules, auto-école sociale, vélos électriques.
association | 3 | Numérique pour tous {commune} ; Point numérique {de commune} ; {word} Numérique | 9220:100 | 85.59B | NN:30 01:40 02:30 | numérique, inclusion | any | accompagne les habitants dans leurs démarches en ligne et forme aux outils numériques | Aide aux démarches en ligne sur le stand, et nos ordinateurs reconditionnés à petit prix.
cooperative | 8 | {surname} Bâtiment SCOP ; SCOP {surname} et associés ; Les Bâtisseurs {de commune} | 5458:70 5558:20 5195:10 | 43.99C 43.21A 43.32A | 01:20 02:25 03:20 11:20 12:15 | BTP, SCOP | any | coopérative de salariés du bâtiment, rénove et construit | Nos chantiers de rénovation énergétique, et comment nos salariés deviennent associés de la SCOP.
cooperative | 6 | Coopérative {word} ; {word} Coop ; SCOP {word} Conseil | 5458:60 5460:40 | 71.12B 62.01Z 70.22Z 74.10Z | 01:20 02:35 03:30 11:15 | SCOP, ingénierie, numérique | any | coopérative de salariés d’ingénierie et de conseil | Nos études et nos outils pour les collectivités et les associations ; rencontrons-nous pour vos projets.
cooperative | 4 | {commune} Énergies citoyennes (SCIC) ; SCIC Soleil {de commune} ; Les Toits solaires {de commune} | 5460:50 5560:50 | 35.11Z | NN:60 01:40 | énergie, transition, SCIC | any | finance et exploite des installations solaires avec les habitants et les collectivités | Nos toitures solaires en chiffres, et comment devenir sociétaire à partir d’une part de 50 €.
cooperative | 4 | Épicerie coopérative {de commune} ; La Coop {de commune} ; {word} Coop | 5460:100 | 47.29Z | 01:50 02:50 | alimentation, circuits courts, SCIC | any | vend les produits des fermes voisines, gérée par ses clients, salariés et producteurs | Dégustation des produits de nos fermes partenaires, et comment devenir client-sociétaire.
cooperative | 7 | CUMA {de commune} ; CUMA {de commune} ; CUMA {vale} | 6316:100 | 01.61Z | NN:70 01:30 | agriculture, matériel partagé | village | met en commun le matériel agricole de ses adhérents | Le matériel que nos agriculteurs partagent, et ce que cela change pour une jeune installation.
cooperative | 5 | Coopérative agricole {de commune} ; {commune} Céréales ; Union des producteurs {department} | 6317:100 | 46.21Z 01.11Z | 03:30 11:40 12:30 | agriculture, céréales | village | collecte et commercialise les récoltes de ses agriculteurs adhérents | Les filières locales de nos agriculteurs adhérents, du champ au moulin.
cooperative | 6 | Cave coopérative {de commune} ; Les Vignerons {de commune} ; Cellier {de commune} | 6317:100 | 11.02B | 03:30 11:40 12:30 | viticulture, agriculture | village 51 10 67 68 | vinifie et vend les raisins de ses vignerons coopérateurs | Dégustation (avec modération) des vins de nos vignerons coopérateurs.
cooperative | 3 | {word} CAE ; Coopérative d’activité et d’emploi {department} [CAE] | 5460:100 | 70.22Z 82.11Z | 03:30 11:50 12:20 | entrepreneuriat, CAE | town | héberge et accompagne des entrepreneurs salariés (coopérative d’activité et d’emploi) | Vous voulez créer votre activité sans être seul ? Nos entrepreneurs salariés vous racontent.
mutual | 5 | Mutuelle {mutual} {department} ; Mutuelle {mutual} {department} ; Mutuelle {commune} | 8210:100 | 65.12Z | 11:30 12:40 21:30 | santé, prévoyance | town | complémentaire santé à but non lucratif, gérée par ses adhérents | Prévention santé sur le stand (dépistage, conseils), et ce que veut dire une mutuelle gérée par ses adhérents.
mutual | 2 | Mutuelle d’assurance des artisans {department} ; Caisse mutuelle des artisans {department} | 6411:100 | 65.12Z | 12:50 21:50 | assurance | town | assure les artisans et leurs ateliers | Assurer un atelier ou un chantier : nos conseillers répondent aux artisans et aux créateurs.
mutual | 3 | Centre de santé mutualiste {de commune} ; Maison de santé mutualiste {de commune} | 8290:100 | 86.21Z 86.23Z | 11:40 12:60 | santé, soins | town | soigne sans dépassement d’honoraires, en médecine générale et dentaire | Nos consultations sans dépassement d’honoraires, et les postes de soignants que nous ouvrons.
foundation | 4 | Fondation {surname} ; Fondation {surname}-{surname} ; Fondation Maison {de commune} | 9300:100 | 87.10A 87.30A | 21:40 22:40 32:20 | personnes âgées, santé | any | gère des établissements d’accueil pour personnes âgées et handicapées | La vie dans nos établissements, et nos métiers du soin et de l’accompagnement.
foundation | 3 | Fondation pour {cause} {department} ; Fonds de dotation {word} | 9300:100 | 88.99B 87.90A 72.19Z | NN:30 03:30 12:40 | mécénat, solidarité | town | soutient des projets d’intérêt général par ses dons et ses établissements | Les projets que nous avons soutenus cette année, et comment nous présenter le vôtre.
esus | 3 | {word} Insertion ; Tremplin {de commune} ; {word} Services | 5710:60 5499:40 | 78.20Z 81.21Z | 11:40 12:60 | insertion, ESUS | any | entreprise d’insertion agréée ESUS : des missions de travail pour des personnes éloignées de l’emploi | Entreprises, confiez-nous des missions ; candidats, venez parler de nos postes en insertion.
esus | 2 | Recyclerie {word} SAS ; {word} Réemploi SAS | 5710:100 | 38.32Z 47.79Z | 03:50 11:50 | réemploi, ESUS | any | entreprise agréée ESUS qui collecte et remet en état du mobilier et de l’électroménager | Du mobilier et de l’électroménager remis à neuf, garantis, et notre collecte pour les entreprises.
esus | 2 | Atelier {word} Réparation ; Le Vélo {de commune} ; Répar’ {commune} | 5720:50 5710:50 | 95.29Z 95.22Z | 01:50 02:50 | réparation, ESUS | any | entreprise agréée ESUS qui répare vélos, textiles et petits appareils | Apportez un vélo ou un petit appareil en panne : nous le diagnostiquons sur place.
company | 6 | Forges {de commune} ; Forges et ateliers {de commune} ; {commune} Forge | 5710:60 5599:40 | 25.50A | 11:30 12:40 21:30 | industrie, métallurgie | any | forge et usine des pièces pour l’automobile et l’aéronautique | -
company | 4 | Coutellerie {surname} ; Coutellerie {de commune} ; {surname} Couteaux | 5499:60 5710:40 | 25.71Z | 02:30 03:40 11:30 | industrie, artisanat | any | fabrique des couteaux et des outils de coupe | -
company | 4 | Décolletage {de commune} ; {surname} Précision ; Mécanique {de commune} | 5710:60 5499:40 | 25.62A | 11:40 12:40 21:20 | industrie, mécanique | any | usine des pièces de précision en série | -
company | 8 | Transports {surname} ; {surname} Frères Transports ; Transports {de commune} ; {surname} Express | 5499:50 5710:50 | 49.41A | 03:20 11:40 12:30 21:10 | logistique, transport | any | transporte des marchandises par la route | -
company | 3 | {surname} Logistique ; Logistique {de commune} ; Entrepôts {de commune} | 5710:100 | 52.10B | 11:40 12:60 | logistique | any | stocke et prépare les commandes de ses clients | -
company | 5 | Hôtel {hotel} ; Hostellerie {de commune} ; Hôtel {hotel} | 5499:70 5720:30 | 55.10Z | 02:40 03:40 11:20 | hôtellerie-restauration, tourisme | any | accueille voyageurs et touristes | -
company | 6 | {restaurant} ; La Table {de commune} ; Le Comptoir {de commune} ; Chez {firstname} | 5499:60 5720:40 | 56.10A | 01:30 02:40 03:30 | hôtellerie-restauration | any | sert une cuisine de saison faite maison | -
company | 5 | Boulangerie {surname} ; Au Pain {de commune} ; Maison {surname} ; Fournil {de commune} | 5499:60 5720:40 | 10.71C | 01:30 02:50 03:20 | commerce, alimentation | any | fabrique pain et pâtisseries | -
company | 6 | Menuiserie {surname} ; {surname} Menuiserie ; Menuiserie {de commune} ; Ébénisterie {surname} | 5499:60 5710:40 | 43.32A | 01:20 02:40 03:30 11:10 | BTP, bois | any | pose portes, fenêtres et agencements | -
company | 6 | {surname} Maçonnerie ; Maçonnerie {surname} et Fils ; {surname} Bâtiment ; Entreprise {surname} | 5499:60 5710:40 | 43.99C | 02:30 03:40 11:30 | BTP | any | construit et rénove maisons et bâtiments | -
company | 5 | Plomberie Chauffage {surname} ; {surname} Thermique ; Chauffage {de commune} | 5499:60 5720:40 | 43.22A | 01:30 02:40 03:30 | BTP | any | installe et entretient chauffage et sanitaires | -
company | 4 | Électricité {surname} ; {surname} Électricité ; {commune} Élec | 5499:60 5720:40 | 43.21A | 01:30 02:40 03:30 | BTP | any | réalise les installations électriques des particuliers et des entreprises | -
company | 4 | Garage {surname} ; Garage {de commune} ; {commune} Automobiles | 5499:70 5720:30 | 45.20A | 01:30 02:50 03:20 | commerce, automobile | any | entretient et répare les véhicules | -
company | 3 | Cabinet {surname} expertise comptable ; {surname} & Associés ; Fiduciaire {department} | 5710:60 5499:40 | 69.20Z | 02:30 03:40 11:30 | services aux entreprises | town | tient la comptabilité et conseille les entreprises du territoire | -
company | 3 | Scierie {surname} ; Scierie {de commune} ; {surname} Bois | 5499:60 5710:40 | 16.10A | 02:30 03:40 11:30 | bois, industrie | village | scie et sèche les bois des forêts voisines | -
company | 3 | {surname} Informatique ; Info {commune} ; {commune} Réseaux | 5720:50 5710:50 | 62.02A | 01:40 02:40 03:20 | numérique, services aux entreprises | any | installe et maintient les réseaux et logiciels des entreprises | -
company | 3 | Quincaillerie {surname} ; Comptoir du bricolage {de commune} | 5499:100 | 47.52A | 01:40 02:40 03:20 | commerce | any | vend outillage et matériaux aux particuliers et aux artisans | -
company | 3 | {surname} Immobilier ; Cabinet {surname} Immobilier ; Immobilière {de commune} | 5720:50 5499:50 | 68.31Z | 01:50 02:50 | immobilier | town | vend et loue des logements | -
company | 2 | Imprimerie {surname} ; Imprimerie {de commune} ; {commune} Impressions | 5499:60 5710:40 | 18.12Z | 03:50 11:50 | industrie, communication | any | imprime documents, affiches et emballages | -
company | 2 | Plasturgie {word} ; {commune} Plastiques | 5710:100 | 22.29A | 11:30 12:40 21:30 | industrie | any | moule des pièces plastiques techniques | -
company | 3 | Travaux publics {surname} ; {surname} TP ; TP {de commune} | 5710:60 5499:40 | 42.11Z | 11:40 12:40 21:20 | BTP | any | construit et entretient routes et réseaux | -
company | 3 | Paysages {surname} ; {surname} Paysagiste ; Espaces verts {de commune} | 5499:60 5720:40 | 81.30Z | 01:30 02:40 03:30 | environnement | any | crée et entretient parcs et jardins | -
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
    const [kind, weight, names, legal, naf, headcount, tags, place, blurb, stand] = line
      .split('|')
      .map((x) => x.trim());
    const [where, ...departments] = place.split(/\s+/);
    return {
      kind: kind as DemoKind,
      weight: Number(weight),
      patterns: names.split(';').map((n) => {
        const [, pattern, acronym] = /^(.*?)\s*(?:\[(\w+)\])?$/.exec(n.trim())!;
        return { pattern, acronym: acronym ?? null };
      }),
      legalCategories: weightedList(legal),
      naf: naf.split(/\s+/),
      headcount: weightedList(headcount),
      tags: tags.split(',').map((t) => t.trim()),
      place: where as Template['place'],
      departments: departments.length ? departments : undefined,
      blurb,
      stand: stand === '-' ? null : stand,
    };
  });

/** "de Metz", "d’Épinal", "du Thillot", "des Forges": "de" before a name, contracted as French does. */
const elide = (word: string) =>
  word.startsWith('Le ')
    ? `du ${word.slice(3)}`
    : word.startsWith('Les ')
      ? `des ${word.slice(4)}`
      : /^[AEIOUYÉÈÊÎH]/i.test(word)
        ? `d’${word}`
        : `de ${word}`;

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
