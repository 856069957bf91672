// Vocabulary of the demo programme: plausible titles per format, descriptions, and the weights that shape it.

/** Grand Est departments with their share of the ~182 events (roughly by population). */
export const departmentShares: [string, number][] = [
  ['67', 39],
  ['57', 34],
  ['68', 25],
  ['54', 23],
  ['51', 19],
  ['88', 12],
  ['10', 10],
  ['08', 9],
  ['55', 6],
  ['52', 5],
];

export const formatWeights: [string, number][] = [
  ['conference', 22],
  ['workshop', 30],
  ['visit', 26],
  ['afterwork', 6],
  ['fair', 7],
  ['training', 10],
  ['business_meeting', 8],
  ['screening', 12],
  ['festive', 10],
  ['other', 4],
];

/** Titles per format; {org} is the organiser, {town} the commune. */
export const titles: Record<string, string[]> = {
  conference: [
    'Conférence-débat : la finance solidaire au service du territoire',
    'Table ronde : l’ESS, un levier pour l’emploi local',
    'Rencontre : coopérer entre associations et collectivités',
    'Conférence : la transition écologique par les circuits courts',
    'Débat : quelle place pour les jeunes dans l’ESS ?',
    'Conférence : les SCIC, un modèle pour les services publics locaux',
    'Table ronde : l’égalité femmes-hommes dans les entreprises de l’ESS',
  ],
  workshop: [
    'Atelier réparation de vélos',
    'Repair café de {town}',
    'Atelier zéro déchet : fabriquer ses produits ménagers',
    'Atelier : créer son association, mode d’emploi',
    'Atelier cuisine anti-gaspi',
    'Fresque du climat',
    'Atelier couture et réemploi textile',
    'Atelier numérique : les outils libres pour les associations',
  ],
  visit: [
    'Portes ouvertes chez {org}',
    'Visite de la recyclerie {org}',
    'Visite du chantier d’insertion {org}',
    'Découverte de la ferme coopérative',
    'Portes ouvertes de la ressourcerie',
    'Visite de l’atelier d’insertion',
  ],
  afterwork: [
    'Afterwork de l’ESS à {town}',
    'Apéro des entrepreneurs sociaux',
    'Afterwork coopération et territoires',
  ],
  fair: [
    'Forum de l’emploi solidaire',
    'Salon des associations de {town}',
    'Marché de Noël solidaire',
    'Forum des métiers de l’ESS',
  ],
  training: [
    'Formation : gérer la comptabilité d’une association',
    'Formation : mesurer son impact social',
    'Formation : répondre à un marché public avec une clause sociale',
    'Formation : devenir administrateur bénévole',
  ],
  business_meeting: [
    'Rendez-vous d’affaires ESS et entreprises du territoire',
    'Speed-meeting achats responsables',
    'Rencontre acheteurs publics et structures d’insertion',
  ],
  screening: [
    'Ciné-débat « Demain »',
    'Projection-débat : « Les Coopérants »',
    'Ciné-débat : « Nouvelle cordée »',
    'Projection du documentaire « La Ferme des possibles »',
  ],
  festive: [
    'Fête de l’ESS à {town}',
    'Concert solidaire au profit de la banque alimentaire',
    'Repas partagé et jeux coopératifs',
    'Soirée contes et musique au tiers-lieu',
  ],
  other: ['Balade découverte des initiatives solidaires de {town}', 'Journée bénévolat : venez essayer !'],
};

export const themesByFormat: Record<string, string[]> = {
  conference: ['finance', 'cooperation', 'transition', 'employment', 'equality', 'youth'],
  workshop: ['circular', 'transition', 'digital', 'food', 'entrepreneurship'],
  visit: ['circular', 'employment', 'food', 'care'],
  afterwork: ['cooperation', 'entrepreneurship'],
  fair: ['employment', 'cooperation', 'culture'],
  training: ['entrepreneurship', 'finance', 'employment'],
  business_meeting: ['cooperation', 'entrepreneurship', 'employment'],
  screening: ['transition', 'culture', 'food', 'cooperation'],
  festive: ['culture', 'cooperation', 'care'],
  other: ['cooperation', 'youth', 'mobility', 'housing'],
};

/** Local start and end times per format ("HH:MM"). */
export const hoursByFormat: Record<string, [string, string][]> = {
  conference: [
    ['18:00', '20:00'],
    ['14:00', '16:30'],
    ['18:30', '20:30'],
  ],
  workshop: [
    ['14:00', '17:00'],
    ['09:30', '12:00'],
    ['10:00', '12:30'],
  ],
  visit: [
    ['10:00', '12:00'],
    ['14:00', '16:00'],
  ],
  afterwork: [['18:30', '21:00']],
  fair: [
    ['09:30', '17:30'],
    ['10:00', '18:00'],
  ],
  training: [
    ['09:00', '12:30'],
    ['14:00', '17:30'],
  ],
  business_meeting: [
    ['08:30', '12:00'],
    ['14:00', '18:00'],
  ],
  screening: [
    ['20:00', '22:30'],
    ['18:30', '21:00'],
  ],
  festive: [
    ['18:00', '23:00'],
    ['12:00', '16:00'],
  ],
  other: [
    ['10:00', '12:30'],
    ['14:00', '17:00'],
  ],
};

export const descriptions = [
  'Une rencontre ouverte à toutes et à tous pour découvrir comment {org} agit au quotidien à {town}.\n\n- présentation des activités\n- échanges avec l’équipe et les bénévoles\n- temps convivial',
  'Dans le cadre du **Mois de l’ESS**, {org} vous invite à venir partager ses savoir-faire.\n\nInscription conseillée, places limitées.',
  'Venez rencontrer les acteurs de l’économie sociale et solidaire du territoire et échanger sur les projets en cours à {town}.',
  'Un temps pour comprendre, débattre et agir : intervenants locaux, témoignages et questions du public.\n\nAccessible aux personnes à mobilité réduite.',
];

export const streets = [
  'rue de la République',
  'place de l’Hôtel de Ville',
  'rue Jean Jaurès',
  'avenue de la Gare',
  'rue des Tanneurs',
  'rue Pasteur',
  'quai des Bateliers',
  'rue du Moulin',
];
export const venues = [
  'Salle des fêtes',
  'Maison des associations',
  'Tiers-lieu La Fabrique',
  'Médiathèque',
  'Espace coopératif',
  'Locaux de l’organisation',
  'Cinéma municipal',
  'Halle du marché',
];
