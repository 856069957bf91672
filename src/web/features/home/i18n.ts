export default {
  fr: {
    home: {
      title: 'Maillage, la plateforme des réseaux économiques des territoires',
      lead: "Un annuaire partagé des entreprises et organisations de l'économie sociale et solidaire, les événements des réseaux et un observatoire de leur territoire.",
      searchLabel: "Rechercher dans l'annuaire",
      searchPlaceholder: 'Nom, activité, commune…',
      partsTitle: 'Ce que vous trouverez ici',
      parts: {
        directory: 'Les organisations du territoire : identité, activité, commune, réseaux.',
        agenda: 'Les événements des réseaux et les inscriptions.',
        observatory: "Les chiffres de l'économie sociale et solidaire par territoire.",
        members: 'Les adhésions aux réseaux (bientôt).',
        gtec: 'La gestion territoriale des emplois et des compétences (bientôt).',
      },
      whoTitle: 'Pour qui ?',
      who: "Pour les chambres régionales de l'ESS (CRESS), les clubs d'entreprises et leurs adhérents : un outil libre, ouvert et partagé pour se connaître et agir ensemble.",
    },
  },
  en: {
    home: {
      title: 'Maillage, the platform of local economic networks',
      lead: 'A shared directory of social and solidarity economy organisations, the networks’ events and an observatory of their area.',
      searchLabel: 'Search the directory',
      searchPlaceholder: 'Name, activity, town…',
      partsTitle: 'What you will find here',
      parts: {
        directory: 'Organisations of the area: identity, activity, town, networks.',
        agenda: 'Network events and registrations.',
        observatory: 'Social and solidarity economy figures by area.',
        members: 'Network memberships (coming soon).',
        gtec: 'Local jobs and skills planning (coming soon).',
      },
      whoTitle: 'Who is it for?',
      who: 'For regional social economy chambers (CRESS), business clubs and their members: a free, open and shared tool to know each other and act together.',
    },
  },
};
