export default {
  fr: {
    privacy: {
      title: 'Mes données personnelles',
      intro:
        'Recevez par e-mail un lien pour télécharger tout ce que la plateforme détient sur votre adresse : compte, adhésions, inscriptions, mises en relation, abonnements, messages reçus. Le fichier zip contient des fichiers JSON et des tableaux CSV ; le lien est valable 30 minutes.',
      email: 'Votre adresse e-mail',
      submit: 'Recevoir le lien',
      erasure:
        'Pour faire effacer vos données, écrivez au responsable du réseau concerné (voir les mentions légales).',
      admin: {
        title: 'Exporter les données d’une personne',
        intro:
          'Réservé à l’administration de la plateforme : le fichier est téléchargé tout de suite, et l’export est noté au journal.',
        email: 'Adresse e-mail de la personne',
        submit: 'Télécharger le fichier zip',
        done: 'Données de {email} téléchargées.',
      },
    },
  },
  en: {
    privacy: {
      title: 'My personal data',
      intro:
        'Get a link by e-mail to download everything the platform holds about your address: account, memberships, registrations, introductions, subscriptions, mails received. The zip holds JSON files and CSV tables; the link is valid for 30 minutes.',
      email: 'Your e-mail address',
      submit: 'Send me the link',
      erasure: 'To have your data erased, write to the network concerned (see the legal notice).',
      admin: {
        title: 'Export a person’s data',
        intro:
          'For the platform admin only: the file downloads at once, and the export is written to the log.',
        email: 'The person’s e-mail address',
        submit: 'Download the zip file',
        done: 'Data of {email} downloaded.',
      },
    },
  },
};
