export default {
  fr: {
    privacy: {
      title: 'Mes données personnelles',
      intro:
        'Recevez par e-mail un lien pour télécharger tout ce que la plateforme détient sur votre adresse : compte, adhésions, inscriptions, mises en relation, abonnements, messages reçus. Le fichier zip contient des fichiers JSON et des tableaux CSV ; le lien est valable 30 minutes.',
      email: 'Votre adresse e-mail',
      submit: 'Recevoir le lien',
      loading: 'Chargement…',
      erase: {
        title: 'Faire effacer mes données',
        intro:
          'Recevez par e-mail un lien pour confirmer l’effacement de ce que la plateforme détient sur votre adresse. Les pièces comptables (reçus, paiements) sont conservées 10 ans, votre nom y est remplacé ; le journal garde les faits sous un pseudonyme.',
        submit: 'Recevoir le lien d’effacement',
        linkTitle: 'Effacer mes données personnelles',
        linkIntro: 'Ce lien efface tout ce que la plateforme détient sur l’adresse {email}, en un clic.',
        kept: 'Sont conservés sans votre nom : les pièces comptables (10 ans, obligation légale), les effectifs des événements passés et le journal des modifications (sous un pseudonyme). Cette action est définitive.',
        confirm: 'Effacer mes données',
        after: 'C’est fait : votre compte est supprimé et ce lien ne sert plus.',
        reportTitle: 'Ce qui a été fait',
        reportSummary:
          '{deleted} lignes supprimées, {pseudonymised} lignes conservées sous le pseudonyme « {pseudonym} ».',
        adminTitle: 'Effacer les données d’une personne',
        adminIntro:
          'Réservé à l’administration de la plateforme : tout ce qui concerne l’adresse est supprimé ou anonymisé tout de suite, et l’effacement est noté au journal (sans l’adresse).',
        adminSubmit: 'Effacer les données',
        adminConfirm: 'Effacer définitivement les données de {email} ?',
      },
      register: {
        title: 'Registre des traitements',
        intro:
          'Ce que la plateforme détient, pourquoi, sur quelle base légale, combien de temps et qui le voit. Les durées sont celles réglées aujourd’hui.',
        link: 'Registre des traitements',
        data: 'Données',
        purpose: 'Finalité',
        legalBasis: 'Base légale',
        retention: 'Durée de conservation',
        audience: 'Qui les voit',
      },
      retention: {
        title: 'Durées de conservation',
        intro:
          'Chaque nuit, les données échues sont supprimées ou anonymisées (les effectifs restent pour les statistiques). Ces durées valent pour toute la plateforme.',
        link: 'Durées de conservation des données',
        registrantsMonths: 'Inscrits aux événements : mois après l’événement',
        unconfirmedSubscriptionDays: 'Inscriptions aux lettres non confirmées : jours',
        relationsInactiveMonths: 'Fichier des relations : mois sans échange',
        gtecAnswersMonths: 'Réponses GTEC : mois après la clôture (vide : jusqu’à suppression par le réseau)',
        default: 'Par défaut : {value}',
        none: 'aucune limite',
        save: 'Enregistrer',
        saved: 'Durées enregistrées.',
        readOnly: 'Seule l’administration de la plateforme peut modifier ces durées.',
        lastRun: 'Dernier passage : {day} ({total} lignes effacées ou anonymisées).',
        neverRun: 'Les règles n’ont pas encore été appliquées.',
      },
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
      loading: 'Loading…',
      erase: {
        title: 'Have my data erased',
        intro:
          'Get a link by e-mail to confirm the erasure of what the platform holds about your address. Accounting records (receipts, payments) are kept for 10 years with your name replaced; the log keeps the facts under a pseudonym.',
        submit: 'Send me the erasure link',
        linkTitle: 'Erase my personal data',
        linkIntro: 'This link erases everything the platform holds about the address {email}, in one click.',
        kept: 'Kept without your name: accounting records (10 years, a legal obligation), the counts of past events and the audit log (under a pseudonym). This cannot be undone.',
        confirm: 'Erase my data',
        after: 'Done: your account is deleted and this link no longer works.',
        reportTitle: 'What was done',
        reportSummary: '{deleted} rows deleted, {pseudonymised} rows kept under the pseudonym “{pseudonym}”.',
        adminTitle: 'Erase a person’s data',
        adminIntro:
          'For the platform admin only: everything about the address is deleted or pseudonymised at once, and the erasure is written to the log (without the address).',
        adminSubmit: 'Erase the data',
        adminConfirm: 'Erase the data of {email} for good?',
      },
      register: {
        title: 'Register of processing',
        intro:
          'What the platform holds, why, on what legal basis, for how long and who sees it. The durations are those set today.',
        link: 'Register of processing',
        data: 'Data',
        purpose: 'Purpose',
        legalBasis: 'Legal basis',
        retention: 'Kept for',
        audience: 'Who sees it',
      },
      retention: {
        title: 'Retention periods',
        intro:
          'Every night, data past its time is deleted or pseudonymised (counts stay for statistics). These periods apply to the whole platform.',
        link: 'How long personal data is kept',
        registrantsMonths: 'Event registrants: months after the event',
        unconfirmedSubscriptionDays: 'Unconfirmed newsletter subscriptions: days',
        relationsInactiveMonths: 'Relations log: months without interaction',
        gtecAnswersMonths: 'GTEC answers: months after the close (empty: until the network deletes them)',
        default: 'Default: {value}',
        none: 'no limit',
        save: 'Save',
        saved: 'Periods saved.',
        readOnly: 'Only the platform admin can change these periods.',
        lastRun: 'Last run: {day} ({total} rows erased or pseudonymised).',
        neverRun: 'The rules have not been applied yet.',
      },
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
